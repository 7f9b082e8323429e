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
import fc from 'fast-check';
import { stringify } from 'yaml';
import { findIacIssues, findManifestIssues } from './iacFindings';
import { IacCheck, IacFinding } from './iacFinding';

const CHECKS: IacCheck[] = [
  'aci-public-ip',
  'cloud-run-unauthenticated',
  'kubernetes-privileged',
  'kubernetes-host-network',
  'kubernetes-root',
  'kubernetes-no-limits',
  'sagemaker-no-kms-key',
];

// Keys and values the checks look for, so that random documents reach them
// (plain random objects would rarely get past `kind`).
const KEYS = [
  'kind',
  'metadata',
  'name',
  'namespace',
  'spec',
  'template',
  'jobTemplate',
  'items',
  'containers',
  'initContainers',
  'securityContext',
  'hostNetwork',
  'privileged',
  'runAsNonRoot',
  'runAsUser',
  'resources',
  'limits',
  'cpu',
  'memory',
  'resource',
  'data',
  'azurerm_container_group',
  'ip_address_type',
  'aws_sagemaker_endpoint_configuration',
  'kms_key_arn',
  'google_cloud_run_v2_service_iam_policy',
  'google_cloud_run_service_iam_member',
  'google_iam_policy',
  'binding',
  'policy_data',
  'role',
  'member',
  'members',
  'kubernetes_deployment_v1',
  'kubernetes_manifest',
  'manifest',
  'container',
  'security_context',
  'run_as_user',
  '__proto__',
  'constructor',
  'toString',
];
const SCALARS = fc.oneof(
  fc.constantFrom(
    'Pod',
    'Deployment',
    'CronJob',
    'List',
    'Public',
    'allUsers',
    'roles/run.invoker',
    '${data.google_iam_policy.x.policy_data}',
    'true',
    '0',
    0,
    1000,
    true,
    false,
    null,
  ),
  fc.string(),
  fc.double(),
  fc.integer(),
);
const { value: DOCUMENT } = fc.letrec<{ value: unknown }>(tie => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    SCALARS,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.constantFrom(...KEYS), fc.string()),
      tie('value'),
      {
        maxKeys: 6,
      },
    ),
  ),
}));

/** A shape the checks read, any part of which may be anything instead. */
const shaped = <T>(shape: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 8, arbitrary: shape }, { weight: 1, arbitrary: DOCUMENT });
const record = (
  fields: Record<string, fc.Arbitrary<unknown>>,
  requiredKeys: string[] = [],
) => shaped(fc.record(fields, { requiredKeys }));
const CONTEXT = record({
  privileged: SCALARS,
  runAsNonRoot: SCALARS,
  runAsUser: SCALARS,
});
const CONTAINER = record({
  name: SCALARS,
  securityContext: CONTEXT,
  resources: record({ limits: record({ cpu: SCALARS, memory: SCALARS }) }),
});
const POD_SPEC = record(
  {
    hostNetwork: SCALARS,
    securityContext: CONTEXT,
    containers: shaped(fc.array(CONTAINER, { minLength: 1, maxLength: 3 })),
    initContainers: shaped(fc.array(CONTAINER, { maxLength: 2 })),
  },
  ['containers'],
);
const METADATA = record({ name: SCALARS, namespace: SCALARS });
const TEMPLATE = record({ template: record({ spec: POD_SPEC }) }, ['template']);
const WORKLOAD = shaped(
  fc.oneof(
    fc.record({ kind: fc.constant('Pod'), metadata: METADATA, spec: POD_SPEC }),
    fc.record({
      kind: fc.constantFrom('Deployment', 'Job', 'DaemonSet'),
      metadata: METADATA,
      spec: TEMPLATE,
    }),
    fc.record({
      kind: fc.constant('CronJob'),
      metadata: METADATA,
      spec: record({ jobTemplate: record({ spec: TEMPLATE }) }, [
        'jobTemplate',
      ]),
    }),
    fc.record({
      kind: fc.constant('List'),
      items: fc.array(fc.record({ kind: fc.constant('Pod'), spec: POD_SPEC }), {
        maxLength: 2,
      }),
    }),
  ),
);
const TERRAFORM = record({
  resource: record({
    azurerm_container_group: fc.dictionary(
      fc.string(),
      record({ ip_address_type: SCALARS }),
      { maxKeys: 2 },
    ),
    aws_sagemaker_endpoint_configuration: fc.dictionary(
      fc.string(),
      record({ kms_key_arn: SCALARS }),
      { maxKeys: 2 },
    ),
    google_cloud_run_v2_service_iam_binding: fc.dictionary(
      fc.string(),
      record({ role: SCALARS, members: fc.array(SCALARS, { maxLength: 3 }) }),
      { maxKeys: 2 },
    ),
    kubernetes_manifest: fc.dictionary(
      fc.string(),
      record({ manifest: WORKLOAD }),
      {
        maxKeys: 2,
      },
    ),
  }),
});
const INPUT = fc.oneof(DOCUMENT, WORKLOAD, WORKLOAD, TERRAFORM);

function expectWellFormed(findings: IacFinding[]) {
  const keys = findings.map(f =>
    JSON.stringify([f.resource, f.check, f.detail]),
  );
  expect(new Set(keys).size).toBe(keys.length);
  for (const [i, f] of findings.entries()) {
    expect(CHECKS).toContain(f.check);
    expect(typeof f.resource).toBe('string');
    expect(typeof f.detail).toBe('string');
    const next = findings[i + 1];
    if (next) {
      expect(
        f.resource < next.resource ||
          (f.resource === next.resource && f.check <= next.check),
      ).toBe(true);
    }
  }
}

describe('findIacIssues and findManifestIssues on arbitrary input', () => {
  it('never throw on JSON-ish documents, as JSON, YAML or Terraform JSON', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(fc.array(INPUT, { maxLength: 3 }), documents => {
        const json = documents.map(d => JSON.stringify(d) ?? 'null');
        const yaml = documents
          .map(d => stringify(d, { aliasDuplicateObjects: false }))
          .join('---\n');
        const fromYaml = findManifestIssues(yaml);
        expectWellFormed(fromYaml);
        // The same documents written as JSON find the same.
        expect(findManifestIssues(json.join('\n---\n'))).toEqual(fromYaml);
        expectWellFormed(
          findIacIssues(
            Object.fromEntries(
              json.flatMap((content, i) => [
                [`${i}.tf.json`, content],
                [`${i}.json`, content],
              ]),
            ),
          ),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('never throw on arbitrary text', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), text => {
        expectWellFormed(findManifestIssues(text));
        expectWellFormed(
          findIacIssues({ 'main.tf.json': text, 'manifests/a.yaml': text }),
        );
      }),
      { numRuns: 300 },
    );
  });
});
