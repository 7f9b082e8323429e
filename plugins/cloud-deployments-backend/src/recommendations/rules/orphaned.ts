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
  DeploymentCompute,
  DeploymentProvider,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { TaggedCloudResource } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { unknownSavings, wholeSavings } from '../savings';
import { DAY_MS, Finding, SpecPricer } from '../findings';

/** What the portal knows of the deployment a resource's tag names. */
export type TaggedDeployment = {
  id: string;
  name: string;
  status: string;
  /** When it last changed (ISO 8601): a destroy just finished may still be deleting. */
  updatedAt: string;
};

/** A destroyed deployment's resources may take this long to go. */
export const ORPHAN_GRACE_MS = DAY_MS / 24;

// What a cloud returns is stored as text people read: NULs and lone
// surrogates (which PostgreSQL refuses) become U+FFFD, and long values are cut.
const shown = (raw: string, max = 120) =>
  (raw.length > max ? `${raw.slice(0, max)}…` : raw)
    .replaceAll('\u0000', '\ufffd')
    .replace(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd',
    );

function computeOf(resource: TaggedCloudResource): DeploymentCompute {
  const { config } = resource;
  const compute: DeploymentCompute = {};
  if (config?.instanceType) compute.instanceType = config.instanceType;
  if (config?.instanceCount !== undefined) {
    compute.instanceCount = config.instanceCount;
  }
  if (config?.cpu !== undefined) compute.cpu = config.cpu;
  if (config?.memoryMiB !== undefined) compute.memoryMiB = config.memoryMiB;
  if (config?.minInstances !== undefined) {
    compute.minInstances = config.minInstances;
  }
  if (config?.maxInstances !== undefined) {
    compute.maxInstances = config.maxInstances;
  }
  return compute;
}

/**
 * Cloud resources carrying the portal's deployment-id tag whose deployment
 * is not live: destroyed (more than an hour ago, so a delete in progress is
 * not reported), or unknown to the portal. Priced as a deployment of what
 * they run would be; the portal does not delete them: the proposal says
 * where they are.
 */
export function findOrphans(input: {
  provider: DeploymentProvider | string;
  providerTitle: string;
  resources: readonly TaggedCloudResource[];
  deploymentOf(id: string): TaggedDeployment | undefined;
  now: Date;
  price: SpecPricer;
}): Finding[] {
  const { now, price } = input;
  const findings: Finding[] = [];
  for (const resource of input.resources) {
    const deployment = input.deploymentOf(resource.deploymentId);
    if (deployment && deployment.status !== 'destroyed') continue;
    if (
      deployment &&
      now.getTime() - Date.parse(deployment.updatedAt) < ORPHAN_GRACE_MS
    ) {
      continue;
    }
    const estimate = resource.region
      ? price({
          provider: input.provider as DeploymentProvider,
          region: resource.region,
          compute: computeOf(resource),
        })
      : undefined;
    const why = deployment
      ? `its deployment ${
          deployment.name
        } was destroyed on ${deployment.updatedAt.slice(0, 10)}`
      : `no deployment of the portal has the id in its tag (${shown(
          resource.deploymentId,
        )})`;
    const where = shown(
      [...new Set([resource.location, resource.region])]
        .filter(Boolean)
        .join(', '),
    );
    findings.push({
      kind: 'orphaned',
      provider: input.provider,
      ...(deployment ? { deploymentId: deployment.id } : {}),
      // The same id can exist in two accounts or clusters.
      subject: [
        input.provider,
        resource.location ?? '',
        resource.resourceId,
      ].join('\u0000'),
      title: `Delete orphaned ${shown(resource.kind, 60)} ${shown(
        resource.name,
        80,
      )}`,
      detail: `${shown(resource.kind, 60)} ${shown(resource.name, 80)}${
        where ? ` (${where})` : ''
      } carries the portal's tag, but ${why}.`,
      evidence: {
        taggedDeploymentId: shown(resource.deploymentId),
        createdAt: resource.createdAt ? shown(resource.createdAt, 40) : null,
      },
      resource: {
        kind: shown(resource.kind, 60),
        id: shown(resource.resourceId, 500),
        name: shown(resource.name, 200),
        ...(resource.region ? { region: shown(resource.region) } : {}),
        ...(resource.location ? { location: shown(resource.location) } : {}),
      },
      proposal: {
        type: 'manual',
        summary: `Delete ${shown(resource.kind, 60)} ${shown(
          resource.resourceId,
          500,
        )} in ${input.providerTitle}${
          where ? ` (${where})` : ''
        }, after checking nothing uses it; the portal does not delete what no deployment owns.`,
      },
      savings: estimate
        ? wholeSavings(estimate)
        : unknownSavings(
            resource.region
              ? `the price data cannot price what it runs in ${resource.region}`
              : 'the provider did not say which region it is in',
          ),
    });
  }
  return findings;
}
