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
import { InputError } from '@backstage/errors';
import { Manifest } from './deploymentManifests';
import { readYamlStream } from './readYamlStream';

/** The largest manifest stream accepted. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** The most objects one apply makes. */
export const MAX_MANIFESTS = 50;

/**
 * Reads a stream of YAML documents into objects. Refuses what is not plain
 * data: more than a few aliases (billion laughs), aliases that make a cycle,
 * nesting deeper than 64 levels, tags other than the core schema's, and
 * anything but mappings at the top.
 */
export function parseManifests(text: string): Manifest[] {
  if (Buffer.byteLength(text) > MAX_MANIFEST_BYTES) {
    throw new InputError(
      `manifests: are larger than ${MAX_MANIFEST_BYTES / 1024} KiB`,
    );
  }
  const documents = readYamlStream(text, 'manifests');
  const objects: Manifest[] = [];
  documents.forEach((doc, i) => {
    if (doc.errors.length) {
      throw new InputError(
        `manifests: document ${i + 1} is not valid YAML: ${
          doc.errors[0].message
        }`,
      );
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 10 });
    } catch (e) {
      throw new InputError(
        `manifests: document ${i + 1} cannot be read: ${(e as Error).message}`,
      );
    }
    if (value === null || value === undefined) return; // an empty document
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new InputError(
        `manifests: document ${
          i + 1
        } is not a Kubernetes object (a mapping with apiVersion, kind and metadata)`,
      );
    }
    objects.push(value as Manifest);
  });
  if (objects.length > MAX_MANIFESTS) {
    throw new InputError(
      `manifests: ${objects.length} objects are more than the ${MAX_MANIFESTS} one apply makes`,
    );
  }
  return objects;
}
