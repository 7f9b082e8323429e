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
  AuditorService,
  HttpRouterServiceAuthPolicy,
  LoggerService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { translateRequestErrors } from '../service/requestErrors';
import { bindStateRoutes, STATE_ROUTE_PREFIX } from './stateRoutes';
import { TerraformStateStore } from './TerraformStateStore';

/** States of a few thousand resources are several MiB of JSON. */
export const MAX_STATE_BYTES = 32 * 1024 * 1024;

/**
 * Terraform has no Backstage token: the state routes check the workspace's
 * HTTP Basic credentials themselves.
 */
export const terraformStateAuthPolicy: HttpRouterServiceAuthPolicy = {
  path: STATE_ROUTE_PREFIX,
  allow: 'unauthenticated',
};

/**
 * The Terraform HTTP state backend, under `/terraform/state`. It parses its
 * own bodies (state is bigger than the plugin's JSON limit), so it goes
 * before the plugin's main router. The API that manages its workspaces is on
 * the main router, typed by the OpenAPI spec.
 */
export function createTerraformRouter(options: {
  store: TerraformStateStore;
  auditor: AuditorService;
  logger: LoggerService;
  maxStateBytes?: number;
}): express.Router {
  const router = Router();
  // A plain router: Terraform's LOCK and UNLOCK are not methods OpenAPI can describe.
  bindStateRoutes(router, {
    ...options,
    maxStateBytes: options.maxStateBytes ?? MAX_STATE_BYTES,
  });
  router.use(translateRequestErrors);
  return router;
}
