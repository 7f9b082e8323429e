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
import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod/v4';
import { cloudDeploymentPermissionResourceRef as resourceRef } from './resource';

/** Entity refs compare case-insensitively, as in the catalog. */
const normalize = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Matches deployments owned by one of the claims: pass the user's ownership
 * entity refs (`user.info.ownershipEntityRefs` in a policy).
 *
 * @public
 */
export const isOwner = createPermissionRule({
  name: 'IS_OWNER',
  description: 'Allow deployments owned by one of the given entity refs',
  resourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs, usually the ownership refs of the user'),
  }),
  apply: (subject, { claims }) =>
    claims.map(normalize).includes(normalize(subject.owner)),
  toQuery: ({ claims }) => ({ key: 'owner', values: claims.map(normalize) }),
});

/**
 * Matches deployments in one of the environments.
 *
 * @public
 */
export const hasEnvironment = createPermissionRule({
  name: 'HAS_ENVIRONMENT',
  description: 'Allow deployments in one of the given environments',
  resourceRef,
  paramsSchema: z.object({
    environments: z
      .array(z.string())
      .describe('Environment names, e.g. development'),
  }),
  apply: (subject, { environments }) =>
    subject.environment !== undefined &&
    environments.includes(subject.environment),
  toQuery: ({ environments }) => ({ key: 'environment', values: environments }),
});

/**
 * Matches deployments to one of the providers.
 *
 * @public
 */
export const hasProvider = createPermissionRule({
  name: 'HAS_PROVIDER',
  description: 'Allow deployments to one of the given providers',
  resourceRef,
  paramsSchema: z.object({
    providers: z
      .array(z.string())
      .describe('Provider ids, e.g. aws-sagemaker, gcp-cloud-run'),
  }),
  apply: (subject, { providers }) =>
    subject.provider !== undefined && providers.includes(subject.provider),
  toQuery: ({ providers }) => ({ key: 'provider', values: providers }),
});

/**
 * Matches deployments that run in a provider's local sandbox (nothing real
 * is created or paid for).
 *
 * @public
 */
export const isSandbox = createPermissionRule({
  name: 'IS_SANDBOX',
  description: "Allow deployments that run in a provider's local sandbox",
  resourceRef,
  apply: subject => subject.sandbox,
  toQuery: () => ({ key: 'sandbox' as const, values: ['true'] }),
});

/**
 * The permission rules of the `cloud-deployment` resource type.
 *
 * @public
 */
export const cloudDeploymentPermissionRules = {
  isOwner,
  hasEnvironment,
  hasProvider,
  isSandbox,
};
