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
  formatUsd,
  TerraformPlanSummary,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Typography from '@material-ui/core/Typography';

/** A difference with its sign, in USD a month. */
function signedUsd(amount: number): string {
  return `${amount >= 0 ? '+' : '−'}${formatUsd(Math.abs(amount))}`;
}

/**
 * Terraform's own plan of a change (engine terraform): what it adds,
 * changes and destroys, resource by resource, and what that costs a month;
 * or why there is no plan.
 *
 * @internal
 */
export function TerraformPlanPreview(props: {
  plan?: TerraformPlanSummary;
  error?: string;
}) {
  const { plan, error } = props;
  if (!plan && !error) return null;
  return (
    <section aria-label="Terraform plan">
      <Typography variant="subtitle2" component="h3" style={{ marginTop: 16 }}>
        {plan
          ? `Terraform plan: ${plan.changes.add} to add, ${plan.changes.change} to change, ${plan.changes.destroy} to destroy`
          : 'Terraform plan'}
      </Typography>
      {error && (
        <Typography variant="body2" color="error" role="alert">
          {error}
        </Typography>
      )}
      {plan && (
        <>
          {plan.resources.length > 0 && (
            <ul aria-label="Planned resources" style={{ marginTop: 4 }}>
              {plan.resources.map(resource => (
                <li key={resource.address}>
                  <code>{resource.address}</code>: {resource.action}
                </li>
              ))}
            </ul>
          )}
          <Typography variant="body2">
            Monthly cost by the plan: {formatUsd(plan.monthlyBefore)} →{' '}
            {formatUsd(plan.monthlyAfter)} ({signedUsd(plan.monthlyDelta)})
          </Typography>
          {plan.unpriced.length > 0 && (
            <Typography variant="body2">
              Not priced: {plan.unpriced.join(', ')}
            </Typography>
          )}
        </>
      )}
    </section>
  );
}
