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
  differingPaths,
  HOSTILE_VALUES,
  unescapeTemplate,
  unexpectedTemplates,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node/testUtils';
import { parseAllDocuments } from 'yaml';
import {
  IMAGE,
  kubernetesDeployment,
  SETTINGS,
} from '../__testUtils__/kubernetesCases';
import { KubernetesProvider } from '../KubernetesProvider';
import { MANIFESTS_FILE } from './renderKubernetes';
import { validateManifests } from './validateManifests';

const provider = new KubernetesProvider({ settings: SETTINGS });
const withIngress = new KubernetesProvider({
  settings: {
    ...SETTINGS,
    ingress: { domain: 'apps.example.com', className: 'nginx' },
  },
});

/** Every file of a render, parsed: YAML streams as arrays of documents. */
function parse(files: Record<string, string>): Record<string, any> {
  return Object.fromEntries(
    Object.entries(files).map(([path, content]) => {
      if (!path.endsWith('.yaml')) return [path, JSON.parse(content)];
      const docs = parseAllDocuments(content);
      if (!Array.isArray(docs)) throw new Error('not a stream');
      for (const d of docs) {
        if (d.errors.length) throw d.errors[0];
      }
      return [path, docs.map(d => d.toJS({ maxAliasCount: 0 }))];
    }),
  );
}

const render = async (p: KubernetesProvider, d = kubernetesDeployment()) =>
  parse((await p.render(d)).files);

describe('KubernetesProvider.render', () => {
  it('writes a Deployment, a Service and an HPA as YAML, valid against the Kubernetes schemas', async () => {
    const deployment = kubernetesDeployment();
    const files = await render(provider, deployment);
    expect(Object.keys(files).sort()).toEqual([
      'main.tf.json',
      MANIFESTS_FILE,
      'outputs.tf.json',
      'providers.tf.json',
      'variables.tf.json',
      'versions.tf.json',
    ]);
    const manifests = files[MANIFESTS_FILE];
    await expect(validateManifests(manifests)).resolves.toBeUndefined();
    const labels = {
      'app.kubernetes.io/name': 'web',
      'cloud-deployments.backstage.io/deployment-id': deployment.id,
      'app.kubernetes.io/managed-by': 'backstage-cloud-deployments',
      'backstage.io/kubernetes-id': 'web-shop',
      'cloud-deployments.backstage.io/environment': 'production',
    };
    const metadata = {
      name: 'web',
      namespace: 'apps',
      labels,
      annotations: { 'cloud-deployments.backstage.io/title': 'Web shop' },
    };
    expect(manifests).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata,
        spec: {
          selector: {
            matchLabels: {
              'app.kubernetes.io/name': 'web',
              'cloud-deployments.backstage.io/deployment-id': deployment.id,
            },
          },
          progressDeadlineSeconds: 120,
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: 'app',
                  image: `${IMAGE}:1.0.0`,
                  ports: [
                    { name: 'http', containerPort: 8080, protocol: 'TCP' },
                  ],
                  resources: {
                    requests: { cpu: '500m', memory: '512Mi' },
                    limits: { memory: '512Mi' },
                  },
                  readinessProbe: {
                    tcpSocket: { port: 'http' },
                    periodSeconds: 10,
                  },
                },
              ],
            },
          },
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata,
        spec: {
          type: 'ClusterIP',
          selector: {
            'app.kubernetes.io/name': 'web',
            'cloud-deployments.backstage.io/deployment-id': deployment.id,
          },
          ports: [
            { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
          ],
        },
      },
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata,
        spec: {
          scaleTargetRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'web',
          },
          minReplicas: 2,
          maxReplicas: 6,
          metrics: [
            {
              type: 'Resource',
              resource: {
                name: 'cpu',
                target: { type: 'Utilization', averageUtilization: 70 },
              },
            },
          ],
        },
      },
    ]);
  });

  it('sets replicas without an HPA when the size is fixed, and GPUs as limits', async () => {
    const files = await render(
      provider,
      kubernetesDeployment({
        compute: { cpu: 2, memoryMiB: 8192, instanceCount: 3, gpu: 1 },
      }),
    );
    const manifests = files[MANIFESTS_FILE];
    expect(manifests.map((m: any) => m.kind)).toEqual([
      'Deployment',
      'Service',
    ]);
    expect(manifests[0].spec.replicas).toBe(3);
    expect(manifests[0].spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: '2', memory: '8192Mi' },
      limits: { memory: '8192Mi', 'nvidia.com/gpu': '1' },
    });
    expect(
      files['main.tf.json'].resource.kubernetes_deployment_v1.this.spec
        .replicas,
    ).toBe('3');
    expect(
      files['main.tf.json'].resource.kubernetes_horizontal_pod_autoscaler_v2,
    ).toBeUndefined();
  });

  it('sets the environment variables on the container, in YAML and in Terraform, as data', async () => {
    const deployment = kubernetesDeployment();
    const files = await render(provider, {
      ...deployment,
      spec: {
        ...deployment.spec,
        env: { LOG_LEVEL: 'debug', GREETING: '${var.x} "hi" # not: yaml' },
      },
    });
    expect(
      files[MANIFESTS_FILE][0].spec.template.spec.containers[0].env,
    ).toEqual([
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'GREETING', value: '${var.x} "hi" # not: yaml' },
    ]);
    const container =
      files['main.tf.json'].resource.kubernetes_deployment_v1.this.spec.template
        .spec.container;
    expect(JSON.stringify(container)).toContain(
      '$${var.x} \\"hi\\" # not: yaml',
    );
  });

  it('adds an Ingress at <name>.<domain> when configured, and the endpoint output follows', async () => {
    const files = await render(withIngress);
    const ingress = files[MANIFESTS_FILE][3];
    expect(ingress).toMatchObject({
      kind: 'Ingress',
      spec: {
        ingressClassName: 'nginx',
        rules: [
          {
            host: 'web.apps.example.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { name: 'http' } } },
                },
              ],
            },
          },
        ],
      },
    });
    await expect(
      validateManifests(files[MANIFESTS_FILE]),
    ).resolves.toBeUndefined();
    expect(files['outputs.tf.json'].output.endpoint.value).toBe(
      'https://web.apps.example.com',
    );
    expect(
      files['main.tf.json'].resource.kubernetes_ingress_v1.this.spec.rule[0]
        .host,
    ).toBe('web.apps.example.com');
  });

  it('writes the same objects for the Terraform kubernetes provider, credentials never', async () => {
    const deployment = kubernetesDeployment();
    const rendered = await provider.render(deployment);
    const files = parse(rendered.files);
    const main = files['main.tf.json'].resource;
    expect(Object.keys(main).sort()).toEqual([
      'kubernetes_deployment_v1',
      'kubernetes_horizontal_pod_autoscaler_v2',
      'kubernetes_service_v1',
    ]);
    expect(main.kubernetes_deployment_v1.this).toMatchObject({
      metadata: { name: 'web', namespace: 'apps' },
      spec: {
        progress_deadline_seconds: 120,
        selector: { match_labels: { 'app.kubernetes.io/name': 'web' } },
        template: {
          spec: {
            container: [
              {
                name: 'app',
                image: `${IMAGE}:1.0.0`,
                port: [{ name: 'http', container_port: 8080, protocol: 'TCP' }],
                resources: { requests: { cpu: '500m', memory: '512Mi' } },
              },
            ],
          },
        },
      },
      wait_for_rollout: true,
    });
    expect(main.kubernetes_service_v1.this.spec.port).toEqual([
      { name: 'http', port: 80, target_port: 'http', protocol: 'TCP' },
    ]);
    expect(files['variables.tf.json'].variable.cluster_host.default).toBe(
      'https://10.20.30.40:6443',
    );
    expect(
      files['versions.tf.json'].terraform.required_providers.kubernetes.source,
    ).toBe('hashicorp/kubernetes');
    const all = Object.values(rendered.files).join('\n');
    expect(all).not.toContain('never-written');
    expect(all).not.toMatch(/token/i);
  });

  it.each([
    [
      'an unknown cluster',
      kubernetesDeployment({ spec: { account: 'nope' } }),
      /account: no Kubernetes cluster 'nope' is configured \(clusters: prod-eu, staging\)/,
    ],
    [
      'a name a Service refuses',
      kubernetesDeployment({ name: '1web' }),
      /name: must be at most 63/,
    ],
    [
      'an instance type',
      kubernetesDeployment({
        compute: { instanceType: 'n2-standard-4', cpu: 1, memoryMiB: 512 },
      }),
      /compute.instanceType/,
    ],
  ])('refuses %s with an InputError', async (_, deployment, message) => {
    const rendering = provider.render(deployment);
    await expect(rendering).rejects.toMatchObject({ name: 'InputError' });
    await expect(rendering).rejects.toThrow(message);
  });
});

/** The free-text fields a hostile value can reach, and where it lands. */
const FIELDS: Record<
  string,
  {
    deployment: (v: string) => ReturnType<typeof kubernetesDeployment>;
    yaml: string[];
    terraform: string[];
    written: (v: string) => string;
  }
> = {
  title: {
    deployment: v => kubernetesDeployment({ title: v }),
    yaml: [0, 1, 2].map(
      i => `${i}/metadata/annotations/cloud-deployments.backstage.io~1title`,
    ),
    terraform: [
      'kubernetes_deployment_v1',
      'kubernetes_service_v1',
      'kubernetes_horizontal_pod_autoscaler_v2',
    ].map(
      r =>
        `${r}/this/metadata/annotations/cloud-deployments.backstage.io~1title`,
    ),
    written: v => v,
  },
  'image tag': {
    deployment: v =>
      kubernetesDeployment({ spec: { artifact: { image: `${IMAGE}:${v}` } } }),
    yaml: ['0/spec/template/spec/containers/0/image'],
    terraform: [
      'kubernetes_deployment_v1/this/spec/template/spec/container/0/image',
    ],
    written: v => `${IMAGE}:${v}`,
  },
  name: {
    deployment: v => kubernetesDeployment({ name: v }),
    yaml: [],
    terraform: [],
    written: v => v,
  },
};

// Slashes inside keys are written `~1` in the paths above (JSON pointer).
const pointer = (path: string) =>
  path.split('/').map(k => k.replace(/~1/g, '/'));
const at = (document: unknown, path: string) =>
  pointer(path).reduce<any>(
    (v, k) => (v === undefined ? undefined : v[k]),
    document,
  );

describe('render with hostile values', () => {
  let normal: Record<string, any>;
  beforeAll(async () => {
    normal = await render(provider);
  });

  /** What the table printed: field → value → outcome. */
  const table: Record<string, Record<string, string>> = {};
  afterAll(() => {
    // The injection table of the closing note.
    const fields = Object.keys(FIELDS);
    const rows = Object.keys(HOSTILE_VALUES).map(
      label =>
        `${label.padEnd(36)} ${fields
          .map(f => (table[f]?.[label] ?? '-').padEnd(10))
          .join(' ')}`,
    );
    // eslint-disable-next-line no-console
    console.log(
      `${'value'.padEnd(36)} ${fields
        .map(f => f.padEnd(10))
        .join(' ')}\n${rows.join('\n')}`,
    );
  });

  describe.each(Object.entries(FIELDS))('in the %s', (field, spec) => {
    it.each(Object.entries(HOSTILE_VALUES))(
      '%s stays data or is refused',
      async (label, value) => {
        const outcome = await render(provider, spec.deployment(value)).catch(
          (error: Error) => error,
        );
        // Refusals are InputErrors (a 400), nothing else.
        expect(outcome instanceof Error ? outcome.name : 'data').toMatch(
          /^(InputError|data)$/,
        );
        if (outcome instanceof Error) {
          (table[field] ??= {})[label] = 'refused';
          return;
        }
        const files = outcome;
        // Only the field's own places differ from a normal render.
        const yamlPaths = differingPaths(
          normal[MANIFESTS_FILE],
          files[MANIFESTS_FILE],
        );
        const tfPaths = differingPaths(
          normal['main.tf.json'].resource,
          files['main.tf.json'].resource,
        );
        const expectedYaml = spec.yaml.map(p => pointer(p).join('/'));
        const expectedTf = spec.terraform.map(p => pointer(p).join('/'));
        expect(yamlPaths.filter(p => !expectedYaml.includes(p))).toEqual([]);
        expect(tfPaths.filter(p => !expectedTf.includes(p))).toEqual([]);
        // …where the value arrives intact: as YAML data, and as Terraform data.
        for (const p of spec.yaml)
          expect(at(files[MANIFESTS_FILE], p)).toBe(spec.written(value));
        for (const p of spec.terraform) {
          expect(unescapeTemplate(at(files['main.tf.json'].resource, p))).toBe(
            spec.written(value),
          );
        }
        expect(
          unexpectedTemplates(
            files['main.tf.json'],
            /^\$\{kubernetes_(deployment|service)_v1\.this\.metadata\[0\]\.name\}$/,
          ),
        ).toEqual([]);
        expect(files[MANIFESTS_FILE]).toHaveLength(
          normal[MANIFESTS_FILE].length,
        );
        (table[field] ??= {})[label] = 'data';
      },
    );
  });
});
