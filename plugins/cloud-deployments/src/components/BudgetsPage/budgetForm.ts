/*
 * Copyright 2026 The Cloud Deployments for Backstage Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import {
  Budget,
  createBudgetRequestSchema,
  CreateBudgetRequest,
  updateBudgetRequestSchema,
  UpdateBudgetRequest,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/**
 * The text fields of the budget dialogs, as typed.
 *
 * @internal
 */
export type BudgetFormValues = {
  owner: string;
  system: string;
  environment: string;
  amount: string;
  thresholds: string;
};

/**
 * What is wrong with each field, in the words of the -common schemas.
 *
 * @internal
 */
export type BudgetFormErrors = Partial<Record<keyof BudgetFormValues, string>>;

/** @internal */
export const emptyBudgetForm: BudgetFormValues = {
  owner: '',
  system: '',
  environment: '',
  amount: '',
  thresholds: '',
};

/**
 * The fields of the edit dialog for a budget as it is.
 *
 * @internal
 */
export function budgetFormOf(budget: Budget): BudgetFormValues {
  return {
    owner: budget.owner,
    system: budget.system ?? '',
    environment: budget.environment ?? '',
    amount: String(budget.amount),
    thresholds: budget.thresholds.join(', '),
  };
}

const optionalText = (text: string) => text.trim() || undefined;

// "$1,200" is as clear as "1200"; anything else that is no number is left
// for the schema to refuse in its own words.
function parseAmount(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const number = Number(trimmed.replace(/^\$/, '').replace(/[,\s]/g, ''));
  return Number.isNaN(number) ? trimmed : number;
}

/** A comma list of percentages; blank means the backend's defaults. */
function parseThresholds(
  text: string,
): { value: number[] | undefined } | { error: string } {
  const parts = text
    .split(',')
    .map(part => part.trim().replace(/\s*%$/, ''))
    .filter(Boolean);
  if (parts.length === 0) return { value: undefined };
  const notNumbers = parts.filter(part => Number.isNaN(Number(part)));
  if (notNumbers.length > 0) {
    return {
      error: `must be percentages separated by commas, like "80, 100" ("${notNumbers[0]}" is not a number)`,
    };
  }
  return { value: parts.map(Number) };
}

type Issue = { path: (string | number)[]; message: string };

function errorsOf(issues: Issue[], thresholds: number[] = []) {
  const errors: BudgetFormErrors = {};
  for (const issue of issues) {
    const field = issue.path[0] as keyof BudgetFormValues;
    const index = issue.path[1];
    const message =
      field === 'thresholds' && typeof index === 'number'
        ? `${thresholds[index]} ${issue.message}`
        : issue.message;
    // The first problem of a field is the one to fix first.
    errors[field] ??= message;
  }
  return errors;
}

/**
 * The `POST /budgets` body of the new-budget dialog, or what is wrong with
 * its fields: the schema the backend checks with, so that it never gets a
 * body it would refuse.
 *
 * @internal
 */
export function validateCreateBudget(
  values: BudgetFormValues,
):
  | { request: CreateBudgetRequest; errors?: undefined }
  | { request?: undefined; errors: BudgetFormErrors } {
  const thresholds = parseThresholds(values.thresholds);
  const result = createBudgetRequestSchema.safeParse({
    owner: values.owner.trim(),
    system: optionalText(values.system),
    environment: optionalText(values.environment),
    amount: parseAmount(values.amount),
    thresholds: 'value' in thresholds ? thresholds.value : undefined,
  });
  const errors = result.success
    ? {}
    : errorsOf(
        result.error.issues,
        'value' in thresholds ? thresholds.value : [],
      );
  if ('error' in thresholds) errors.thresholds = thresholds.error;
  if (result.success && Object.keys(errors).length === 0) {
    return { request: result.data };
  }
  return { errors };
}

/**
 * The `PATCH /budgets/:id` body of the edit dialog, sent with the version the
 * budget was read at, or what is wrong with its fields.
 *
 * @internal
 */
export function validateUpdateBudget(
  values: BudgetFormValues,
  version: number,
):
  | { request: UpdateBudgetRequest; errors?: undefined }
  | { request?: undefined; errors: BudgetFormErrors } {
  const thresholds = parseThresholds(values.thresholds);
  const amount = parseAmount(values.amount);
  const result = updateBudgetRequestSchema.safeParse({
    version,
    amount,
    thresholds: 'value' in thresholds ? thresholds.value : undefined,
  });
  const errors: BudgetFormErrors = result.success
    ? {}
    : errorsOf(
        result.error.issues,
        'value' in thresholds ? thresholds.value : [],
      );
  // Both are optional in a PATCH, but the dialog shows both: blank would
  // read as "none", which the backend cannot store.
  if (amount === undefined) errors.amount = 'is required';
  if ('error' in thresholds) errors.thresholds = thresholds.error;
  else if (thresholds.value === undefined) {
    errors.thresholds = 'must name at least one percentage';
  }
  if (result.success && Object.keys(errors).length === 0) {
    return { request: result.data };
  }
  return { errors };
}
