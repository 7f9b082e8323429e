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
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { createOpenApiRouter } from './openapi/generated/router';

// The generated router module, as the routes will use it: a typed router
// whose requests are checked against the spec before a handler runs.
describe('createOpenApiRouter', () => {
  // What the handlers were given, after validation.
  let received: { query?: object; id?: string } = {};

  async function app() {
    received = {};
    const router = await createOpenApiRouter();
    router.get('/deployments', (req, res) => {
      received.query = req.query;
      res.json({ items: [], totalCount: 0 });
    });
    router.post('/deployments/:id/cancel', (req, res) => {
      received.id = req.params.id;
      res.status(202).end();
    });
    const middleware = MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    });
    return express().use(router).use(middleware.error());
  }

  it('lets through what the spec allows, repeated filters included', async () => {
    const res = await request(await app()).get(
      '/deployments?status=active&status=failed&q=fraud%20%26%20co&limit=50',
    );
    expect(res.status).toBe(200);
    expect(received.query).toEqual({
      status: ['active', 'failed'],
      q: 'fraud & co',
      limit: 50,
    });
  });

  it('refuses what the spec does not allow, with an InputError', async () => {
    const unknownStatus = await request(await app()).get(
      '/deployments?status=gone',
    );
    expect(unknownStatus.status).toBe(400);
    expect(unknownStatus.body.error.name).toBe('InputError');
    expect(unknownStatus.body.error.message).toMatch(/status/);

    const unknownParameter = await request(await app()).get(
      '/deployments?colour=blue',
    );
    expect(unknownParameter.status).toBe(400);
    expect(unknownParameter.body.error.message).toMatch(/colour/);
  });

  it('routes path parameters', async () => {
    const res = await request(await app()).post(
      '/deployments/6f1c1a4e-1d0e-4a43-9d0a-0c5e2f7f6b11/cancel',
    );
    expect(res.status).toBe(202);
    expect(received.id).toBe('6f1c1a4e-1d0e-4a43-9d0a-0c5e2f7f6b11');
  });
});
