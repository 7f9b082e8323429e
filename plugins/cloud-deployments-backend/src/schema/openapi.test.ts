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
import { mockServices } from '@backstage/backend-test-utils';
import { createRouter, RouterOptions } from '../service/createRouter';
import { createTerraformRouter } from '../terraform/createTerraformRouter';
import { spec } from './openapi/generated/router';

// The spec is the API's listing: every route the routers register is in it,
// and everything in it is a route. Building the routers registers the routes;
// nothing here calls them, so their dependencies are never used.
const unused = {} as never;

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  regexp?: { fast_slash?: boolean };
};

/**
 * `METHOD /path/{param}` for each route of an express router, and of the
 * routers it mounts at its root (binders may bring their own); not the spec
 * document that createOpenApiRouter serves.
 */
function routesOf(router: { stack: unknown[] }): string[] {
  return (router.stack as Layer[]).flatMap(({ route, handle, regexp }) => {
    if (!route) {
      return handle?.stack && regexp?.fast_slash
        ? routesOf({ stack: handle.stack })
        : [];
    }
    // The spec document createOpenApiRouter serves (OPENAPI_SPEC_ROUTE).
    if (route.path === '/openapi.json') return [];
    return Object.keys(route.methods).map(
      method =>
        `${method.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`,
    );
  });
}

const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head'];

function operationsOf(paths: Record<string, object>): string[] {
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter(key => OPERATION_METHODS.includes(key))
      .map(method => `${method.toUpperCase()} ${path}`),
  );
}

describe('openapi.yaml', () => {
  it('has every route of the routers, and no other', async () => {
    const options: RouterOptions = {
      store: unused,
      estimates: unused,
      auditor: mockServices.auditor.mock(),
      httpAuth: mockServices.httpAuth.mock(),
      authorizer: unused,
      permissions: unused,
      knex: unused,
      providers: unused,
      logger: mockServices.logger.mock(),
      terraformStates: unused,
      discovery: mockServices.discovery.mock(),
      maxAttempts: 1,
      notifier: unused,
    };
    const routes = [
      ...routesOf(await createRouter(options)),
      ...routesOf(createTerraformRouter({ ...options, store: unused })),
    ];
    // The state backend takes every method and answers those of Terraform's
    // protocol; LOCK and UNLOCK are not OpenAPI methods (x-terraform-lock-methods).
    const stateRoute = '/terraform/state/{workspace}';
    expect(routes).toContain(`_ALL ${stateRoute}`);
    const expected = routes
      .filter(route => route !== `_ALL ${stateRoute}`)
      .concat(['GET', 'HEAD', 'POST', 'PUT'].map(m => `${m} ${stateRoute}`));

    expect(operationsOf(spec.paths).sort()).toEqual(expected.sort());
    expect(
      Object.keys(spec.paths[stateRoute]['x-terraform-lock-methods']),
    ).toEqual(['LOCK', 'UNLOCK']);
  });

  it('names every operation once', () => {
    const ids = Object.values(spec.paths).flatMap(item =>
      Object.entries(item)
        .filter(([key]) => OPERATION_METHODS.includes(key))
        .map(
          ([, operation]) => (operation as { operationId: string }).operationId,
        ),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });
});
