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

import { APIRequestContext } from '@playwright/test';
import { api } from './portal';

/**
 * A release pipeline's headers: a service with a token of this run only
 * (playwright.config.ts), so that the guest can approve what it asks for.
 */
export const pipelineHeaders = () => ({
  Authorization: `Bearer ${process.env.E2E_PIPELINE_TOKEN}`,
});

/** A POST to the cloud-deployments API as the release pipeline. */
export async function asPipeline(
  request: APIRequestContext,
  path: string,
  data: object,
) {
  const res = await request.post(`${api}${path}`, {
    headers: pipelineHeaders(),
    data,
  });
  return { status: res.status(), body: await res.json() };
}
