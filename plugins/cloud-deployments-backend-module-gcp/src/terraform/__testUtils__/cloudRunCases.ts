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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { deploymentIdLabel } from '../../cloudRun/cloudRunService';
import { CloudRunAccount } from '../../cloudRun/readCloudRunConfig';

// The accounts, deployments, fields and expected outcomes of the Cloud Run
// render tests. Not part of the package's API.

export const ACCOUNTS: CloudRunAccount[] = [
  {
    id: 'ml',
    projectId: 'acme-ml',
    regions: ['us-central1', 'europe-west4'],
    credentials: {
      type: 'service_account',
      private_key: 'render-test-private-key-never-written',
      private_key_id: 'render-test-key-id-never-written',
      client_email: 'deployer@acme-ml.iam.gserviceaccount.com',
    },
  },
  { id: 'other', projectId: 'acme-other' },
];

export const IMAGE = 'us-docker.pkg.dev/acme/models/model';

/** A gcp-cloud-run deployment, with overrides of the spec's parts. */
export function cloudRunDeployment(
  overrides: Partial<Omit<Deployment, 'spec'>> & {
    spec?: Partial<Deployment['spec']>;
    compute?: Deployment['spec']['compute'];
  } = {},
): Deployment {
  const { spec, compute, ...rest } = overrides;
  return {
    id: '7d3f4c1a-9b2e-4f60-8a15-3c6d2e1f0b94',
    name: 'fraud-model',
    status: 'provisioning',
    outputs: {},
    createdBy: 'user:default/ada',
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedBy: 'user:default/ada',
    updatedAt: '2026-11-01T10:00:00.000Z',
    version: 1,
    ...rest,
    spec: {
      owner: 'group:default/ml-team',
      component: 'component:default/fraud-model',
      environment: 'production',
      provider: 'gcp-cloud-run',
      region: 'us-central1',
      engine: 'terraform',
      artifact: { image: `${IMAGE}:1.0.0` },
      compute: compute ?? {
        cpu: 1,
        memoryMiB: 512,
        minInstances: 0,
        maxInstances: 3,
      },
      ...spec,
    },
  };
}

/** The references the renderer writes itself: the only templates allowed. */
export const REFERENCES =
  /^\$\{(var\.project_id|google_cloud_run_v2_service\.this\.(uri|id|name|latest_ready_revision))\}$/;

const SERVICE = 'main.tf.json/resource/google_cloud_run_v2_service/this';

/** The free-text fields a hostile value can reach, and where it lands. */
export const FIELDS: Record<
  string,
  {
    deployment: (value: string) => Deployment;
    /** Where the value lands… */
    paths: string[];
    /** …as this string, once Terraform has read it. */
    written: (value: string) => string;
  }
> = {
  'image tag': {
    deployment: v =>
      cloudRunDeployment({ spec: { artifact: { image: `${IMAGE}:${v}` } } }),
    paths: [`${SERVICE}/template/containers/0/image`],
    written: v => `${IMAGE}:${v}`,
  },
  name: {
    deployment: v => cloudRunDeployment({ name: v }),
    paths: [`${SERVICE}/name`],
    written: v => v,
  },
  // Label values are restricted: ids that are not one become a hash.
  'label value (deployment id)': {
    deployment: v => cloudRunDeployment({ id: v }),
    paths: [`${SERVICE}/labels/cloud-deployments-id`],
    written: v => deploymentIdLabel(v),
  },
};

const row = (
  image: 'data' | 'refused',
): Record<string, 'data' | 'refused'> => ({
  'image tag': image,
  name: 'refused',
  'label value (deployment id)': 'data',
});

/**
 * What render does with each hostile value in each field: `data` (written
 * escaped, read back intact) or `refused` (an InputError: Cloud Run's rules,
 * a value over 4096 characters, or a lone surrogate).
 */
export const EXPECTED: Record<string, Record<string, 'data' | 'refused'>> = {
  'double quotes': row('data'),
  backslashes: row('data'),
  interpolation: row('data'),
  'interpolation of variables': row('data'),
  directive: row('refused'),
  'directive without spaces': row('data'),
  'escapes already': row('data'),
  'heredoc marker': row('data'),
  'heredoc with newlines': row('refused'),
  newlines: row('refused'),
  'YAML document marker': row('data'),
  'YAML anchors': row('refused'),
  'unicode look-alikes': row('data'),
  'zero-width characters': row('data'),
  'bidi controls': row('data'),
  'JSON in a string': row('data'),
  '4000 characters of template starts': row('data'),
  'a megabyte of template starts': row('refused'),
  'a megabyte of plain text': row('refused'),
  'lone surrogate': row('refused'),
};
