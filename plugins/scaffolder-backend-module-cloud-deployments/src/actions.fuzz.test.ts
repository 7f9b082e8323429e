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
  TestDatabases,
} from '@backstage/backend-test-utils';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import cloudDeploymentsPlugin from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend';
import awsModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-aws';
import azureModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-azure';
import gcpModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-gcp';
import kubernetesModule from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-kubernetes';
import sandboxes from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-sandbox';
import fc from 'fast-check';
import { validate } from 'jsonschema';
import { Knex } from 'knex';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeploymentCreateAction } from './actions/deploymentCreate';
import { createDeploymentDestroyAction } from './actions/deploymentDestroy';
import { createEstimateAction } from './actions/estimate';
import { createKubernetesApplyAction } from './actions/kubernetesApply';
import { createRenderAction } from './actions/render';
import {
  createTerraformApplyAction,
  createTerraformPlanAction,
} from './actions/terraform';
import { CloudDeploymentsBackend } from './client';

/*
 * Property: whatever input passes an action's schema — which is all the
 * scaffolder checks before it calls the handler — the handler succeeds or
 * throws an error that says what is wrong with the input (InputError and
 * the other 4xx errors of @backstage/errors), never a TypeError or a bare
 * Error; a dry run writes nothing, and neither does a refused run. Inputs are
 * each action's realistic input with zero to two fields mutated; the
 * workspace holds manifests that may be YAML bombs or alias loops.
 *
 * FUZZ_SEED and FUZZ_ACTION_RUNS (runs per action) make a longer run:
 * `yarn fuzz:actions` at the repository root.
 */

jest.setTimeout(600_000);

const SEED = Number(process.env.FUZZ_SEED ?? 1);
const RUNS = Number(process.env.FUZZ_ACTION_RUNS ?? 100);

/** The errors that mean "this input cannot be done", as the backend's 4xx map to. */
const INPUT_ERRORS = [
  'InputError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
];

const TABLES = [
  'deployments',
  'deployment_events',
  'tasks',
  'terraform_workspaces',
  'terraform_locks',
  'terraform_state_versions',
];

const request = {
  name: 'web-api',
  owner: 'group:default/web-team',
  component: 'component:default/web-api',
  environment: 'staging',
  provider: 'gcp-cloud-run',
  region: 'europe-west1',
  artifact: { image: 'europe-docker.pkg.dev/acme/web/api:2.3.1' },
  compute: { cpu: 1, memoryMiB: 512, minInstances: 1, maxInstances: 10 },
};

const manifests = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  LOG_LEVEL: info
`;

/** What the workspace's manifests/app.yaml holds. */
const manifestFiles = fc.constantFrom(
  manifests,
  'apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: a, x: *m}\n',
  `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n`,
  `data: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
  'kind: [',
  '',
);

const hostileText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\ud800',
    'a\u0000b',
    '../..',
    '/etc',
    '.',
    'x'.repeat(5000),
    '__proto__',
    'group:default/\ud800',
    'manifests/app.yaml',
    'terraform/tfplan',
    'ml.nope',
    'P0D',
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, 0.5, 1e308, -1e308, 2 ** 31, 2 ** 53),
  fc.integer(),
  fc.double({ noNaN: true }),
);

const anything: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  hostileNumber,
  fc.constantFrom(null, true, false),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }),
  fc.dictionary(
    fc.constantFrom('cpu', 'memoryMiB', 'instanceType', '__proto__', 'x'),
    fc.oneof(hostileNumber, hostileText),
    { maxKeys: 3 },
  ),
);

/** Mostly a value of the field's own type, so the input passes the schema and reaches the handler. */
function hostile(like: unknown): fc.Arbitrary<unknown> {
  let same = anything;
  if (typeof like === 'string') same = hostileText;
  if (typeof like === 'number') same = hostileNumber;
  return fc.oneof(
    { weight: 4, arbitrary: same },
    { weight: 1, arbitrary: anything },
  );
}

type Mutation = { key: string; value?: unknown; remove: boolean };

/** Zero to two fields of the realistic input replaced, removed or added. */
function inputs(valid: Record<string, unknown>) {
  const keys = [...Object.keys(valid), 'unknownField', '__proto__'];
  const mutation: fc.Arbitrary<Mutation> = fc.constantFrom(...keys).chain(key =>
    fc.record({
      key: fc.constant(key),
      value: hostile(valid[key]),
      remove: fc.oneof(
        { weight: 1, arbitrary: fc.constant(true) },
        { weight: 4, arbitrary: fc.constant(false) },
      ),
    }),
  );
  return fc
    .tuple(fc.array(mutation, { maxLength: 2 }), fc.boolean(), manifestFiles)
    .map(([mutations, isDryRun, file]) => {
      const input: Record<string, unknown> = { ...valid };
      for (const m of mutations) {
        if (m.remove) delete input[m.key];
        else
          Object.defineProperty(input, m.key, {
            value: m.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return { input, isDryRun, file };
    });
}

describe('scaffolder actions under fuzzed input', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let backend: CloudDeploymentsBackend;
  let stop: () => Promise<void>;
  let deploymentId: string;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    const started = await startTestBackend({
      features: [
        cloudDeploymentsPlugin,
        awsModule,
        azureModule,
        gcpModule,
        kubernetesModule,
        sandboxes,
        mockServices.database.factory({ knex, migrations: { skip: false } }),
        mockServices.rootConfig.factory({
          // Nothing but the actions writes while rows are compared.
          data: { cloudDeployments: { jobs: { enabled: false } } },
        }),
      ],
    });
    const { port } = started.server.address() as AddressInfo;
    const api = `http://localhost:${port}/api/cloud-deployments`;
    backend = new CloudDeploymentsBackend(
      { getBaseUrl: async () => api, getExternalBaseUrl: async () => api },
      mockServices.auth(),
    );
    stop = () => started.stop();
    const created = await fetch(`${api}/deployments`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: mockCredentials.user.header(),
      },
      body: JSON.stringify({ ...request, name: 'fuzz-target', engine: 'sdk' }),
    });
    deploymentId = (await created.json()).id;
  });
  afterAll(() => stop());

  async function rows() {
    return Promise.all(
      TABLES.map(async t => Number((await knex(t).count({ n: '*' }))[0].n)),
    );
  }

  /** Runs the handler as the scaffolder would; returns what went wrong, if anything. */
  async function run(
    action: TemplateAction<any, any, any>,
    case_: { input: Record<string, unknown>; isDryRun: boolean; file: string },
  ): Promise<string | undefined> {
    if (!validate(case_.input, action.schema!.input as any).valid) {
      return undefined; // the scaffolder refuses it before the handler
    }
    const workspacePath = await mkdtemp(join(tmpdir(), 'cd-action-fuzz-'));
    try {
      await mkdir(join(workspacePath, 'manifests'));
      await writeFile(join(workspacePath, 'manifests', 'app.yaml'), case_.file);
      await mkdir(join(workspacePath, 'terraform'));
      await writeFile(join(workspacePath, 'terraform', 'tfplan'), 'not a plan');
      const ctx = createMockActionContext({
        input: case_.input as any,
        workspacePath,
        isDryRun: case_.isDryRun,
        getInitiatorCredentials: async () => mockCredentials.user(),
      });
      (ctx as any).isDryRun = case_.isDryRun;
      const before = await rows();
      let failure: string | undefined;
      try {
        await action.handler(ctx as any);
      } catch (error) {
        const { name, message } = error as Error;
        if (!INPUT_ERRORS.includes(name) || !message) {
          failure = `${name}: ${message}`;
        }
        if (!failure && String(await rows()) !== String(before)) {
          failure = `refused (${name}: ${message}) yet wrote rows`;
        }
      }
      if (
        !failure &&
        case_.isDryRun &&
        String(await rows()) !== String(before)
      ) {
        failure = 'a dry run wrote rows';
      }
      return failure;
    } finally {
      await rm(workspacePath, { recursive: true, force: true });
    }
  }

  const cases: Array<
    [string, () => TemplateAction<any, any, any>, () => Record<string, unknown>]
  > = [
    [
      'cloud:estimate',
      () => createEstimateAction(backend),
      () => ({
        provider: 'gcp-cloud-run',
        region: 'europe-west1',
        compute: { cpu: 1, memoryMiB: 512 },
      }),
    ],
    [
      'cloud:render',
      () => createRenderAction(backend),
      () => ({ ...request, engine: 'terraform', targetPath: 'terraform' }),
    ],
    [
      'cloud:render (compose)',
      () => createRenderAction(backend),
      () => ({ ...request, format: 'compose', targetPath: 'local' }),
    ],
    [
      'cloud:terraform:plan',
      () => createTerraformPlanAction(backend),
      () => ({ directory: 'terraform', workspace: 'fuzz-ws' }),
    ],
    [
      'cloud:terraform:apply',
      () => createTerraformApplyAction(backend),
      () => ({
        directory: 'terraform',
        workspace: 'fuzz-ws',
        planFile: 'terraform/tfplan',
        stateSerial: 1,
        stateLineage: 'fuzz',
      }),
    ],
    [
      'cloud:kubernetes:apply',
      () => createKubernetesApplyAction(backend),
      () => ({ path: 'manifests', applySet: 'web', prune: false, wait: false }),
    ],
    [
      'cloud:deployment:create',
      // Without wait: no worker runs here, so nothing would ever be active.
      () => createDeploymentCreateAction(backend),
      () => ({ ...request, name: 'fuzz-created' }),
    ],
    [
      'cloud:deployment:destroy',
      () => createDeploymentDestroyAction(backend),
      () => ({ id: deploymentId }),
    ],
  ];

  it.each(cases)(
    '%s succeeds or refuses the input by name, and writes nothing when refused',
    async (_, action, valid) => {
      let reached = 0;
      await fc.assert(
        fc.asyncProperty(inputs(valid()), async case_ => {
          if ('wait' in case_.input && case_.input.wait === true) {
            case_.input.wait = false;
          }
          if (validate(case_.input, action().schema!.input as any).valid) {
            reached += 1;
          }
          const failure = await run(action(), case_);
          if (failure) throw new Error(failure);
        }),
        { seed: SEED, numRuns: RUNS },
      );
      // Most inputs must reach the handler, or this tests the schema only.
      expect(reached).toBeGreaterThan(RUNS / 3);
    },
  );
});
