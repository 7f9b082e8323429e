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
  kubernetesDeployment,
  SETTINGS,
} from '../__testUtils__/kubernetesCases';
import { deploymentManifests, Manifest } from './deploymentManifests';
import { toYaml } from './renderKubernetes';
import { parseManifests } from './parseManifests';
import { validateManifests } from './validateManifests';

const good = () => deploymentManifests(kubernetesDeployment(), SETTINGS);

/** The good manifests with one object changed. */
function changed(index: number, change: (m: any) => void): Manifest[] {
  const manifests = good();
  change(manifests[index]);
  return manifests;
}

describe('parseManifests', () => {
  it('reads a YAML stream back into the objects, skipping empty documents', () => {
    const manifests = good();
    expect(parseManifests(`---\n${toYaml(manifests)}---\n`)).toEqual(manifests);
  });

  it.each([
    ['invalid YAML', 'kind: [', /document 1 is not valid YAML/],
    [
      'a list at the top',
      '- a\n- b\n',
      /document 1 is not a Kubernetes object/,
    ],
    [
      'a scalar document',
      'apiVersion: v1\nkind: ConfigMap\n---\nhello\n',
      /document 2 is not a Kubernetes object/,
    ],
    [
      'duplicate keys',
      'kind: A\nkind: B\n',
      /not valid YAML: Map keys must be unique/,
    ],
    [
      'an alias bomb',
      `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n`,
      /cannot be read: Excessive alias count/,
    ],
    [
      'more than a megabyte',
      `data: ${'x'.repeat(1024 * 1024)}`,
      /larger than 1024 KiB/,
    ],
    [
      'more than 50 objects',
      Array.from({ length: 51 }, (_, i) => `kind: ConfigMap\nn: ${i}\n`).join(
        '---\n',
      ),
      /51 objects are more than the 50/,
    ],
    [
      'an alias inside the node it refers to',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: a, x: *m}\n',
      'manifests: document 1: alias *m is inside the node it refers to (a cycle)',
    ],
    [
      'a list that holds itself',
      'kind: ConfigMap\n---\na: &l [1, [2, *l]]\n',
      'manifests: document 2: alias *l is inside the node it refers to (a cycle)',
    ],
    [
      'flow collections nested 65 deep',
      `data: ${'['.repeat(64)}${']'.repeat(64)}\n`,
      'manifests: are nested deeper than 64 levels (at line 1, column 71)',
    ],
    [
      'block mappings nested 65 deep',
      Array.from({ length: 65 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
      /manifests: are nested deeper than 64 levels \(at line 65,/,
    ],
    [
      'sequences nested 100,000 deep on one line',
      `${'- '.repeat(100_000)}x`,
      /manifests: are nested deeper than 64 levels \(at line 1,/,
    ],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseManifests(text)).toThrow(message);
  });

  it('reads nesting up to 64 levels, and aliases that are not cycles', () => {
    expect(
      parseManifests(`data: ${'['.repeat(63)}1${']'.repeat(63)}\n`),
    ).toHaveLength(1);
    expect(parseManifests('a: &x {b: 1}\nc: *x\nd: [*x, *x]\n')[0]).toEqual({
      a: { b: 1 },
      c: { b: 1 },
      d: [{ b: 1 }, { b: 1 }],
    });
  });

  it('refuses deep nesting again and again without overflowing the stack', () => {
    // The composer used to recurse until the stack ran out (in a plain Node
    // process, two of these in a row then aborted it with a fatal V8 error).
    const deep = `data: ${'['.repeat(400_000)}${']'.repeat(400_000)}`;
    for (let i = 0; i < 3; i++) {
      expect(() => parseManifests(deep)).toThrow(
        'manifests: are nested deeper than 64 levels',
      );
    }
  });
});

describe('validateManifests', () => {
  it('accepts what the portal renders', async () => {
    await expect(validateManifests(good())).resolves.toBeUndefined();
  });

  it.each<[string, Manifest[], string]>([
    [
      'a field of the wrong type (schema)',
      changed(0, m => {
        m.spec.replicas = 'two';
      }),
      'Deployment/web: spec.replicas: must be integer',
    ],
    [
      'a missing required field (schema)',
      changed(0, m => {
        delete m.spec.template.spec.containers[0].name;
      }),
      'Deployment/web: spec.template.spec.containers.0: must have required property name',
    ],
    [
      // Found by the fuzzer: the model's constructor crashed on it (a 500).
      'a key "constructor" holding null',
      changed(0, m => {
        m.metadata.labels = { constructor: null };
      }),
      'Deployment/web: cannot be read as a Deployment: metadata.labels.constructor: a key named "constructor" may not be null',
    ],
    [
      'an unknown field',
      changed(0, m => {
        m.spec.replica = 2;
      }),
      'Deployment/web: spec.replica: is not a field of Deployment',
    ],
    [
      'an unknown field in a container',
      changed(0, m => {
        m.spec.template.spec.containers[0].imagePullPolicyy = 'Always';
      }),
      'Deployment/web: spec.template.spec.containers[0].imagePullPolicyy: is not a field of Deployment',
    ],
    [
      'an unknown field in a Service port',
      changed(1, m => {
        m.spec.ports[0].target = 8080;
      }),
      'Service/web: spec.ports[0].target: is not a field of Service',
    ],
    [
      'a name that is not DNS-1123',
      changed(0, m => {
        m.metadata.name = 'Web_Shop';
      }),
      'Deployment/Web_Shop: metadata.name: must be a DNS-1123 subdomain',
    ],
    [
      'a Service name with a dot',
      changed(1, m => {
        m.metadata.name = 'web.shop';
      }),
      'Service/web.shop: metadata.name: must be a DNS-1035 label',
    ],
    [
      'a namespace that is not a label',
      changed(0, m => {
        m.metadata.namespace = 'apps.prod';
      }),
      'metadata.namespace: must be a DNS-1123 label',
    ],
    [
      'a container port out of range',
      changed(0, m => {
        m.spec.template.spec.containers[0].ports[0].containerPort = 70000;
      }),
      'spec.template.spec.containers[0].ports[0].containerPort: must be a port number between 1 and 65535',
    ],
    [
      'a Service port of 0',
      changed(1, m => {
        m.spec.ports[0].port = 0;
      }),
      'spec.ports[0].port: must be a port number between 1 and 65535',
    ],
    [
      'a target port name too long',
      changed(1, m => {
        m.spec.ports[0].targetPort = 'a-very-long-port-name';
      }),
      'spec.ports[0].targetPort: must be a port number or a port name',
    ],
    [
      'a label value with a space',
      changed(0, m => {
        m.metadata.labels.team = 'web shop';
      }),
      'metadata.labels.team: must be at most 63',
    ],
    [
      'a label key with two slashes',
      changed(0, m => {
        m.metadata.labels['a/b/c'] = 'x';
      }),
      "metadata.labels: 'a/b/c' is not a valid key",
    ],
    [
      'a selector that misses its pods',
      changed(0, m => {
        m.spec.selector.matchLabels.tier = 'front';
      }),
      'spec.selector.matchLabels.tier: does not match',
    ],
    [
      'minReplicas over maxReplicas',
      changed(2, m => {
        m.spec.minReplicas = 9;
      }),
      'spec.minReplicas: must not be greater than spec.maxReplicas',
    ],
    [
      'a kind the portal does not apply',
      [
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          metadata: { name: 'x' },
        },
      ],
      'ClusterRoleBinding/x: rbac.authorization.k8s.io/v1 ClusterRoleBinding is not a kind the portal applies',
    ],
    [
      'an old apiVersion',
      changed(2, m => {
        m.apiVersion = 'autoscaling/v1';
      }),
      'autoscaling/v1 HorizontalPodAutoscaler is not a kind the portal applies',
    ],
    [
      'the same object twice',
      [...good(), good()[1]],
      'Service/web: appears twice',
    ],
    [
      'a kind that is a mapping',
      // A manifest's kind can be any YAML.
      [{ apiVersion: 'v1', kind: { a: 1 }, metadata: { name: 'x' } } as any],
      'document 1: v1 (object) is not a kind the portal applies',
    ],
    [
      'a name with spaces in a kind it does not know',
      [{ apiVersion: ['v1'], kind: 'Thing', metadata: { name: 'a b' } } as any],
      'Thing/?: (a list) Thing is not a kind the portal applies',
    ],
  ])('refuses %s, saying where', async (_, manifests, message) => {
    const validation = validateManifests(manifests);
    await expect(validation).rejects.toMatchObject({ name: 'InputError' });
    await expect(validation).rejects.toThrow(message);
  });

  it('lists every problem at once', async () => {
    const manifests = changed(0, m => {
      m.spec.replica = 2;
      m.metadata.name = 'Bad';
    });
    await expect(validateManifests(manifests)).rejects.toThrow(
      /spec.replica: is not a field of Deployment; Deployment\/Bad: metadata.name/,
    );
  });
});
