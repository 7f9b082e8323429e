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
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml } from 'yaml';
import {
  Manifest,
  validateManifests,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-kubernetes';
import { ClusterObjects, StoredObject } from './ClusterObjects';
import { HttpStatus } from './kubernetesStatus';

/** A server-side apply (PATCH) of one object. */
export type ApplyRequest = {
  groupVersion: string;
  kind: string;
  namespace: string;
  name: string;
  /** The body as it came. */
  text: string;
  url: URL;
  /** The recorded request, which gets the decoded body. */
  recorded: { contentType?: string; body?: unknown };
};

/**
 * Applies an object as the API server checks it: content type, field
 * manager, body against the URL, schema and unknown fields; `dryRun=All`
 * answers the result without storing it.
 */
export async function serverSideApply(
  objects: ClusterObjects,
  request: ApplyRequest,
): Promise<unknown> {
  const { groupVersion, kind, namespace, name, text, url, recorded } = request;
  if (recorded.contentType?.split(';')[0] !== 'application/apply-patch+yaml') {
    throw new HttpStatus(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml (got ${recorded.contentType})`,
    );
  }
  const fieldManager = url.searchParams.get('fieldManager');
  if (!fieldManager) {
    throw new HttpStatus(
      422,
      'Invalid',
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
  }
  let body: Manifest;
  try {
    // JSON is YAML: the client sends the object as JSON.
    body = parseYaml(text);
  } catch (e) {
    throw new HttpStatus(
      400,
      'BadRequest',
      `error decoding YAML: ${(e as Error).message}`,
    );
  }
  recorded.body = body;
  if (body?.apiVersion !== groupVersion || body?.kind !== kind) {
    throw new HttpStatus(
      400,
      'BadRequest',
      `the API version in the data (${body?.apiVersion}) or kind (${body?.kind}) does not match the URL (${groupVersion} ${kind})`,
    );
  }
  if (body.metadata?.name !== name) {
    throw new HttpStatus(
      400,
      'BadRequest',
      'the name of the object does not match the name on the URL',
    );
  }
  if (body.metadata.namespace && body.metadata.namespace !== namespace) {
    throw new HttpStatus(
      400,
      'BadRequest',
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  try {
    await validateManifests([body]);
  } catch (e) {
    throw new HttpStatus(422, 'Invalid', (e as Error).message);
  }
  const key = `${groupVersion} ${kind} ${namespace}/${name}`;
  const existing = objects.get(key);
  if (existing?.deletedAt) {
    throw new HttpStatus(
      409,
      'Conflict',
      `object is being deleted: ${kind} "${name}" already exists`,
    );
  }
  const now = Date.now();
  const { metadata, ...rest } = body;
  const specChanged =
    !existing ||
    !isDeepStrictEqual((existing.object as any).spec, (rest as any).spec);
  const previous = existing?.object.metadata;
  const object: StoredObject['object'] = {
    ...rest,
    apiVersion: groupVersion,
    kind,
    metadata: {
      ...metadata,
      namespace,
      uid: previous?.uid ?? randomUUID(),
      creationTimestamp:
        previous?.creationTimestamp ?? new Date(now).toISOString(),
      generation:
        ((previous?.generation as number) ?? 0) + (specChanged ? 1 : 0),
      resourceVersion: String(objects.resourceVersion + 1),
      managedFields: [
        {
          manager: fieldManager,
          operation: 'Apply',
          apiVersion: groupVersion,
          time: new Date(now).toISOString(),
          fieldsType: 'FieldsV1',
        },
      ],
    },
  };
  if (kind === 'Service') {
    (object as any).spec = {
      ...(object as any).spec,
      clusterIP:
        (existing?.object as any)?.spec?.clusterIP ?? objects.allocateIp(),
    };
  }
  const stored: StoredObject = {
    object,
    rolloutStart: specChanged || !existing ? now : existing.rolloutStart,
  };
  // Scaled down: the replicas it had terminate while it rolls out.
  const replicasBefore = (existing?.object as any)?.spec?.replicas ?? 1;
  if (
    kind === 'Deployment' &&
    existing &&
    ((object as any).spec?.replicas ?? 1) < replicasBefore
  ) {
    stored.scaledDownFrom = replicasBefore;
  }
  if (url.searchParams.get('dryRun') === 'All') return objects.view(stored);
  objects.commit(key, stored);
  return objects.view(stored);
}
