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
  EntityPolicies,
  entityKindSchemaValidator,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import {
  cloudDeploymentEntityV1alpha1Schema,
  Deployment,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { deploymentToEntity } from './deploymentToEntity';

const deployment: Deployment = {
  id: '6a1c1b56-7c1e-4b0e-9d7f-2a3c4d5e6f70',
  name: 'web-api',
  title: 'Web "API" ${file("/etc/passwd")}',
  spec: {
    owner: 'group:default/web-team',
    component: 'component:default/web-api',
    environment: 'staging',
    provider: 'gcp-cloud-run',
    region: 'europe-west1',
    engine: 'sdk',
    artifact: { image: 'europe-docker.pkg.dev/acme/web/api:2.3.1' },
    compute: { cpu: 1, memoryMiB: 512 },
  },
  status: 'active',
  endpoint: 'https://web-api.run.app',
  outputs: { uri: 'https://web-api.run.app' },
  createdBy: 'user:default/alice',
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedBy: 'user:default/alice',
  updatedAt: '2026-11-22T10:00:00.000Z',
  version: 3,
};

/** What the catalog checks of every entity, and the kind's own schema. */
const policy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);
const validateKind = entityKindSchemaValidator(
  cloudDeploymentEntityV1alpha1Schema,
);
const appBaseUrl = 'http://localhost:3000';

describe('deploymentToEntity', () => {
  it('makes the declared part of a deployment an entity, without live state', () => {
    expect(
      deploymentToEntity(deployment, { appBaseUrl: 'http://localhost:3000' }),
    ).toEqual({
      apiVersion: 'cloud-deployments.backstage.io/v1alpha1',
      kind: 'CloudDeployment',
      metadata: {
        name: 'web-api',
        namespace: 'staging',
        title: 'Web "API" ${file("/etc/passwd")}',
        annotations: {
          'backstage.io/managed-by-location': `cloud-deployments:${deployment.id}`,
          'backstage.io/managed-by-origin-location': `cloud-deployments:${deployment.id}`,
          'cloud-deployments.backstage.io/deployment-id': deployment.id,
        },
        tags: ['gcp-cloud-run', 'staging'],
        links: [
          {
            url: `http://localhost:3000/cloud-deployments/deployments/${deployment.id}`,
            title: 'Deployment page',
          },
        ],
      },
      spec: deployment.spec,
    });
  });

  it('is an entity the catalog accepts', async () => {
    const entity = deploymentToEntity(deployment, { appBaseUrl });
    await expect(policy.enforce(entity)).resolves.toBe(entity);
    expect(validateKind(entity)).toBe(entity);
    // With the usage its estimate assumes, too.
    const withUsage = deploymentToEntity(
      {
        ...deployment,
        spec: {
          ...deployment.spec,
          usage: { requestsPerMonth: 5_000_000, billing: 'request' },
        },
      },
      { appBaseUrl },
    );
    await expect(policy.enforce(withUsage)).resolves.toBe(withUsage);
    expect(validateKind(withUsage)).toBe(withUsage);
  });

  it('leaves out a title and description the deployment does not have', () => {
    const { metadata } = deploymentToEntity(
      { ...deployment, title: undefined, description: '' },
      { appBaseUrl },
    );
    expect(metadata).not.toHaveProperty('title');
    expect(metadata).not.toHaveProperty('description');
  });

  it.each([
    ['production', ['gcp-cloud-run', 'production']],
    ['prod-', ['gcp-cloud-run', 'prod']],
    ['eu--west', ['gcp-cloud-run', 'eu-west']],
    ['gcp-cloud-run', ['gcp-cloud-run']],
  ])(
    'tags it with its provider and environment %j, as valid tags',
    async (environment, tags) => {
      const entity = deploymentToEntity(
        { ...deployment, spec: { ...deployment.spec, environment } },
        { appBaseUrl },
      );
      expect(entity.metadata.tags).toEqual(tags);
      await expect(policy.enforce(entity)).resolves.toBe(entity);
    },
  );

  it('passes hostile titles and descriptions through as data', async () => {
    const hostile = {
      ...deployment,
      title: '<img src=x onerror=alert(1)> ${{ secrets.TOKEN }} {{ x }}',
      description: "'); DROP TABLE final_entities; --\n# $(rm -rf /)",
    };
    const entity = deploymentToEntity(hostile, { appBaseUrl });
    expect(entity.metadata.title).toBe(hostile.title);
    expect(entity.metadata.description).toBe(hostile.description);
    await expect(policy.enforce(entity)).resolves.toBe(entity);
  });

  it('does not rewrite a name: the catalog refuses an invalid one', async () => {
    const entity = deploymentToEntity(
      { ...deployment, name: '../../etc/passwd' },
      { appBaseUrl },
    );
    expect(entity.metadata.name).toBe('../../etc/passwd');
    await expect(policy.enforce(entity)).rejects.toThrow(/metadata\.name/);
  });

  it('escapes the id in the link to the deployment page', () => {
    const entity = deploymentToEntity(
      { ...deployment, id: 'a/../b?c' },
      { appBaseUrl },
    );
    expect(entity.metadata.links).toEqual([
      {
        url: 'http://localhost:3000/cloud-deployments/deployments/a%2F..%2Fb%3Fc',
        title: 'Deployment page',
      },
    ]);
  });
});
