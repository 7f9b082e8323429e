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
import { validationError } from './awsErrors';

type Body = Record<string, any>;

/** A tag as SageMaker sends and answers it. */
export type SageMakerTag = { Key: string; Value: string };

// SageMaker's limits on tags (AddTags, and Tags of the Create* calls).
const MAX_TAGS = 50;
const MAX_KEY = 128;
const MAX_VALUE = 256;
// SageMaker's pattern of tag keys and values: letters, spaces and numbers
// of any script, and `_.:/=+-@`.
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * The tags of the sandbox's resources, by ARN. An ARN is known from its
 * resource's create until its delete, so that tagging a resource that does
 * not exist fails as it does in SageMaker, and a name used again starts
 * untagged.
 */
export class ResourceTags {
  readonly #byArn = new Map<string, Map<string, string>>();

  /** Registers a new resource with the tags of its create request. */
  created(arn: string, tags: SageMakerTag[]): void {
    this.#byArn.set(arn, new Map(tags.map(t => [t.Key, t.Value])));
  }

  /** Forgets a deleted resource's tags. */
  deleted(arn: string): void {
    this.#byArn.delete(arn);
  }

  /** Whether a resource has this ARN. */
  known(arn: string): boolean {
    return this.#byArn.has(arn);
  }

  list(arn: unknown): SageMakerTag[] {
    return [...this.#tags(arn).entries()].map(([Key, Value]) => ({
      Key,
      Value,
    }));
  }

  /** Adds or overwrites tags; at most 50 per resource. */
  add(arn: unknown, tags: SageMakerTag[]): void {
    const current = this.#tags(arn);
    const next = new Map(current);
    for (const { Key, Value } of tags) next.set(Key, Value);
    if (next.size > MAX_TAGS) {
      throw validationError(
        `Resource ${arn} would have ${next.size} tags; the limit is ${MAX_TAGS}`,
      );
    }
    this.#byArn.set(arn as string, next);
  }

  remove(arn: unknown, keys: unknown): void {
    const current = this.#tags(arn);
    if (!Array.isArray(keys) || keys.some(k => typeof k !== 'string')) {
      throw validationError(
        `1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must be a list of strings`,
      );
    }
    for (const key of keys) current.delete(key);
  }

  #tags(arn: unknown): Map<string, string> {
    const tags = typeof arn === 'string' ? this.#byArn.get(arn) : undefined;
    if (!tags) {
      throw validationError(
        `1 validation error detected: Value '${arn}' at 'resourceArn' failed to satisfy constraint: Member must name an existing resource`,
      );
    }
    return tags;
  }
}

/** The `Tags` of a request, checked as SageMaker checks them. */
export function readTags(tags: unknown, field: string): SageMakerTag[] {
  if (!Array.isArray(tags) || tags.length > MAX_TAGS) {
    throw validationError(
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TAGS}`,
    );
  }
  return tags.map((tag: Body, i: number) => {
    const key = tag?.Key;
    const value = tag?.Value ?? '';
    if (
      typeof key !== 'string' ||
      key.length < 1 ||
      key.length > MAX_KEY ||
      typeof value !== 'string' ||
      value.length > MAX_VALUE ||
      !TAG_TEXT.test(key) ||
      !TAG_TEXT.test(value)
    ) {
      throw validationError(
        `1 validation error detected: Value at '${field}.${
          i + 1
        }.member' failed to satisfy constraint: Key must have length 1 to ${MAX_KEY}, Value at most ${MAX_VALUE}, of letters, spaces, numbers and _.:/=+-@`,
      );
    }
    return { Key: key, Value: value };
  });
}
