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
  DeploymentsSummary,
  DeploymentsSummaryLeftOut,
  EstimateTotalKind,
  ProviderInfo,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { formatUsd } from '../../utils/formatMonthlyCost';
import { ProviderIcon, providerTitle } from '../ProviderLabel';

/**
 * Props of {@link DeploymentsSummaryBar}.
 *
 * @internal
 */
export type DeploymentsSummaryBarProps = {
  summary?: DeploymentsSummary;
  loading: boolean;
  error?: Error;
  providers: Map<string, ProviderInfo>;
};

const count = new Intl.NumberFormat('en-US');

const PREFIX: Record<EstimateTotalKind, string> = {
  exact: '',
  approximate: '≈ ',
  partial: '≥ ',
  unknown: '',
};

function money(kind: EstimateTotalKind, amount: number): string {
  return kind === 'unknown'
    ? 'unpriced'
    : `${PREFIX[kind]}${formatUsd(amount)}`;
}

const some = (n: number, what: string) =>
  n > 0 ? [`${count.format(n)} ${what}`] : [];

/** What the sum leaves out, in words; empty when it leaves out nothing. */
export function describeLeftOut(leftOut: DeploymentsSummaryLeftOut): string {
  const out = [
    ...some(
      leftOut.notBilling,
      'not billing (awaiting approval, pending, failed or destroyed)',
    ),
    ...some(leftOut.withoutEstimate, 'without an estimate'),
    ...some(leftOut.unpriced, 'with no price'),
  ];
  const partly = [
    ...some(leftOut.partlyPriced, 'with some lines unpriced'),
    ...some(leftOut.approximate, "priced from another region's prices"),
  ];
  return [
    ...(out.length ? [`Not in the sum: ${out.join(', ')}.`] : []),
    ...(partly.length
      ? [`In it only in part or approximately: ${partly.join(', ')}.`]
      : []),
  ].join(' ');
}

/**
 * The totals over every deployment matching the filters, not only the page
 * shown: how many, their monthly cost, and both per provider.
 *
 * @internal
 */
export function DeploymentsSummaryBar(props: DeploymentsSummaryBarProps) {
  const { summary, loading, error, providers } = props;

  if (error) {
    return (
      <Typography variant="body2" color="error" role="alert">
        Totals are unavailable: {error.message}
      </Typography>
    );
  }
  if (!summary) {
    return loading ? (
      <Typography variant="body2" color="textSecondary">
        Loading totals…
      </Typography>
    ) : null;
  }

  const leftOut = describeLeftOut(summary.leftOut);
  return (
    <Box
      component="section"
      aria-label="Totals"
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      gridGap={8}
    >
      <Typography variant="subtitle1" component="p">
        <strong>
          {count.format(summary.count)} deployment
          {summary.count === 1 ? '' : 's'}
        </strong>
        {' · '}
        <strong>{money(summary.totalKind, summary.monthlyCost)}</strong> per
        month for the {count.format(summary.billingCount)} billing
      </Typography>
      {summary.byProvider.map(p => (
        <Chip
          key={p.provider}
          size="small"
          variant="outlined"
          icon={<ProviderIcon provider={p.provider} />}
          label={`${providerTitle(
            p.provider,
            providers.get(p.provider),
          )}: ${count.format(p.count)} · ${money(p.totalKind, p.monthlyCost)}`}
        />
      ))}
      {leftOut && (
        <Typography variant="body2" color="textSecondary" component="p">
          {leftOut}
        </Typography>
      )}
    </Box>
  );
}
