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
  CreateDeploymentRequest,
  DEPLOYMENT_ENGINES,
  DEPLOYMENT_PROVIDERS,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { z as zod } from 'zod/v3';

/**
 * The input of actions that take a deployment request: the fields of
 * `POST /deployments`. Only their shape is checked here; the backend
 * validates them fully and its 400 says what is wrong.
 */
export const deploymentInput = {
  name: (z: typeof zod) =>
    z.string().describe('Deployment name: a DNS-1123 label, e.g. "web-api"'),
  title: (z: typeof zod) => z.string().optional().describe('Display title'),
  description: (z: typeof zod) => z.string().optional(),
  owner: (z: typeof zod) =>
    z.string().describe('Owner entity ref, e.g. "group:default/web-team"'),
  component: (z: typeof zod) =>
    z.string().describe('Component entity ref, e.g. "component:default/web"'),
  system: (z: typeof zod) => z.string().optional(),
  environment: (z: typeof zod) =>
    z.string().describe('e.g. "production", "staging"'),
  provider: (z: typeof zod) =>
    z.enum(DEPLOYMENT_PROVIDERS).describe('The deployment target'),
  region: (z: typeof zod) => z.string().describe('e.g. "europe-west1"'),
  account: (z: typeof zod) => z.string().optional(),
  engine: (z: typeof zod) =>
    z
      .enum(DEPLOYMENT_ENGINES)
      .optional()
      .describe('How it is provisioned; default sdk'),
  artifact: (z: typeof zod) =>
    z
      .object({
        image: z.string().optional(),
        modelDataUrl: z.string().optional(),
      })
      .describe('Container image and/or model data URL'),
  compute: (z: typeof zod) =>
    z
      .record(z.union([z.number(), z.string()]))
      .describe(
        'instanceType and instanceCount (SageMaker), or cpu, memoryMiB, minInstances, maxInstances, concurrency',
      ),
  ttl: (z: typeof zod) =>
    z.string().optional().describe('ISO 8601 duration, e.g. "P7D"'),
  usage: (z: typeof zod) =>
    z
      .union([
        z.record(z.union([z.number(), z.string(), z.boolean()])),
        // What a template's expression renders to when the form chose none.
        z.literal(''),
      ])
      .optional()
      .describe(
        "The usage the deployment's estimate assumes, as in POST /estimates (hoursPerMonth, requestsPerMonth, avgRequestDurationMs, billing, os, applyFreeTier); the backend checks it",
      ),
};

type DeploymentInput = {
  [K in keyof typeof deploymentInput]: zod.infer<
    ReturnType<(typeof deploymentInput)[K]>
  >;
};

/** The request body for the backend, with empty optional fields left out. */
export function deploymentRequest(
  input: Partial<DeploymentInput>,
): CreateDeploymentRequest {
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(deploymentInput)) {
    const value = (input as Record<string, unknown>)[key];
    if (value !== undefined && value !== '') body[key] = value;
  }
  body.engine ??= 'sdk';
  // Checked by the backend, whose refusal names every field that is wrong.
  return body as CreateDeploymentRequest;
}
