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
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { HOSTILE_VALUES } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node/testUtils';
import request from 'supertest';
import { parse } from 'yaml';
import { cloudRunRequest } from '../__testUtils__/fixtures';
import { cloudRunSandboxModule } from '../__testUtils__/sandboxProviders';
import { cloudDeploymentsPlugin } from '../plugin';

// POST /render: the provider's files for a deployment that is not stored,
// or a Compose file of it.
describe('POST /render', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;
  const base = '/api/cloud-deployments';

  beforeAll(async () => {
    const cloudRun = await cloudRunSandboxModule();
    const backend = await startTestBackend({
      features: [
        cloudDeploymentsPlugin,
        cloudRun.module,
        mockServices.rootConfig.factory({
          data: { cloudDeployments: { jobs: { enabled: false } } },
        }),
      ],
    });
    server = backend.server;
    stop = async () => {
      await backend.stop();
      await cloudRun.sandbox.close();
    };
  });

  afterAll(() => stop());

  it("answers with the provider's Terraform, keeping hostile text as data, and stores nothing", async () => {
    const title = 'Shop ${file("/etc/passwd")} %{ if true }x%{ endif }';
    const res = await request(server)
      .post(`${base}/render`)
      .send({ ...cloudRunRequest, title });
    expect(res.status).toBe(200);
    const files = Object.keys(res.body.files);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every(f => f.endsWith('.tf.json'))).toBe(true);
    const all = Object.values<string>(res.body.files).join('\n');
    for (const file of Object.values<string>(res.body.files)) {
      expect(() => JSON.parse(file)).not.toThrow();
    }
    expect(all).toContain('web-api');
    expect(all).toContain(cloudRunRequest.artifact.image);
    expect(all).not.toMatch(/[^$]\$\{file/);
    expect(
      (await request(server).get(`${base}/deployments`)).body.items,
    ).toEqual([]);
  });

  it('answers 400 saying what is wrong', async () => {
    const bad = await request(server)
      .post(`${base}/render`)
      .send({ ...cloudRunRequest, name: 'Not_A_Name' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /^Invalid deployment: name: must be lowercase/,
    );
    const missing = await request(server)
      .post(`${base}/render`)
      .send({
        ...cloudRunRequest,
        provider: 'aws-sagemaker',
        compute: { instanceType: 'ml.m5.large' },
      });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe(
      'provider: aws-sagemaker is not installed in this portal',
    );
  });

  describe('?format=compose', () => {
    // The hostile values the API takes: env values may hold any text but NUL
    // and lone surrogates, and at most 4096 characters.
    const env = Object.fromEntries(
      Object.values(HOSTILE_VALUES)
        .filter(value => value.length <= 4096 && !/\p{Surrogate}/u.test(value))
        .map((value, i) => [`HOSTILE_${i}`, value]),
    );
    const literal = (value: string) => value.replaceAll('$$', '$');

    it('answers with a docker-compose.yaml that reads back to the spec, every $ escaped', async () => {
      const res = await request(server)
        .post(`${base}/render?format=compose`)
        .send({
          ...cloudRunRequest,
          env: { ...env, INTERPOLATED: '${HOME} $HOME ${X:-y} $(id)' },
        });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.files)).toEqual(['docker-compose.yaml']);
      const document = parse(res.body.files['docker-compose.yaml'], {
        maxAliasCount: 0,
      });
      const service = document.services['web-api'];
      expect(service.image).toBe(cloudRunRequest.artifact.image);
      expect(service.deploy).toEqual({
        resources: { limits: { cpus: 1, memory: '512M' } },
      });
      expect(service.environment.PORT).toBe('8080');
      expect(service.environment.INTERPOLATED).toBe(
        '$${HOME} $$HOME $${X:-y} $$(id)',
      );
      for (const [key, value] of Object.entries(env)) {
        expect(service.environment[key]).not.toMatch(
          /(^|[^$])(\$\$)*\$[{A-Za-z_]/,
        );
        expect(literal(service.environment[key])).toBe(value);
      }
      expect(
        (await request(server).get(`${base}/deployments`)).body.items,
      ).toEqual([]);
    });

    it('needs no provider installed: a SageMaker model runs as SageMaker would run it', async () => {
      const res = await request(server)
        .post(`${base}/render?format=compose`)
        .send({
          ...cloudRunRequest,
          provider: 'aws-sagemaker',
          region: 'us-east-1',
          compute: { instanceType: 'ml.m5.large' },
        });
      expect(res.status).toBe(200);
      const service = parse(res.body.files['docker-compose.yaml']).services[
        'web-api'
      ];
      expect(service.command).toEqual(['serve']);
      expect(service.healthcheck.test).toContain('http://127.0.0.1:8080/ping');
    });

    it('answers 400 for model data without an image, and for a format it does not know', async () => {
      const modelOnly = await request(server)
        .post(`${base}/render?format=compose`)
        .send({
          ...cloudRunRequest,
          provider: 'aws-sagemaker',
          region: 'us-east-1',
          artifact: { modelDataUrl: 's3://models/fraud/model.tar.gz' },
          compute: { instanceType: 'ml.m5.large' },
        });
      expect(modelOnly.status).toBe(400);
      expect(modelOnly.body.error.message).toMatch(
        /^artifact\.image: is required for a Compose file/,
      );
      for (const format of ['helm', 'COMPOSE', '']) {
        const unknown = await request(server)
          .post(`${base}/render?format=${format}`)
          .send(cloudRunRequest);
        expect(unknown.status).toBe(400);
        expect(unknown.body.error.message).toBe(
          'Invalid query: format: must be one of engine, compose',
        );
      }
    });
  });
});
