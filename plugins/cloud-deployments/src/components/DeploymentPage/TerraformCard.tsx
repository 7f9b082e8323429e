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
import { DeploymentEngine } from '@internal/backstage-plugin-cloud-deployments-common';
import Typography from '@material-ui/core/Typography';

/**
 * The Terraform plan summary and state history of a deployment. Only
 * deployments with the `terraform` engine have them, and this portal does
 * not show them yet: the card says which is the case.
 *
 * @internal
 */
export function TerraformCard(props: { engine: DeploymentEngine }) {
  const { engine } = props;
  return (
    <InfoCard title="Terraform plan and state">
      {engine === 'terraform' ? (
        <Typography variant="body2" color="textSecondary">
          The plan summary and state history of Terraform deployments are not
          shown here yet.
        </Typography>
      ) : (
        <Typography variant="body2" color="textSecondary">
          Not provisioned through Terraform: this deployment uses the{' '}
          <code>{engine}</code> engine, so it has no Terraform plan or state
          history.
        </Typography>
      )}
    </InfoCard>
  );
}
