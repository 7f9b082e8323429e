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
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

/** `accounts[0].id` from `['accounts', 0, 'id']`. */
function formatPath(key: string, path: (string | number)[]): string {
  return path.reduce<string>(
    (text, part) =>
      typeof part === 'number' ? `${text}[${part}]` : `${text}.${part}`,
    key,
  );
}

/**
 * Reads the config under `key` through a zod schema and returns what the
 * schema makes of it. On the first problem it throws an `InputError` naming
 * the full key path, e.g.
 * `Invalid config cloudDeployments.pricing.aws.regions: list at least one region`,
 * or, for a required value that is absent, the message Backstage's own
 * config reader gives: `Missing required config value at '…'`. A custom
 * issue with {@link ownConfigMessage} params gives its own whole message. A
 * schema that accepts `undefined` (`.optional()`) reads an absent subtree.
 *
 * @public
 */
export function readConfigWithSchema<TSchema extends z.ZodTypeAny>(
  config: Config,
  key: string,
  schema: TSchema,
): z.output<TSchema> {
  const result = schema.safeParse(config.getOptional(key));
  if (result.success) {
    return result.data;
  }
  const [issue] = result.error.issues;
  const path = formatPath(key, issue.path);
  const own =
    issue.code === z.ZodIssueCode.custom
      ? issue.params?.ownConfigMessage
      : undefined;
  if (typeof own === 'function') {
    throw new InputError(own(path));
  }
  if (
    issue.code === z.ZodIssueCode.invalid_type &&
    issue.received === 'undefined'
  ) {
    throw new InputError(`Missing required config value at '${path}'`);
  }
  throw new InputError(`Invalid config ${path}: ${issue.message}`);
}

/**
 * Params of a custom zod issue that make {@link readConfigWithSchema} throw
 * `message(path)`, given the issue's full key path, instead of
 * `Invalid config <path>: <message>`: for config whose errors read as
 * sentences of their own, e.g. `<path> must be a port number (1-65535)`.
 *
 * @public
 */
export function ownConfigMessage(message: (path: string) => string): {
  ownConfigMessage: (path: string) => string;
} {
  return { ownConfigMessage: message };
}

/**
 * An optional positive integer, refused with the value it got.
 *
 * @public
 */
export function positiveIntegerConfig() {
  return z
    .preprocess(
      // As Backstage's getNumber: a number written as text (e.g. from an
      // environment variable) is read as that number.
      value =>
        typeof value === 'string' && value.trim() !== '' && !isNaN(+value)
          ? Number(value)
          : value,
      z
        .number({ invalid_type_error: 'expected a positive integer' })
        .optional(),
    )
    .superRefine((value, ctx) => {
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `expected a positive integer, got ${value}`,
        });
      }
    });
}

/**
 * An optional boolean; as Backstage's getBoolean, `'true'` and `'false'`
 * written as text (e.g. from an environment variable) are read as booleans.
 *
 * @public
 */
export function booleanConfig() {
  return z.preprocess(
    value => (value === 'true' || value === 'false' ? value === 'true' : value),
    z.boolean().optional(),
  );
}

/**
 * A refinement of a list of strings: the first one that does not match
 * `pattern` is refused with `message(item)`, on the list's own key (so that
 * the error reads `….regions: 'us-east1' is not …`).
 *
 * @public
 */
export function everyItemMatches(
  pattern: RegExp,
  message: (item: string) => string,
) {
  return (items: readonly string[], ctx: z.RefinementCtx) => {
    const bad = items.find(item => !pattern.test(item));
    if (bad !== undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: message(bad) });
    }
  };
}
