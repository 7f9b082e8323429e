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
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { spec } from '../schema/openapi/generated/router';

/**
 * An Ajv that knows the spec's components (as `spec#/components/...`), for
 * checking answers against the hand-written response schemas.
 */
export function specAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(withSpecRefs({ components: spec.components }), 'spec');
  return ajv;
}

/** What is wrong with `body` as the spec's component schema `name`; none: []. */
export function componentProblems(name: string, body: unknown): string[] {
  const ajv = specAjv();
  const validate = ajv.compile({ $ref: `spec#/components/schemas/${name}` });
  return validate(body) ? [] : [`${name}: ${ajv.errorsText(validate.errors)}`];
}

/**
 * An OpenAPI 3.0 schema as JSON Schema for Ajv: `#/components/...` refs
 * pointing into the added spec, boolean `exclusiveMinimum` as the number.
 */
export function withSpecRefs(value: any): any {
  if (Array.isArray(value)) return value.map(withSpecRefs);
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, any> = Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === '$ref' && typeof item === 'string' && item.startsWith('#/')
        ? `spec${item}`
        : withSpecRefs(item),
    ]),
  );
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ]) {
    if (result[exclusive] === true) {
      result[exclusive] = result[bound];
      delete result[bound];
    }
  }
  return result;
}
