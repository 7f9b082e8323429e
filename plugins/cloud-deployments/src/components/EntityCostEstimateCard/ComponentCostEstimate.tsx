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
import { useMemo } from 'react';
import { Entity } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import {
  combineTotals,
  Deployment,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Typography from '@material-ui/core/Typography';
import { useComponentDeployments } from '../../hooks/useComponentDeployments';
import { useProviders } from '../../hooks/useProviders';
import { emissionsPrefix, formatGrams } from '../../utils/formatEmissions';
import { formatMonthlyCost } from '../../utils/formatMonthlyCost';
import { EmissionsSum, sumEmissions } from '../../utils/sumEmissions';
import { CostBar, CostBars } from '../CostBars';
import { DeploymentLink } from '../DeploymentLink';
import { ProviderLabel } from '../ProviderLabel';
import { MonthlyTotal } from './MonthlyTotal';
import { PriceNotes } from './PriceNotes';
import { cardHeading } from '../cardHeading';

/** The chart shows the costliest deployments, and the rest as one bar. */
const MAX_BARS = 8;

function costBars(deployments: Deployment[]): CostBar[] {
  const byCost = [...deployments].sort(
    (a, b) =>
      (b.estimate?.pricedSubtotal ?? 0) - (a.estimate?.pricedSubtotal ?? 0),
  );
  const bars = byCost.slice(0, MAX_BARS).map(d => ({
    key: d.id,
    label: d.name,
    monthly: d.estimate ? d.estimate.monthlyTotal : null,
  }));
  const rest = byCost.slice(MAX_BARS);
  if (rest.length) {
    bars.push({
      key: 'others',
      label: `${rest.length} other${rest.length === 1 ? '' : 's'}`,
      monthly: rest.reduce(
        (sum, d) => sum + (d.estimate?.pricedSubtotal ?? 0),
        0,
      ),
    });
  }
  return bars;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One deployment's emissions in a cell: as sure as its estimate, never 0 for unknown. */
function emissionsCell(d: Deployment): string {
  const emissions = d.estimate?.emissions;
  if (!emissions) return 'not estimated';
  if (emissions.totalKind === 'unknown') return 'unknown';
  return `${emissionsPrefix[emissions.totalKind]}${formatGrams(
    emissions.knownSubtotalGrams,
  )}`;
}

/** The component's emissions a month, with what the sum leaves out. */
function describeSum(sum: EmissionsSum, more: number): string {
  const amount =
    sum.kind === 'unknown'
      ? 'unknown'
      : `${emissionsPrefix[more > 0 ? 'partial' : sum.kind]}${formatGrams(
          sum.knownGrams,
        )}/month`;
  const gaps = [
    sum.notEstimated
      ? `${plural(sum.notEstimated, 'deployment')} not estimated`
      : '',
    sum.withMissingLines
      ? `${plural(sum.withMissingLines, 'deployment')} missing some lines`
      : '',
    more > 0 ? `${more} more not included` : '',
  ].filter(Boolean);
  return `Estimated emissions: ${amount}${
    gaps.length ? ` (${gaps.join('; ')})` : ''
  }`;
}

/**
 * The monthly cost of a component: the sum of its deployments' estimates,
 * by deployment.
 *
 * @internal
 */
export function ComponentCostEstimate(props: { entity: Entity }) {
  const { entity } = props;
  const { value, loading, error } = useComponentDeployments(entity);
  const providers = useProviders();
  // Memoized: material-table resets its page when columns change identity.
  const columns = useMemo<TableColumn<Deployment>[]>(
    () => [
      { title: 'Deployment', render: d => <DeploymentLink deployment={d} /> },
      { title: 'Environment', field: 'spec.environment' },
      {
        title: 'Provider',
        render: d => (
          <ProviderLabel
            provider={d.spec.provider}
            info={providers.get(d.spec.provider)}
            sandbox={d.sandbox}
          />
        ),
      },
      {
        title: 'Monthly',
        align: 'right',
        render: d => formatMonthlyCost(d.estimate),
      },
      {
        title: 'Emissions (CO2e/month)',
        align: 'right',
        render: emissionsCell,
      },
    ],
    [providers],
  );

  if (loading) {
    return (
      <InfoCard
        titleTypographyProps={cardHeading}
        title="Monthly cost estimate"
      >
        <Progress />
      </InfoCard>
    );
  }
  if (error || !value) {
    return (
      <InfoCard
        titleTypographyProps={cardHeading}
        title="Monthly cost estimate"
      >
        <ResponseErrorPanel error={error ?? new Error('No deployments')} />
      </InfoCard>
    );
  }

  const deployments = value.items;
  if (deployments.length === 0) {
    return (
      <InfoCard
        titleTypographyProps={cardHeading}
        title="Monthly cost estimate"
      >
        <Typography variant="body1" paragraph>
          This component has no deployments, so nothing to estimate.
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Deploy it from a software template, and the monthly cost of its
          deployments shows up here.
        </Typography>
      </InfoCard>
    );
  }

  const estimated = deployments.filter(d => d.estimate);
  const unestimated = deployments.length - estimated.length;
  const total = combineTotals(estimated.map(d => d.estimate!));
  const more = value.totalCount - deployments.length;

  const notes = [
    ...(unestimated
      ? [
          `${plural(unestimated, 'deployment')} without an estimate ${
            unestimated === 1 ? 'is' : 'are'
          } not in the total.`,
        ]
      : []),
    ...(more > 0
      ? [
          `The total covers the first ${deployments.length} deployments, and ${more} more are not included.`,
        ]
      : []),
  ];

  return (
    <InfoCard
      titleTypographyProps={cardHeading}
      title="Monthly cost estimate"
      subheader={`Sum over ${plural(deployments.length, 'deployment')}${
        more > 0 ? ` and ${more} more` : ''
      }`}
    >
      <MonthlyTotal
        total={total}
        lowerBoundBecause={unestimated || more > 0 ? notes : []}
      />
      <Typography variant="body2" paragraph>
        {describeSum(
          sumEmissions(deployments.map(d => d.estimate?.emissions)),
          more,
        )}
      </Typography>
      <CostBars
        title="Monthly cost by deployment"
        bars={costBars(deployments)}
      />
      <Table<Deployment>
        columns={columns}
        data={deployments}
        options={{
          paging: deployments.length > 10,
          pageSize: 10,
          search: false,
          toolbar: false,
          sorting: false,
          draggable: false,
          padding: 'dense',
        }}
      />
      <PriceNotes
        groups={estimated.map(d => ({
          lines: d.estimate!.lines,
          context: { provider: d.spec.provider, region: d.spec.region },
        }))}
      />
    </InfoCard>
  );
}
