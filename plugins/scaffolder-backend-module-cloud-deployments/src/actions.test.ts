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
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import cloudDeploymentsPlugin from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend';
import gcpModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp';
import kubernetesModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-kubernetes';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AddressInfo } from 'node:net';
import { createDeploymentCreateAction } from './actions/deploymentCreate';
import { createDeploymentDestroyAction } from './actions/deploymentDestroy';
import { createEstimateAction } from './actions/estimate';
import { createKubernetesApplyAction } from './actions/kubernetesApply';
import { createRenderAction } from './actions/render';
import {
  createTerraformApplyAction,
  createTerraformPlanAction,
} from './actions/terraform';
import { createTerraformConfirmAction } from './actions/terraformConfirm';
import { CloudDeploymentsBackend } from './client';

/*
 * Every action against the real cloud-deployments backend (Cloud Run in
 * sandbox mode, SQLite), over HTTP with a service token on behalf of the
 * user, and the real terraform binary for plan and apply.
 */

jest.setTimeout(120_000);

const request = {
  name: 'web-api',
  owner: 'group:default/web-team',
  component: 'component:default/web-api',
  environment: 'staging',
  provider: 'gcp-cloud-run' as const,
  region: 'europe-west1',
  artifact: { image: 'europe-docker.pkg.dev/acme/web/api:2.3.1' },
  compute: { cpu: 1, memoryMiB: 512, minInstances: 1, maxInstances: 10 },
};

describe('cloud-deployments scaffolder actions', () => {
  let stop: () => Promise<void>;
  let api: string;
  let backend: CloudDeploymentsBackend;
  let workspacePath: string;
  const lines: string[] = [];

  beforeAll(async () => {
    const started = await startTestBackend({
      features: [
        cloudDeploymentsPlugin,
        gcpModule,
        kubernetesModule,
        sandboxes,
        mockServices.rootConfig.factory({
          data: {
            cloudDeployments: {
              jobs: {
                pollInterval: { milliseconds: 200 },
                idlePollInterval: { milliseconds: 100 },
              },
              policies: [
                {
                  name: 'production',
                  cedar: `@id("production-needs-approval")
@message("Production deployments need an approval")
forbid (principal, action == CloudDeployments::Action::"deployWithoutApproval", resource)
when { resource.environment == "production" };`,
                },
                {
                  name: 'gpu',
                  cedar: `@id("no-gpu-in-development")
@message("GPUs are not allowed in development")
forbid (principal, action == CloudDeployments::Action::"deploy", resource)
when { resource.environment == "development" && resource.gpuCount > 0 };`,
                },
              ],
            },
          },
        }),
      ],
    });
    const { port } = started.server.address() as AddressInfo;
    api = `http://localhost:${port}/api/cloud-deployments`;
    backend = new CloudDeploymentsBackend(
      { getBaseUrl: async () => api, getExternalBaseUrl: async () => api },
      mockServices.auth(),
    );
    stop = () => started.stop();
  });

  afterAll(() => stop());

  beforeEach(async () => {
    workspacePath = await mkdtemp(join(tmpdir(), 'scaffolder-cd-'));
    lines.length = 0;
  });
  afterEach(() => rm(workspacePath, { recursive: true, force: true }));

  function context<T extends object>(input: T, isDryRun = false) {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath,
      isDryRun,
      getInitiatorCredentials: async () => mockCredentials.user(),
    });
    (ctx as any).isDryRun = isDryRun;
    const info = ctx.logger.info.bind(ctx.logger);
    ctx.logger.info = ((message: string, ...rest: any[]) => {
      lines.push(String(message));
      return info(message, ...rest);
    }) as any;
    return ctx;
  }

  const list = async () =>
    (
      await fetch(`${api}/deployments`, {
        headers: {
          Authorization: `Bearer ${
            (
              await mockServices.auth().getPluginRequestToken({
                onBehalfOf: mockCredentials.user(),
                targetPluginId: 'cloud-deployments',
              })
            ).token
          }`,
        },
      }).then(r => r.json())
    ).items as any[];

  it('cloud:estimate prices a deployment line by line', async () => {
    const ctx = context({
      provider: 'gcp-cloud-run',
      region: 'europe-west1',
      compute: { cpu: 1, memoryMiB: 512, minInstances: 1, maxInstances: 5 },
    });
    await createEstimateAction(backend).handler(ctx as any);
    const [[, monthlyCost]] = (ctx.output as jest.Mock).mock.calls.filter(
      ([key]) => key === 'monthlyCost',
    );
    expect(monthlyCost).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(/^Estimated monthly cost: \$\d+\.\d\d/);
  });

  it('cloud:estimate prices the usage the form chose, and passes on no usage as none', async () => {
    const compute = { cpu: 1, memoryMiB: 512, minInstances: 0 };
    const priced = async (usage?: unknown) => {
      const ctx = context({
        provider: 'gcp-cloud-run',
        region: 'europe-west1',
        compute,
        ...(usage === undefined ? {} : { usage }),
      });
      await createEstimateAction(backend).handler(ctx as any);
      return Object.fromEntries((ctx.output as jest.Mock).mock.calls)
        .pricedSubtotal as number;
    };
    const byDefault = await priced();
    // What `${{ parameters.costEstimate.usage }}` renders to without a choice.
    expect(await priced('')).toBe(byDefault);
    // Fifty times the default million requests: past the free tier.
    expect(
      await priced({ requestsPerMonth: 50_000_000, avgRequestDurationMs: 500 }),
    ).toBeGreaterThan(byDefault);
    // A free-tier credit reads as money taken off.
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Free tier credit: .*: -\$\d+\.\d\d\/month$/),
      ]),
    );
    expect(lines.filter(l => l.includes('$-'))).toEqual([]);
  });

  it('cloud:estimate refuses usage the API refuses, naming the field', async () => {
    const ctx = context({
      provider: 'azure-container-instances',
      region: 'westeurope',
      compute: { cpu: 1, memoryMiB: 1536 },
      usage: { hoursPerMonth: 800 },
    });
    await expect(
      createEstimateAction(backend).handler(ctx as any),
    ).rejects.toThrow(/usage\.hoursPerMonth/);
  });

  it('cloud:estimate never says $0 for a price nobody knows', async () => {
    // A real SageMaker type the offline price data does not hold.
    const ctx = context({
      provider: 'aws-sagemaker',
      region: 'us-east-1',
      compute: { instanceType: 'ml.m6g.large', instanceCount: 1 },
    });
    await createEstimateAction(backend).handler(ctx as any);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs).toMatchObject({
      monthlyCost: null,
      pricedSubtotal: 0,
      totalKind: 'unknown',
      missingLines: 1,
      complete: false,
      summary: 'unknown, 1 line unpriced',
    });
    expect(lines.at(-1)).toBe(
      'Estimated monthly cost: unknown, 1 line unpriced',
    );
  });

  it('cloud:render writes the Terraform into the workspace, hostile text as data', async () => {
    const title = 'Web "API" ${file("/etc/passwd")} %{ if true } --- &anchor';
    const ctx = context({ ...request, title, targetPath: 'terraform' });
    await createRenderAction(backend).handler(ctx as any);
    const [[, files]] = (ctx.output as jest.Mock).mock.calls;
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = await readFile(join(workspacePath, file), 'utf8');
      expect(() => JSON.parse(text)).not.toThrow();
      expect(text).not.toMatch(/[^$]\$\{file/);
    }
    await expect(
      createRenderAction(backend).handler(
        context({ ...request, targetPath: '../outside' }) as any,
      ),
    ).rejects.toThrow(/outside/);
    await expect(
      createRenderAction(backend).handler(
        context({ ...request, title: 'two\nlines' }) as any,
      ),
    ).rejects.toThrow(
      'cloud-deployments: Invalid deployment: title: must not contain control or bidirectional-override characters',
    );
  });

  it('cloud:render with format compose writes a docker-compose.yaml that runs the image', async () => {
    const title = 'Web ${HOME} $(id) --- &anchor: *x';
    const ctx = context({
      ...request,
      title,
      targetPath: 'local',
      format: 'compose',
    });
    await createRenderAction(backend).handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('files', [
      'local/docker-compose.yaml',
    ]);
    const text = await readFile(
      join(workspacePath, 'local/docker-compose.yaml'),
      'utf8',
    );
    expect(text).not.toContain('${HOME}');
    const service = parse(text).services['web-api'];
    expect(service).toMatchObject({
      image: request.artifact.image,
      ports: [{ target: 8080, published: '8080', host_ip: '127.0.0.1' }],
      environment: { PORT: '8080' },
      deploy: { resources: { limits: { cpus: 1, memory: '512M' } } },
    });
    expect(service.healthcheck.test[0]).toBe('CMD');
    await expect(
      createRenderAction(backend).handler(
        context({ ...request, format: 'helm' }) as any,
      ),
    ).rejects.toThrow(/format/);
  });

  it('cloud:deployment:create in a dry run validates and creates nothing', async () => {
    const ctx = context(request, true);
    await createDeploymentCreateAction(backend).handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('status', 'dry-run');
    expect(await list()).toEqual([]);
    await expect(
      createDeploymentCreateAction(backend).handler(
        context({ ...request, compute: { cpu: 1 } }, true) as any,
      ),
    ).rejects.toThrow(
      /compute\.memoryMiB: is required for provider gcp-cloud-run/,
    );
  });

  it('cloud:deployment:create provisions and waits, streaming the log; destroy removes it', async () => {
    const ctx = context({ ...request, wait: true });
    await createDeploymentCreateAction(backend, {
      pollIntervalMs: 100,
      appBaseUrl: 'http://portal.example.test/',
    }).handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('status', 'active');
    // The page is linked before provisioning ends, not only at the end.
    const id = (ctx.output as jest.Mock).mock.calls.find(c => c[0] === 'id')[1];
    const page = `http://portal.example.test/cloud-deployments/deployments/${id}`;
    expect(ctx.output).toHaveBeenCalledWith('deploymentUrl', page);
    expect(lines.indexOf(`Follow it on its page: ${page}`)).toBeLessThan(
      lines.indexOf('Creating the Google Cloud Run resources'),
    );
    expect(lines).toContain(`Follow it on its page: ${page}`);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'clouddeployment:staging/web-api',
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Created deployment web-api \(.+\): pending$/),
        'Creating the Google Cloud Run resources',
        expect.stringMatching(/^Ready: https?:\/\//),
      ]),
    );

    const dry = context({ name: 'web-api' }, true);
    await createDeploymentDestroyAction(backend).handler(dry as any);
    expect((await list())[0].status).toBe('active');

    const destroy = context({ name: 'web-api', wait: true });
    await createDeploymentDestroyAction(backend, {
      pollIntervalMs: 100,
    }).handler(destroy as any);
    expect(destroy.output).toHaveBeenCalledWith('status', 'destroyed');
    await expect(
      createDeploymentDestroyAction(backend).handler(
        context({ name: 'web-api' }) as any,
      ),
    ).rejects.toThrow('No deployment named web-api');
  });

  it('cloud:deployment:create ends at a request for approval, and fails on a refusal naming the policy', async () => {
    const ctx = context({
      ...request,
      name: 'web-prod',
      environment: 'production',
      wait: true,
    });
    await createDeploymentCreateAction(backend, {
      pollIntervalMs: 100,
    }).handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('status', 'awaiting_approval');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^The create waits for approval \(production-needs-approval\)\. An approver decides/,
        ),
      ]),
    );

    await expect(
      createDeploymentCreateAction(backend).handler(
        context({
          ...request,
          name: 'web-gpu',
          environment: 'development',
          compute: { cpu: 4, memoryMiB: 16384, gpu: 1, minInstances: 1 },
        }) as any,
      ),
    ).rejects.toThrow(/Refused by policy no-gpu-in-development/);
    expect((await list()).map(d => d.name)).not.toContain('web-gpu');
  });

  it('cloud:deployment:create stores the usage the form chose, and its estimate assumes it; usage the API refuses is named', async () => {
    const usage = { hoursPerMonth: 200, requestsPerMonth: 5_000_000 };
    const ctx = context({ ...request, name: 'web-usage', usage });
    await createDeploymentCreateAction(backend).handler(ctx as any);
    const created = (await list()).find(d => d.name === 'web-usage');
    expect(created.spec.usage).toEqual(usage);
    expect(created.estimate.assumptions).toMatchObject({
      hoursPerMonth: 200,
      requestsPerMonth: 5_000_000,
    });
    // What a template renders when the form chose none is no usage at all.
    const none = context({ ...request, name: 'web-no-usage', usage: '' }, true);
    await createDeploymentCreateAction(backend).handler(none as any);
    expect(none.output).toHaveBeenCalledWith('status', 'dry-run');
    await expect(
      createDeploymentCreateAction(backend).handler(
        context(
          { ...request, name: 'web-bad-usage', usage: { hoursPerMonth: 900 } },
          true,
        ) as any,
      ),
    ).rejects.toThrow(/usage\.hoursPerMonth: must be at most 744/);
  });

  it('cloud:terraform:plan and apply keep state in the portal; a stale plan is refused; a dry run touches no state', async () => {
    const dir = join(workspacePath, 'tf');
    await mkdir(dir);
    const write = (revision: string) =>
      writeFile(
        join(dir, 'main.tf.json'),
        JSON.stringify({
          resource: { terraform_data: { app: { input: revision } } },
          output: {
            revision: { value: '${terraform_data.app.output}' },
            secret: { value: 's3cret', sensitive: true },
          },
        }),
      );
    await write('one');
    const env = { TF_HTTP_RETRY_MAX: '0' };
    const plan = createTerraformPlanAction(backend, { env });
    const apply = createTerraformApplyAction(backend, { env });
    const outputsOf = (ctx: any) =>
      Object.fromEntries((ctx.output as jest.Mock).mock.calls);

    const dry = context({ directory: 'tf', workspace: 'scaffolder-ws' }, true);
    await plan.handler(dry as any);
    const token = await fetch(`${api}/terraform/workspaces/scaffolder-ws`, {
      headers: {
        Authorization: `Bearer ${
          (
            await mockServices.auth().getPluginRequestToken({
              onBehalfOf: mockCredentials.user(),
              targetPluginId: 'cloud-deployments',
            })
          ).token
        }`,
      },
    });
    expect(token.status).toBe(404);

    const planned = context({ directory: 'tf', workspace: 'scaffolder-ws' });
    await plan.handler(planned as any);
    const first = outputsOf(planned);
    expect(first).toMatchObject({
      add: 1,
      change: 0,
      destroy: 0,
      planFile: 'tf/tfplan',
    });
    const applied = context({
      directory: 'tf',
      workspace: 'scaffolder-ws',
      planFile: first.planFile,
    });
    await apply.handler(applied as any);
    expect(outputsOf(applied).outputs).toEqual({
      revision: 'one',
      secret: '(sensitive)',
    });
    expect(lines.join('\n')).not.toMatch(/tfws_/);

    // A plan, then someone else's apply, then the first plan: refused.
    await write('two');
    const stale = context({ directory: 'tf', workspace: 'scaffolder-ws' });
    await plan.handler(stale as any);
    const stalePlan = outputsOf(stale);
    await writeFile(
      join(dir, 'keep.tfplan'),
      await readFile(join(workspacePath, stalePlan.planFile)),
    );
    await write('three');
    const newer = context({ directory: 'tf', workspace: 'scaffolder-ws' });
    await plan.handler(newer as any);
    await apply.handler(
      context({
        directory: 'tf',
        workspace: 'scaffolder-ws',
        planFile: outputsOf(newer).planFile,
        stateSerial: outputsOf(newer).stateSerial,
        stateLineage: outputsOf(newer).stateLineage,
      }) as any,
    );
    await expect(
      apply.handler(
        context({
          directory: 'tf',
          workspace: 'scaffolder-ws',
          planFile: 'tf/keep.tfplan',
          stateSerial: stalePlan.stateSerial,
          stateLineage: stalePlan.stateLineage,
        }) as any,
      ),
    ).rejects.toThrow(/The plan is stale/);
  });

  it('cloud:terraform:confirm waits for a person in the portal; apply takes only the plan file confirmed', async () => {
    const dir = join(workspacePath, 'tf');
    await mkdir(dir);
    const write = (revision: string) =>
      writeFile(
        join(dir, 'main.tf.json'),
        JSON.stringify({
          resource: { terraform_data: { app: { input: revision } } },
        }),
      );
    await write('one');
    const env = { TF_HTTP_RETRY_MAX: '0' };
    const plan = createTerraformPlanAction(backend, { env });
    const outputsOf = (ctx: any) =>
      Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    const planned = context({ directory: 'tf', workspace: 'confirm-ws' });
    await plan.handler(planned as any);
    const { planFile, add, change, destroy, monthlyBefore, monthlyAfter } =
      outputsOf(planned);

    const confirm = context({
      workspace: 'confirm-ws',
      planFile,
      add,
      change,
      destroy,
      monthlyBefore,
      monthlyAfter,
      pollSeconds: 0.05,
    });
    const waiting = createTerraformConfirmAction(backend).handler(
      confirm as any,
    );
    let path: string | undefined;
    while (!path) {
      path = lines
        .map(l => /POST \/api\/cloud-deployments(\/\S+\/decision)/.exec(l))
        .find(Boolean)?.[1];
      await new Promise(r => setTimeout(r, 50));
    }
    const reviewer = mockCredentials.user('user:default/reviewer');
    const decided = await fetch(`${api}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${
          (
            await mockServices.auth().getPluginRequestToken({
              onBehalfOf: reviewer,
              targetPluginId: 'cloud-deployments',
            })
          ).token
        }`,
      },
      body: JSON.stringify({ confirm: true }),
    });
    expect(decided.status).toBe(200);
    await waiting;
    const { confirmation, confirmedBy } = outputsOf(confirm);
    expect(confirmedBy).toBe('user:default/reviewer');

    // Another plan in the confirmed plan's place: not applied.
    await write('two');
    await plan.handler(
      context({ directory: 'tf', workspace: 'confirm-ws' }) as any,
    );
    await expect(
      createTerraformApplyAction(backend, { env }).handler(
        context({
          directory: 'tf',
          workspace: 'confirm-ws',
          planFile,
          confirmation,
        }) as any,
      ),
    ).rejects.toThrow(
      /^planFile: is not the plan user:default\/reviewer confirmed/,
    );
  });

  it('cloud:kubernetes:apply applies rendered manifests server-side: dry run first, then for real with prune and wait', async () => {
    const kubernetes = {
      ...request,
      name: 'web-shop',
      provider: 'kubernetes' as const,
      engine: 'kubernetes',
      artifact: { image: 'ghcr.io/acme/web-shop:1.4.0' },
      compute: { cpu: 0.5, memoryMiB: 512, minInstances: 1, maxInstances: 4 },
    };
    await createRenderAction(backend).handler(context(kubernetes) as any);
    const yaml = await readFile(
      join(workspacePath, 'manifests/deployment.yaml'),
      'utf8',
    );
    expect(yaml).toContain('kind: HorizontalPodAutoscaler');

    const apply = createKubernetesApplyAction(backend);
    const dry = context(
      { path: 'manifests', applySet: 'web-shop', prune: true, wait: true },
      true,
    );
    await apply.handler(dry as any);
    expect(lines).toContain(
      'Applied Deployment default/web-shop to cluster local (dry run: nothing persisted)',
    );
    expect((dry.output as jest.Mock).mock.calls).toEqual(
      expect.arrayContaining([
        [
          'applied',
          [
            'Deployment default/web-shop',
            'Service default/web-shop',
            'HorizontalPodAutoscaler default/web-shop',
          ],
        ],
        ['pruned', []],
      ]),
    );

    lines.length = 0;
    await apply.handler(
      context({
        path: 'manifests',
        applySet: 'web-shop',
        prune: true,
        wait: true,
        timeoutSeconds: 30,
      }) as any,
    );
    expect(lines).toEqual([
      'Applied Deployment default/web-shop to cluster local',
      'Applied Service default/web-shop to cluster local',
      'Applied HorizontalPodAutoscaler default/web-shop to cluster local',
      'web-shop rolled out: 1 of 1 replicas available',
    ]);

    // A fixed size: the HPA leaves the set and is pruned.
    await createRenderAction(backend).handler(
      context({
        ...kubernetes,
        compute: { cpu: 0.5, memoryMiB: 512, instanceCount: 2 },
      }) as any,
    );
    const again = context({
      path: 'manifests/deployment.yaml',
      applySet: 'web-shop',
      prune: true,
    });
    await apply.handler(again as any);
    expect((again.output as jest.Mock).mock.calls).toContainEqual([
      'pruned',
      ['HorizontalPodAutoscaler default/web-shop'],
    ]);

    await expect(
      apply.handler(context({ path: '../outside', applySet: 'x' }) as any),
    ).rejects.toThrow(/outside/i);
    await expect(
      apply.handler(context({ path: 'nothing-here', applySet: 'x' }) as any),
    ).rejects.toThrow('No manifests at nothing-here in the workspace');
    await writeFile(
      join(workspacePath, 'bad.yaml'),
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n',
    );
    await expect(
      apply.handler(context({ path: 'bad.yaml', applySet: 'x' }) as any),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        'Secret/creds: v1 Secret is not a kind the portal applies',
      ),
    });
  });

  it('refuses inputs Node cannot use as paths or URLs with an InputError naming the input, before anything is written', async () => {
    await mkdir(join(workspacePath, 'empty'));
    await writeFile(join(workspacePath, 'file.txt'), 'x');
    const refusals: Array<[Promise<void>, RegExp]> = [
      [
        createTerraformPlanAction(backend).handler(
          context({ directory: 'a\u0000b', workspace: 'ws' }) as any,
        ),
        /^input\.directory: must not contain NUL characters$/,
      ],
      [
        createTerraformPlanAction(backend).handler(
          context({ directory: 'x'.repeat(5000), workspace: 'ws' }) as any,
        ),
        /^directory: "x{100}…" is not a (path|directory) in the workspace/,
      ],
      [
        createTerraformPlanAction(backend).handler(
          context({ directory: 'empty', workspace: 'ws' }) as any,
        ),
        /^directory: empty holds no Terraform files \(\*\.tf\)$/,
      ],
      [
        createTerraformApplyAction(backend).handler(
          context({
            directory: 'nowhere',
            workspace: 'ws',
            planFile: 'nowhere/tfplan',
          }) as any,
        ),
        /^directory: nowhere is not a directory in the workspace$/,
      ],
      [
        createRenderAction(backend).handler(
          context({ ...request, targetPath: 'file.txt' }) as any,
        ),
        /^targetPath: file\.txt is not a directory the workspace can hold$/,
      ],
      [
        createDeploymentDestroyAction(backend).handler(
          context({ id: 'a\ud800' }) as any,
        ),
        /^input\.id: must be well-formed Unicode \(it has an unpaired UTF-16 surrogate\)$/,
      ],
    ];
    for (const [refusal, message] of refusals) {
      await expect(refusal).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(message),
      });
    }
    // Nothing reached the backend: no Terraform workspace was made.
    const token = (
      await mockServices.auth().getPluginRequestToken({
        onBehalfOf: mockCredentials.user(),
        targetPluginId: 'cloud-deployments',
      })
    ).token;
    const ws = await fetch(`${api}/terraform/workspaces/ws`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(ws.status).toBe(404);
  });

  it('cloud:kubernetes:apply reads ./manifests when path is left out (the scaffolder does not fill in defaults)', async () => {
    await mkdir(join(workspacePath, 'manifests'));
    await writeFile(
      join(workspacePath, 'manifests', 'app.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: no-path\ndata:\n  a: b\n',
    );
    const ctx = context({ applySet: 'no-path' }, true);
    await createKubernetesApplyAction(backend).handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('applied', [
      'ConfigMap default/no-path',
    ]);
  });

  // The Terraform actions' examples plan the Google provider's files, which
  // need a provider download; their dry run is tested above on terraform_data.
  it.each([
    ['cloud:estimate', { ...request, region: 'europe\ud800' }, 'input.region'],
    [
      'cloud:render',
      { ...request, owner: 'group:default/a\ud800b' },
      'input.owner',
    ],
    [
      'cloud:deployment:create',
      { ...request, title: 'Web\u0000API' },
      'input.title',
    ],
    ['cloud:deployment:destroy', { name: 'web\udfff' }, 'input.name'],
    [
      'cloud:kubernetes:apply',
      { path: 'k8s', applySet: 'web', namespace: 'a\ud800' },
      'input.namespace',
    ],
    ['cloud:terraform:plan', { directory: 'tf\ud800' }, 'input.directory'],
    [
      'cloud:terraform:apply',
      { directory: 'tf', planFile: 'plan\u0000' },
      'input.planFile',
    ],
  ])(
    '%s refuses ill-formed text in its input, naming the field, and changes nothing',
    async (id, input, field) => {
      const actions = [
        createEstimateAction(backend),
        createRenderAction(backend),
        createDeploymentCreateAction(backend),
        createDeploymentDestroyAction(backend),
        createKubernetesApplyAction(backend),
        createTerraformPlanAction(backend),
        createTerraformApplyAction(backend),
      ];
      const action = actions.find(a => a.id === id)!;
      const before = await list();
      await expect(action.handler(context(input) as any)).rejects.toMatchObject(
        {
          name: 'InputError',
          message: expect.stringMatching(
            new RegExp(
              `^${field.replace(
                '.',
                '\\.',
              )}: must (be well-formed Unicode|not contain NUL)`,
            ),
          ),
        },
      );
      expect(await list()).toEqual(before);
    },
  );

  it("runs every action's documented example in a dry run, changing nothing", async () => {
    // The destroy example names web-api: it must exist to be found.
    await createDeploymentCreateAction(backend).handler(
      context({ ...request, wait: true, timeoutSeconds: 60 }) as any,
    );
    const actions = [
      createEstimateAction(backend),
      createRenderAction(backend),
      createKubernetesApplyAction(backend),
      createDeploymentCreateAction(backend),
      createDeploymentDestroyAction(backend),
    ];
    const byId = new Map<string, { handler: (ctx: any) => Promise<void> }>(
      actions.map(a => [a.id, a as any]),
    );
    const before = await list();
    const ran: string[] = [];
    for (const action of actions) {
      for (const { example } of action.examples ?? []) {
        // Each example in a fresh workspace: its steps run in order.
        await rm(workspacePath, { recursive: true, force: true });
        await mkdir(workspacePath, { recursive: true });
        for (const step of parse(example).steps) {
          const ctx = context(step.input, true);
          await byId.get(step.action)!.handler(ctx as any);
          ran.push(`${action.id}: ${step.action}`);
        }
      }
    }
    expect(ran).toEqual([
      'cloud:estimate: cloud:estimate',
      'cloud:estimate: cloud:estimate',
      'cloud:render: cloud:render',
      'cloud:render: cloud:render',
      'cloud:kubernetes:apply: cloud:render',
      'cloud:kubernetes:apply: cloud:kubernetes:apply',
      'cloud:deployment:create: cloud:deployment:create',
      'cloud:deployment:destroy: cloud:deployment:destroy',
    ]);
    expect(await list()).toEqual(before);
    await createDeploymentDestroyAction(backend).handler(
      context({ name: 'web-api', wait: true }) as any,
    );
  });
});
