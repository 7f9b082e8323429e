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
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { RecommendationStatus } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cloudDeploymentsApiRef } from '../../api';
import { cardHeading } from '../cardHeading';
import { RecommendationRow } from './RecommendationRow';

const CURRENT: RecommendationStatus[] = ['open', 'accepted'];
const ALL: RecommendationStatus[] = ['open', 'accepted', 'dismissed', 'done'];

/**
 * Savings recommendations, all the caller may read or one deployment's:
 * what the open ones save together, each one's evidence and savings, and
 * what the last computation could not look at.
 *
 * @internal
 */
export function RecommendationsCard(props: { deploymentId?: string }) {
  const { deploymentId } = props;
  const api = useApi(cloudDeploymentsApiRef);
  const [all, setAll] = useState(false);
  const { value, loading, error, retry } = useAsyncRetry(
    () =>
      api.listRecommendations({
        status: all ? ALL : CURRENT,
        ...(deploymentId ? { deploymentId } : {}),
      }),
    [api, deploymentId, all],
  );
  const computed = value?.computedAt
    ? `computed ${value.computedAt.slice(0, 16).replace('T', ' ')} UTC`
    : 'not computed yet';
  return (
    <InfoCard
      titleTypographyProps={cardHeading}
      title="Recommendations"
      subheader={
        value
          ? `Open ones save ${value.openSavings.description}; ${computed}`
          : undefined
      }
    >
      <FormControlLabel
        control={
          <Checkbox
            size="small"
            checked={all}
            onChange={e => setAll(e.target.checked)}
          />
        }
        label="Show dismissed and done"
      />
      {error && <ResponseErrorPanel error={error} />}
      {loading && !value && <Progress />}
      {value && value.items.length === 0 && (
        <Typography variant="body2">
          No recommendations{deploymentId ? ' for this deployment' : ''}.
        </Typography>
      )}
      {value && value.items.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {value.items.map(r => (
            <RecommendationRow
              key={r.id}
              recommendation={r}
              onChanged={retry}
            />
          ))}
        </ul>
      )}
      {value && value.gaps.length > 0 && (
        <>
          <Typography variant="subtitle2">Not looked at</Typography>
          <ul>
            {value.gaps.map(gap => (
              <li key={gap}>
                <Typography variant="body2" color="textSecondary">
                  {gap}
                </Typography>
              </li>
            ))}
          </ul>
        </>
      )}
    </InfoCard>
  );
}
