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
import { Entity } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useEntityEstimate } from '../../hooks/useEntityEstimate';
import { DeploymentLink } from '../DeploymentLink';
import { SandboxChip } from '../ProviderLabel';
import { MonthlyTotal } from './MonthlyTotal';
import { EstimateBreakdown } from './EstimateBreakdown';
import { DestroyedNote } from './DestroyedNote';
import { cardHeading } from '../cardHeading';
import { EstimateVsActualLine } from '../CostHistory';

/**
 * The cost estimate of a `CloudDeployment` entity, line by line.
 *
 * @internal
 */
export function DeploymentCostEstimate(props: { entity: Entity }) {
  const { entity } = props;
  const { value, loading, error } = useEntityEstimate(entity);

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
        <ResponseErrorPanel error={error ?? new Error('No estimate')} />
      </InfoCard>
    );
  }

  const { estimate, deployment, fromSpec } = value;
  const spec = deployment?.spec ?? (entity.spec as Record<string, string>);
  const context = { provider: spec?.provider, region: spec?.region };

  return (
    <InfoCard
      titleTypographyProps={cardHeading}
      title="Monthly cost estimate"
      subheader={
        deployment ? (
          <Box display="flex" alignItems="center" gridGap={8}>
            <DeploymentLink deployment={deployment} />
            {deployment.sandbox && <SandboxChip />}
          </Box>
        ) : undefined
      }
    >
      <MonthlyTotal total={estimate} />
      <DestroyedNote deployment={deployment} />
      {deployment && <EstimateVsActualLine deployment={deployment} />}
      {fromSpec && (
        <Typography variant="body2" color="textSecondary" paragraph>
          Estimated from this entity's spec: the deployment has no stored
          estimate.
        </Typography>
      )}
      <EstimateBreakdown
        estimate={estimate}
        context={context}
        chartTitle="Monthly cost by line"
      />
    </InfoCard>
  );
}
