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
import { createHash } from 'node:crypto';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { resourceNameOf } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';

/**
 * The SageMaker names of a deployment's resources.
 *
 * The endpoint carries the deployment's resource name (`resourceNameOf`). A model and its endpoint
 * configuration share one name per revision (they live in separate
 * namespaces): `<name>-<id hash>-<spec hash>`, so that a retry finds what a
 * first attempt made, a new spec gets new ones to roll out, and every name
 * of the deployment starts with the same prefix for clean-up.
 */
export type ResourceNames = {
  endpoint: string;
  /** Shared by all revisions of the deployment, and no other deployment. */
  prefix: string;
  /** The model and endpoint configuration of the current spec. */
  revision: string;
};

/**
 * The one production variant of every endpoint configuration the provider
 * (and its Terraform) makes; CloudWatch's SageMaker metrics carry it as the
 * `VariantName` dimension.
 */
export const VARIANT_NAME = 'AllTraffic';

const MAX_NAME = 63;
const HASH = 8;

function hash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, HASH);
}

/** The fields of a revision: a change to any of them needs a new model. */
export type RevisionInput = {
  image?: string;
  modelDataUrl?: string;
  instanceType?: string;
  instanceCount?: number;
  executionRoleArn: string;
  env?: Record<string, string>;
};

/** Derives the names of a deployment's resources; see {@link ResourceNames}. */
export function resourceNames(
  deployment: Pick<Deployment, 'id' | 'name' | 'resourceName'>,
  revision: RevisionInput,
): ResourceNames {
  const endpoint = resourceNameOf(deployment);
  const base = endpoint.slice(0, MAX_NAME - 2 * (HASH + 1)).replace(/-+$/, '');
  const prefix = `${base}-${hash(deployment.id)}-`;
  return {
    endpoint,
    prefix,
    revision: `${prefix}${hash(
      JSON.stringify([
        revision.image ?? null,
        revision.modelDataUrl ?? null,
        revision.instanceType ?? null,
        revision.instanceCount ?? 1,
        revision.executionRoleArn,
        // Only when set, so that the names of specs without it stay as they were.
        ...(revision.env && Object.keys(revision.env).length
          ? [Object.entries(revision.env).sort(([a], [b]) => (a < b ? -1 : 1))]
          : []),
      ]),
    )}`,
  };
}
