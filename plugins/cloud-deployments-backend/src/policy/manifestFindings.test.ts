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
import { findManifestIssues } from './iacFindings';

const ROOT_UNSET =
  "runAsNonRoot not set and runAsUser unset (runs as the image's user, root by default)";
/** A container that passes every check. */
const SAFE = `
        securityContext: { runAsNonRoot: true }
        resources: { limits: { cpu: 500m, memory: 256Mi } }`;

/** 200 levels of block mappings: `a:` under `a:` under … */
const DEEP_BLOCKS = Array.from(
  { length: 200 },
  (_, i) => `${'  '.repeat(i)}a:`,
).join('\n');
/** A workload whose aliases expand to 2^12 copies: the apply refuses it. */
const LAUGHS = [
  'kind: Pod',
  'spec: { hostNetwork: true }',
  'a0: &a0 [x, x, x, x, x, x, x, x, x]',
  ...Array.from(
    { length: 12 },
    (_, i) => `a${i + 1}: &a${i + 1} [*a${i}, *a${i}]`,
  ),
].join('\n');

const checks = (yaml: string) =>
  findManifestIssues(yaml).map(f => `${f.resource}: ${f.check}: ${f.detail}`);

describe('findManifestIssues', () => {
  it('finds each issue of a pod spec, per container and init container', () => {
    expect(
      checks(`
apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: ops }
spec:
  hostNetwork: true
  initContainers:
    - name: setup
      image: busybox
      securityContext: { privileged: true, runAsUser: 0 }
      resources: { limits: { memory: 64Mi } }
  containers:
    - name: app
      image: nginx
`),
    ).toEqual([
      'Pod/ops/debug: kubernetes-host-network: hostNetwork: true',
      'Pod/ops/debug container app: kubernetes-no-limits: no resources.limits.cpu/memory',
      `Pod/ops/debug container app: kubernetes-root: ${ROOT_UNSET}`,
      'Pod/ops/debug init container setup: kubernetes-no-limits: no resources.limits.cpu',
      'Pod/ops/debug init container setup: kubernetes-privileged: securityContext.privileged: true',
      'Pod/ops/debug init container setup: kubernetes-root: securityContext.runAsUser: 0',
    ]);
  });

  it.each([
    ['Deployment', 'spec: { template: { spec: POD } }'],
    ['StatefulSet', 'spec: { template: { spec: POD } }'],
    ['DaemonSet', 'spec: { template: { spec: POD } }'],
    ['ReplicaSet', 'spec: { template: { spec: POD } }'],
    ['ReplicationController', 'spec: { template: { spec: POD } }'],
    ['Job', 'spec: { template: { spec: POD } }'],
    ['CronJob', 'spec: { jobTemplate: { spec: { template: { spec: POD } } } }'],
    ['PodTemplate', 'template: { spec: POD }'],
  ])('reads the pod template of a %s', (kind, body) => {
    const pod = '{ hostNetwork: true, containers: [{ name: a }] }';
    expect(
      checks(
        `kind: ${kind}\nmetadata: { name: w }\n${body.replace('POD', pod)}`,
      ),
    ).toEqual([
      `${kind}/w: kubernetes-host-network: hostNetwork: true`,
      `${kind}/w container a: kubernetes-no-limits: no resources.limits.cpu/memory`,
      `${kind}/w container a: kubernetes-root: ${ROOT_UNSET}`,
    ]);
  });

  it('lets the container override the pod on runAsUser and runAsNonRoot', () => {
    const pod = (podContext: string, container: string) =>
      findManifestIssues(`
kind: Pod
metadata: { name: p }
spec:
  securityContext: ${podContext}
  containers:
    - name: a
      securityContext: ${container}
      resources: { limits: { cpu: 1, memory: 1Gi } }
`).map(f => f.detail);
    expect(pod('{ runAsNonRoot: true }', '{}')).toEqual([]);
    expect(pod('{ runAsUser: 1000 }', '{}')).toEqual([]);
    expect(pod('{ runAsUser: 0 }', '{ runAsUser: 1000 }')).toEqual([]);
    expect(pod('{ runAsUser: 1000 }', '{ runAsUser: 0 }')).toEqual([
      'securityContext.runAsUser: 0',
    ]);
    expect(pod('{ runAsUser: 0 }', '{}')).toEqual([
      'pod securityContext.runAsUser: 0',
    ]);
    expect(pod('{ runAsNonRoot: true }', '{ runAsNonRoot: false }')).toEqual([
      "securityContext.runAsNonRoot: false and runAsUser unset (runs as the image's user, root by default)",
    ]);
    // runAsNonRoot does not make user 0 safe: the kubelet refuses to start it.
    expect(pod('{ runAsNonRoot: true }', '{ runAsUser: 0 }')).toEqual([
      'securityContext.runAsUser: 0',
    ]);
  });

  it('reads Lists, JSON, several documents, and skips what is not a workload', () => {
    const json = JSON.stringify({
      kind: 'List',
      items: [
        { kind: 'Pod', metadata: { name: 'a' }, spec: { hostNetwork: true } },
        { kind: 'ConfigMap', metadata: { name: 'b' }, data: { x: '1' } },
      ],
    });
    expect(
      checks(
        `${json}\n---\nkind: DaemonSet\nmetadata: { generateName: agent- }\nspec: { template: { spec: { hostNetwork: true } } }\n---\n---\n`,
      ),
    ).toEqual([
      'DaemonSet/agent-*: kubernetes-host-network: hostNetwork: true',
      'Pod/a: kubernetes-host-network: hostNetwork: true',
    ]);
  });

  it('finds nothing in a safe workload', () => {
    expect(
      checks(`
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      hostNetwork: false
      containers:
      - name: app${SAFE}
`),
    ).toEqual([]);
  });

  it('skips documents that do not parse and reads the rest', () => {
    expect(
      checks(
        'kind: Pod\nmetadata: { name: a\n---\nkind: Pod\nmetadata: { name: b }\nspec: { hostNetwork: true }\n',
      ),
    ).toEqual(['Pod/b: kubernetes-host-network: hostNetwork: true']);
  });

  it.each([
    ['empty', ''],
    ['a scalar', 'just text'],
    ['a list of scalars', '[1, 2, 3]'],
    ['containers as text', 'kind: Pod\nspec: { containers: nope }'],
    ['spec as a list', 'kind: Deployment\nspec: [1, { template: {} }]'],
    ['a null kind', 'kind: ~\nspec: {}'],
    ['a kind from the prototype', 'kind: constructor\nspec: {}'],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['deep block nesting', DEEP_BLOCKS],
    ['billion laughs', LAUGHS],
    ['a cycle', 'kind: List\nitems: &x [*x]'],
    [
      'over a mebibyte',
      `kind: Pod\nspec: { hostNetwork: true }\n#${'x'.repeat(1024 * 1024)}`,
    ],
    ['tabs and stray syntax', '\t- : : ]]]\n{'],
  ])('finds nothing, and does not throw, in %s', (_, yaml) => {
    expect(findManifestIssues(yaml)).toEqual([]);
  });
});
