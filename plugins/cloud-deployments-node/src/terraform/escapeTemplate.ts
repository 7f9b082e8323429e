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

// `${` starts an interpolation and `%{` a directive in every string Terraform
// reads as an expression; doubling the first character is the escape.
const TEMPLATE_START = /[$%]\{/g;
const ESCAPED_START = /([$%])\1\{/g;
// A UTF-16 half without its other half: JSON can carry it, but Terraform
// decodes it as U+FFFD, so the value would not arrive as it was.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * The longest value written. Terraform's time to read a string grows with
 * the square of its escapes (64 KiB of them: 11 s, 256 KiB: over 3 min), so
 * a long one would stall every plan; spec values are far shorter.
 *
 * @public
 */
export const MAX_TEMPLATE_TEXT = 4096;

/**
 * Makes a string safe to write where a `.tf.json` file holds an expression
 * (resource and provider arguments, output values): `${` becomes `$${` and
 * `%{` becomes `%%{`, so that Terraform reads the value as data and never
 * evaluates any part of it. Variable defaults and descriptions are literal
 * in JSON syntax and must not be escaped.
 *
 * Throws an `InputError` for a string longer than
 * {@link MAX_TEMPLATE_TEXT} or with a lone UTF-16 surrogate.
 *
 * @public
 */
export function escapeTemplate(value: string): string {
  if (value.length > MAX_TEMPLATE_TEXT) {
    throw new InputError(
      `A value of ${value.length} characters is longer than the ${MAX_TEMPLATE_TEXT} written to Terraform`,
    );
  }
  if (LONE_SURROGATE.test(value)) {
    throw new InputError(
      'A value contains a lone UTF-16 surrogate, which Terraform cannot keep as text',
    );
  }
  // A function: in a replacement string `$$` would mean a single `$`.
  return value.replace(TEMPLATE_START, start => `${start[0]}${start}`);
}

/**
 * What Terraform makes of an escaped string: the inverse of
 * `escapeTemplate`.
 *
 * @public
 */
export function unescapeTemplate(value: string): string {
  return value.replace(ESCAPED_START, (_, first: string) => `${first}{`);
}

/**
 * A `.tf.json` file's content.
 *
 * @public
 */
export function terraformJson(document: object): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * A map of text values (environment variables, labels) as Terraform literal
 * text: each value escaped as {@link escapeTemplate} does. The keys are the
 * caller's to have checked: they are names, never templates.
 *
 * @public
 */
export function escapeTemplateValues(
  values: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, escapeTemplate(value)]),
  );
}
