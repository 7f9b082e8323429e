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
import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

const text = z.string({
  required_error: 'is required',
  invalid_type_error: 'must be a string',
});

/** `before` and `after`: a resource's attributes, or null where it does not exist. */
const values = z
  .record(z.unknown(), { invalid_type_error: 'must be an object or null' })
  .nullable()
  .optional();

const resourceChangeSchema = z.object(
  {
    address: text,
    type: text,
    mode: text.optional(),
    change: z
      .object(
        {
          actions: z
            .array(text, { invalid_type_error: 'must be a list of strings' })
            .optional(),
          before: values,
          after: values,
        },
        { invalid_type_error: 'must be an object' },
      )
      .optional(),
  },
  { invalid_type_error: 'must be an object' },
);

const planSchema = z.object({
  resource_changes: z.array(resourceChangeSchema, {
    required_error: 'must be the output of `terraform show -json <planfile>`',
    invalid_type_error:
      'must be the output of `terraform show -json <planfile>`',
  }),
});

/** The part of `terraform show -json` output the pricer reads. */
export type PlanShape = z.infer<typeof planSchema> & {
  /** The AWS provider's region, when the configuration sets it as a constant. */
  awsRegion?: string;
};

/** How many problems one message lists; a broken plan can have thousands. */
const MAX_PROBLEMS = 5;

/** `plan.resource_changes[0].type`, the way the plan is written. */
function pathOf(path: (string | number)[]): string {
  return path.reduce<string>(
    (s, p) => (typeof p === 'number' ? `${s}[${p}]` : `${s}.${p}`),
    'plan',
  );
}

/**
 * Checks the parts of a plan the pricer reads and refuses the rest with a
 * 400 naming each field, e.g. `plan.resource_changes[0]: must be an object`:
 * without it a plan of the wrong shape failed deep inside the pricer (a 500).
 */
export function parsePlanShape(plan: unknown): PlanShape {
  if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) {
    throw new InputError(
      'Invalid plan: plan: must be the JSON of `terraform show -json <planfile>`',
    );
  }
  const result = planSchema.safeParse(plan);
  if (!result.success) {
    const issues = result.error.issues;
    const listed = issues
      .slice(0, MAX_PROBLEMS)
      .map(issue => `${pathOf(issue.path)}: ${issue.message}`);
    if (issues.length > MAX_PROBLEMS) {
      listed.push(`and ${issues.length - MAX_PROBLEMS} more`);
    }
    throw new InputError(`Invalid plan: ${listed.join('; ')}`);
  }
  // Only a constant is a region; an expression (a variable) has none here.
  const region = (plan as any).configuration?.provider_config?.aws?.expressions
    ?.region?.constant_value;
  return {
    ...result.data,
    ...(typeof region === 'string' ? { awsRegion: region } : {}),
  };
}
