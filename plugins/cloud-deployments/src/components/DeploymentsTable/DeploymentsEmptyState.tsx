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
import { EmptyState, LinkButton } from '@backstage/core-components';
import Box from '@material-ui/core/Box';

/**
 * The software templates that create deployments: the scaffolder's list,
 * filtered on the tag every cloud-deployments template carries.
 */
export const TEMPLATES_LINK = '/create?filters%5Btags%5D=cloud-deployments';

/**
 * Props of {@link DeploymentsEmptyState}.
 *
 * @internal
 */
export type DeploymentsEmptyStateProps = {
  /** Nothing at all in this view (`none`), or nothing that matches its filters. */
  reason: 'none' | 'mine' | 'noMatch';
  /** Links to a broader view: everyone's, or without the filters. */
  broader: { label: string; to: string };
};

/**
 * What the deployments page shows instead of an empty table: why it is empty,
 * the way to deploy something (the templates), and a broader view.
 *
 * @internal
 */
export function DeploymentsEmptyState(props: DeploymentsEmptyStateProps) {
  const { reason, broader } = props;
  const titles = {
    none: 'No deployments yet',
    mine: 'You have no deployments yet',
    noMatch: 'No deployments match these filters',
  };
  const descriptions = {
    none: 'Deploy a model or a service from a software template; it shows up here while it provisions.',
    mine: 'Deploy a model or a service from a software template, or see what others have deployed.',
    noMatch:
      'Change or clear the filters, or deploy something new from a software template.',
  };
  return (
    <EmptyState
      missing={reason === 'noMatch' ? 'field' : 'data'}
      title={titles[reason]}
      description={descriptions[reason]}
      action={
        <Box display="flex" gridGap={8} flexWrap="wrap">
          <LinkButton to={TEMPLATES_LINK} color="primary" variant="contained">
            Deploy from a template
          </LinkButton>
          {reason !== 'none' && (
            <LinkButton to={broader.to} variant="outlined">
              {broader.label}
            </LinkButton>
          )}
        </Box>
      }
    />
  );
}
