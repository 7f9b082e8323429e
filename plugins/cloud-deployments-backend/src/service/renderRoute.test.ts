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
import request from 'supertest';
import { cloudRunRequest } from '../__testUtils__/fixtures';
import { cloudRunSandboxModule } from '../__testUtils__/sandboxProviders';
import { cloudDeploymentsPlugin } from '../plugin';

// POST /render: the provider's files for a deployment that is not stored.
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
});
