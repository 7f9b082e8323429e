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
import { useEffect, useState } from 'react';
import { WarningPanel } from '@backstage/core-components';
import {
  FieldExtensionComponentProps,
  makeFieldSchema,
} from '@backstage/plugin-scaffolder-react';
import {
  CostEstimate,
  DEPLOYMENT_PROVIDERS,
  DeploymentProvider,
  describeMonthlyCost,
  EstimateTotalKind,
  usageAssumptionsSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { summarizePriceSources } from '../../utils/priceIssues';
import { EstimateBreakdown, MonthlyTotal } from '../EntityCostEstimateCard';
import {
  describeMissing,
  toEstimateInputs,
  UsageAssumptions,
} from './estimateInputs';
import { CompareTargets } from './CompareTargets';
import { EstimateError, OverBudget } from './estimatePanels';
import { estimateKeyOf, useLiveEstimate } from './useLiveEstimate';
import { UsageAssumptions as UsageAssumptionsSection } from './UsageAssumptions';
import {
  ChosenUsage,
  formConcurrency,
  usageAssumptionsOf,
  withChosenUsage,
} from './usageFields';

/**
 * What the `CloudCostEstimate` field stores as its form value: a summary of
 * the estimate of the form's current values, for the review step and the
 * template's steps. Absent while there is no estimate of the current values.
 *
 * @public
 */
export type CloudCostEstimateValue = {
  /** The monthly total, or `null` when some line has no price (see `pricedSubtotal`). */
  monthlyCost: number | null;
  /** The sum of the priced lines: a lower bound when lines are missing. */
  pricedSubtotal: number;
  /** How sure the total is: exact, approximate, partial or unknown. */
  totalKind: EstimateTotalKind;
  /** How many lines have no price. */
  missingLines: number;
  /** The regions whose prices stand in for the asked one's. */
  approximateFrom: string[];
  /** The cost as text that says all of that, e.g. `≥ $12.00 a month, 1 line unpriced`. */
  summary: string;
  currency: 'USD';
  /** The date of the oldest price used, `YYYY-MM-DD`. */
  asOf: string;
  /** The usage priced, when not all defaults: pass it to `cloud:estimate`. */
  usage?: UsageAssumptions;
  /** Cloud Run concurrency chosen in the usage section (the form set none). */
  concurrency?: number;
};

/**
 * The `ui:options` of the `CloudCostEstimate` field.
 *
 * @public
 */
export type CloudCostEstimateUiOptions = {
  /** The target to price the form's region and compute on. */
  provider: DeploymentProvider;
  /** The usage to assume where the defaults (always on) do not fit. */
  usage?: UsageAssumptions;
  /**
   * A monthly budget in USD: above it, the field warns that the deployment
   * is over budget. It never blocks the form. The backend has no budgets, so
   * this is where a template states one.
   */
  monthlyBudget?: number;
};

/** The props the scaffolder form gives the field. */
export type CloudCostEstimateFieldProps = FieldExtensionComponentProps<
  CloudCostEstimateValue | undefined,
  CloudCostEstimateUiOptions
>;

function summarize(
  estimate: CostEstimate,
  chosen: Pick<CloudCostEstimateValue, 'usage' | 'concurrency'>,
): CloudCostEstimateValue {
  return {
    ...chosen,
    monthlyCost: estimate.monthlyTotal,
    pricedSubtotal: estimate.pricedSubtotal,
    totalKind: estimate.totalKind,
    missingLines: estimate.missingLines,
    approximateFrom: estimate.approximateFrom,
    summary: describeMonthlyCost(estimate, ' a month'),
    currency: estimate.currency,
    asOf:
      summarizePriceSources(estimate.lines).asOf ??
      estimate.estimatedAt.slice(0, 10),
  };
}

/** Equal summaries; a value without a cost (e.g. `{}`) counts as none. */
function sameValue(
  a: CloudCostEstimateValue | undefined,
  b: Partial<CloudCostEstimateValue> | undefined,
): boolean {
  const hasA = typeof a?.summary === 'string';
  const hasB = typeof b?.summary === 'string';
  if (!hasA || !hasB) return hasA === hasB;
  return (
    a!.summary === b!.summary &&
    a!.monthlyCost === b!.monthlyCost &&
    a!.currency === b!.currency &&
    a!.asOf === b!.asOf &&
    JSON.stringify([a!.usage, a!.concurrency]) ===
      JSON.stringify([b!.usage, b!.concurrency])
  );
}

/**
 * The `CloudCostEstimate` scaffolder field: the monthly cost of the
 * deployment the form describes, estimated by the backend as the form
 * changes. It reads the whole form through `formContext.formData`, stores a
 * summary of the estimate as its value, and never blocks the form.
 *
 * @internal
 */
export function CloudCostEstimateField(props: CloudCostEstimateFieldProps) {
  const { formContext, uiSchema, schema, idSchema, formData, onChange } = props;
  const options = uiSchema?.['ui:options'];
  const [chosen, setChosen] = useState<ChosenUsage>(() => ({
    ...formData?.usage,
    ...(formData?.concurrency !== undefined
      ? { concurrency: formData.concurrency }
      : {}),
  }));
  const inputs = withChosenUsage(
    toEstimateInputs(options?.provider, formContext?.formData, options?.usage),
    chosen,
  );
  const request = inputs.kind === 'ready' ? inputs.request : undefined;
  const [usageInvalid, setUsageInvalid] = useState(false);
  const live = useLiveEstimate(request, undefined, usageInvalid);
  const estimate = live.estimate;
  const isCurrent =
    estimate !== undefined && live.estimateKey === estimateKeyOf(request);
  const value = isCurrent
    ? summarize(estimate, {
        ...(request?.usage ? { usage: request.usage } : {}),
        ...(chosen.concurrency !== undefined &&
        request?.compute.concurrency === chosen.concurrency
          ? { concurrency: chosen.concurrency }
          : {}),
      })
    : undefined;

  // Only an estimate of the current values is stored: while new values are
  // priced, the stored value is cleared rather than left stale.
  useEffect(() => {
    if (!sameValue(value, formData)) {
      onChange(value);
    }
  });

  const labelId = `${idSchema?.$id ?? 'cloud-cost-estimate'}-label`;
  const title = uiSchema?.['ui:title'] ?? schema.title;
  const description = uiSchema?.['ui:description'] ?? schema.description;
  const budget = options?.monthlyBudget;
  const context = { provider: request?.provider, region: request?.region };

  return (
    <Box component="section" aria-labelledby={labelId} mb={2}>
      <Typography id={labelId} variant="h6" component="h3">
        {title ?? 'Estimated monthly cost'}
      </Typography>
      {description && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {description}
        </Typography>
      )}
      <div
        role="status"
        aria-live="polite"
        aria-atomic="true"
        aria-labelledby={labelId}
        aria-busy={live.loading}
      >
        {inputs.kind === 'incomplete' && (
          <Typography variant="body2" color="textSecondary">
            {describeMissing(inputs.missing)}
          </Typography>
        )}
        {request && estimate && <MonthlyTotal total={estimate} />}
        {request && !estimate && !live.error && (
          <Typography variant="body2" color="textSecondary">
            Estimating…
          </Typography>
        )}
        {request && usageInvalid && (
          <Typography variant="body2" color="error">
            Correct the usage assumptions below to update the estimate.
          </Typography>
        )}
      </div>
      {request && live.loading && (
        <LinearProgress aria-label="Updating the estimate" />
      )}
      {inputs.kind === 'misconfigured' && (
        <WarningPanel
          severity="error"
          title="This field is not set up"
          message={inputs.message}
          defaultExpanded
        />
      )}
      {request && live.error && <EstimateError error={live.error} />}
      {request && estimate && (
        <>
          {budget !== undefined && (
            <OverBudget estimate={estimate} monthlyBudget={budget} />
          )}
          <EstimateBreakdown
            estimate={estimate}
            context={context}
            emissionsHeading="h4"
          />
        </>
      )}
      {request && (
        <UsageAssumptionsSection
          provider={request.provider}
          assumptions={usageAssumptionsOf(estimate)}
          chosen={chosen}
          onChange={setChosen}
          onInvalid={setUsageInvalid}
          fromForm={formConcurrency(formContext?.formData)}
          idPrefix={idSchema?.$id ?? 'cloud-cost-estimate'}
        />
      )}
      {request && <CompareTargets request={request} />}
    </Box>
  );
}

/**
 * The field as the scaffolder registers it: templates use it with
 * `ui:field: CloudCostEstimate`. No validation: it never blocks the form.
 *
 * @internal
 */
export const cloudCostEstimateFieldOptions = {
  name: 'CloudCostEstimate',
  component: CloudCostEstimateField,
};

/**
 * The field's value and options as JSON schemas, for the template editor's
 * field explorer and for template authors; the types above must match them.
 *
 * @internal
 */
export const cloudCostEstimateFieldSchema = makeFieldSchema({
  output: z =>
    z
      .object({
        monthlyCost: z.number().describe('The estimated monthly cost'),
        currency: z.literal('USD'),
        asOf: z
          .string()
          .describe('The date of the oldest price used, YYYY-MM-DD'),
        usage: usageAssumptionsSchema
          .optional()
          .describe('The usage priced: pass it to cloud:estimate'),
        concurrency: z
          .number()
          .optional()
          .describe('Cloud Run concurrency chosen with the estimate'),
      })
      .optional(),
  uiOptions: z =>
    z.object({
      provider: z
        .enum(DEPLOYMENT_PROVIDERS)
        .describe('The deployment target to price the form on'),
      usage: usageAssumptionsSchema
        .optional()
        .describe('The usage to assume, as in POST /estimates'),
      monthlyBudget: z
        .number()
        .positive()
        .optional()
        .describe('Warn "Over budget" above this many USD per month'),
    }),
});
