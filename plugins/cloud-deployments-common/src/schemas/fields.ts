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
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { z } from 'zod/v3';
import {
  ILL_FORMED_TEXT_MESSAGE,
  NO_NUL,
  NUL_TEXT_MESSAGE,
  WELL_FORMED,
} from '../text';

// The field rules every request schema is built from. Only textSchema,
// deploymentNameSchema and ISO_DURATION_PATTERN are part of the package API.

/**
 * A string that can be stored and compared faithfully: well-formed Unicode,
 * no NUL. Every string of every input schema starts from this one.
 *
 * @public
 */
export const textSchema = () =>
  z
    .string()
    .regex(WELL_FORMED, ILL_FORMED_TEXT_MESSAGE)
    .regex(NO_NUL, NUL_TEXT_MESSAGE);

// Control characters (C0, DEL, C1) and bidi overrides have no place in names or
// titles shown to people or handed to a cloud API.
const HIDDEN_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export const visibleText = (max: number) =>
  textSchema()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(v => !HIDDEN_CHARACTERS.test(v), {
      message: 'must not contain control or bidirectional-override characters',
    });

/**
 * A DNS-1123 label: what every target accepts as a resource name.
 *
 * @public
 */
export const deploymentNameSchema = textSchema()
  .max(63, 'must be at most 63 characters')
  .regex(
    /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    'must be lowercase letters, digits and dashes, start with a letter and not end with a dash',
  );

const catalogNames = makeValidator();

/**
 * An entity ref of one of `kinds` (the first is the default kind), returned
 * in its full lowercase `kind:namespace/name` form. Its namespace and name
 * must be ones the catalog accepts, so that every relation the catalog module
 * makes of it points at an entity that can exist.
 */
export const entityRefSchema = (...kinds: [string, ...string[]]) => {
  const lower = kinds.map(k => k.toLocaleLowerCase('en-US'));
  const example = `"${lower[0]}:default/name"`;
  const kindsText =
    lower.length === 1
      ? `a ${lower[0]}`
      : `a ${lower.slice(0, -1).join(', ')} or ${lower[lower.length - 1]}`;
  return textSchema()
    .max(255, 'must be at most 255 characters')
    .transform((value, ctx) => {
      let ref;
      try {
        ref = parseEntityRef(value, {
          defaultKind: kinds[0],
          defaultNamespace: 'default',
        });
      } catch {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be an entity ref like ${example}`,
        });
        return z.NEVER;
      }
      if (!lower.includes(ref.kind.toLocaleLowerCase('en-US'))) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must refer to ${kindsText}, like ${example}`,
        });
        return z.NEVER;
      }
      if (
        // Refs are compared in lower case, as the catalog compares them.
        !catalogNames.isValidNamespace(
          ref.namespace.toLocaleLowerCase('en-US'),
        ) ||
        !catalogNames.isValidEntityName(ref.name)
      ) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be an entity ref like ${example}: names are letters, digits, "-", "_" and "." (at most 63), namespaces lowercase letters, digits and "-"`,
        });
        return z.NEVER;
      }
      return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    });
};

export const regionSchema = textSchema().regex(
  /^[a-z][a-z0-9-]{1,39}$/,
  'must be a region id like "us-east-1"',
);

// Also the namespace of the deployment's catalog entity, so it has the
// catalog's namespace form: no dash at the end or next to another.
export const environmentSchema = textSchema()
  .max(32, 'must be at most 32 characters')
  .regex(
    /^[a-z](-?[a-z0-9])*$/,
    'must be a lowercase word like "production" (letters, digits and single dashes between them; at most 32)',
  );

/**
 * An ISO 8601 duration such as `P7D` or `PT12H`; its groups capture the
 * years, months, weeks, days, hours, minutes and seconds.
 *
 * @public
 */
export const ISO_DURATION_PATTERN =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export const isoDurationSchema = textSchema().regex(
  ISO_DURATION_PATTERN,
  'must be an ISO 8601 duration like "P7D" or "PT12H"',
);

export const accountSchema = textSchema().regex(
  /^[a-z0-9][a-z0-9-]{0,62}$/,
  'must be the id of an account configured for the provider, e.g. "prod"',
);

export const int = (min: number, max: number) =>
  z
    .number()
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** A query parameter given once or several times, as an array. */
export const oneOrMany = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess(
    v => (v === undefined || Array.isArray(v) ? v : [v]),
    z.array(item).max(20, 'must be given at most 20 times'),
  );
