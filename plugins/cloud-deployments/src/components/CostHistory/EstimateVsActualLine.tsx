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
import { useApi } from '@backstage/frontend-plugin-api';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { cloudDeploymentsApiRef } from '../../api';
import { ComparisonSummary } from './ComparisonSummary';

/**
 * A line for cards: how the deployment's actual cost compared with its
 * estimate over the last 7 full days. Nothing while it loads; a failure to
 * read it is said without hiding the rest of the card.
 *
 * @internal
 */
export function EstimateVsActualLine(props: { deployment: Deployment }) {
  const { deployment } = props;
  const api = useApi(cloudDeploymentsApiRef);
  const { value, error } = useAsync(
    () => api.getDeploymentCosts(deployment.id, { days: 7 }),
    [api, deployment.id],
  );
  if (error) {
    return (
      <Typography variant="body2" color="textSecondary" paragraph>
        The actual cost could not be read: {error.message}
      </Typography>
    );
  }
  if (!value) return null;
  return (
    <>
      <Typography variant="subtitle2">Actual against the estimate</Typography>
      <ComparisonSummary comparison={value.comparison} dense />
      <Typography variant="caption" color="textSecondary" paragraph>
        {value.actualSource
          ? `${value.actualSource.title}, last 7 full days.`
          : value.actualNote}
      </Typography>
    </>
  );
}
