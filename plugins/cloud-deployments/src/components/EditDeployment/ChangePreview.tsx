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
  DeploymentChangePreview,
  describeMonthlyCost,
  formatUsd,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { TerraformPlanPreview } from './TerraformPlanPreview';

/** What the change would do, in one sentence. */
function outcomeText(preview: DeploymentChangePreview, name: string): string {
  const reasons = (preview.decision?.reasons ?? [])
    .map(r => `${r.policy} (${r.message.replace(/\.$/, '')})`)
    .join('; ');
  switch (preview.outcome) {
    case 'unchanged':
      return 'Nothing changes: the values are the ones it has.';
    case 'apply':
      return `Applies at once: ${name} is updated to the new spec.`;
    case 'approval':
      return `Waits for an approval before it applies: ${reasons}.`;
    case 'refused':
    default:
      return `Refused by policy: ${reasons}.`;
  }
}

/** A monthly difference with its sign, or why there is none. */
function deltaText(preview: DeploymentChangePreview): string {
  const { monthlyDelta } = preview;
  if (monthlyDelta === null) {
    return 'The difference is unknown: an estimate has a line without a price.';
  }
  if (monthlyDelta === 0) return 'No change in cost.';
  const sign = monthlyDelta > 0 ? '+' : '−';
  return `${sign}${formatUsd(Math.abs(monthlyDelta))} a month`;
}

/**
 * The preview of a change: what it would do, the fields it alters (before
 * and after), and its cost before and after, never more certain than the
 * prices; with engine terraform, Terraform's own plan of it.
 *
 * @internal
 */
export function ChangePreview(props: {
  preview: DeploymentChangePreview;
  name: string;
}) {
  const { preview, name } = props;
  return (
    <>
      <Typography
        variant="body1"
        paragraph
        role="status"
        color={preview.outcome === 'refused' ? 'error' : 'textPrimary'}
      >
        {outcomeText(preview, name)}
      </Typography>
      {preview.changes.length > 0 && (
        <Table size="small" aria-label="Changes">
          <TableHead>
            <TableRow>
              <TableCell>Field</TableCell>
              <TableCell>Now</TableCell>
              <TableCell>After</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {preview.changes.map(change => (
              <TableRow key={change.path}>
                <TableCell component="th" scope="row">
                  <code>{change.path}</code>
                </TableCell>
                <TableCell>{change.before}</TableCell>
                <TableCell>{change.after}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Typography variant="subtitle2" component="h3" style={{ marginTop: 16 }}>
        Monthly cost
      </Typography>
      <Typography variant="body2">
        Now:{' '}
        {preview.before
          ? describeMonthlyCost(preview.before, ' a month')
          : 'no estimate'}
      </Typography>
      <Typography variant="body2">
        After: {describeMonthlyCost(preview.after, ' a month')}
      </Typography>
      <Typography variant="body2" component="p">
        <strong>{deltaText(preview)}</strong>
      </Typography>
      <TerraformPlanPreview
        plan={preview.terraformPlan}
        error={preview.terraformPlanError}
      />
    </>
  );
}
