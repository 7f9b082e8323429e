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
import { InfoCard } from '@backstage/core-components';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Typography from '@material-ui/core/Typography';
import {
  DestroyedNote,
  EstimateBreakdown,
  MonthlyTotal,
} from '../EntityCostEstimateCard';
import { cardHeading } from '../cardHeading';

/**
 * The monthly cost estimate of a deployment's current spec, line by line,
 * with where the prices come from, as of when, and what to know about them.
 *
 * @internal
 */
export function DeploymentCostCard(props: { deployment: Deployment }) {
  const { deployment } = props;
  const { estimate, spec, sandbox } = deployment;
  return (
    <InfoCard titleTypographyProps={cardHeading} title="Monthly cost estimate">
      {!estimate ? (
        <Typography variant="body2" color="textSecondary">
          This deployment has no cost estimate.
        </Typography>
      ) : (
        <>
          <MonthlyTotal total={estimate} />
          <DestroyedNote deployment={deployment} />
          {sandbox && deployment.status !== 'destroyed' && (
            <Typography variant="body2" color="textSecondary" paragraph>
              It runs in a local sandbox, so nothing is billed: this is what it
              would cost in {spec.region}.
            </Typography>
          )}
          <EstimateBreakdown
            estimate={estimate}
            context={{ provider: spec.provider, region: spec.region }}
          />
        </>
      )}
    </InfoCard>
  );
}
