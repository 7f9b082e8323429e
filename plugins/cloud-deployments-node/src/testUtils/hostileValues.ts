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
import { RenderedFiles } from '../providers/CloudDeploymentProvider';
import { unescapeTemplate } from '../terraform/escapeTemplate';

// Hostile strings for the injection tests, and helpers to compare what a
// render made of them.
// Not part of the package's API.

const MEGABYTE = 1024 * 1024;
const megabyte = (unit: string) =>
  unit.repeat(Math.ceil(MEGABYTE / unit.length)).slice(0, MEGABYTE);

/**
 * Label → hostile value.
 *
 * @alpha
 */
export const HOSTILE_VALUES: Record<string, string> = {
  'double quotes': 'a"b"',
  backslashes: 'a\\b\\"c\\\\',
  interpolation: '${file("/etc/passwd")}',
  'interpolation of variables':
    '${var.execution_role_arn}${var.project_id}${var.subscription_id}',
  directive: '%{ if true }x%{ endif }',
  'directive without spaces': '%{if!false}x%{endif}',
  'escapes already': '$${x}%%{y}$$$${z}',
  'heredoc marker': '<<EOF',
  'heredoc with newlines': '<<EOF\nx\nEOF',
  newlines: 'a\nb\r\nc',
  'YAML document marker': '---',
  'YAML anchors': '&a *a',
  'unicode look-alikes': 'аррӏе＄｛x｝％｛y｝',
  'zero-width characters': 'a\u200bb\u200cc\u200dd\u2060e',
  'bidi controls': 'a\u202eb\u2066c\u2069d\u200fe',
  'JSON in a string': '"},"x":{"y":"${z}',
  '4000 characters of template starts': '${x}%{y}'.repeat(500),
  'a megabyte of template starts': megabyte('${x}%{y}'),
  'a megabyte of plain text': megabyte('x'),
  'lone surrogate': 'a\uD800b',
};

/**
 * Every file of a render, parsed.
 *
 * @alpha
 */
export function parseFiles(rendered: RenderedFiles): Record<string, any> {
  return Object.fromEntries(
    Object.entries(rendered.files).map(([path, content]) => [
      path,
      JSON.parse(content),
    ]),
  );
}

/**
 * The paths (`file/key/…`) of the leaves that differ between two values.
 *
 * @alpha
 */
export function differingPaths(a: unknown, b: unknown, path = ''): string[] {
  if (
    a !== null &&
    b !== null &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    Array.isArray(a) === Array.isArray(b)
  ) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap(key =>
      differingPaths(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        path ? `${path}/${key}` : key,
      ),
    );
  }
  return a === b ? [] : [path];
}

/**
 * The value at a path of {@link differingPaths}.
 *
 * @alpha
 */
export function valueAt(document: unknown, path: string): unknown {
  return path
    .split('/')
    .reduce<any>(
      (value, key) => (value === undefined ? undefined : value[key]),
      document,
    );
}

/**
 * The paths of the strings in a document with a template start Terraform
 * would evaluate, other than those `allowed` (the renderer's references).
 *
 * @alpha
 */
export function unexpectedTemplates(
  document: unknown,
  allowed: RegExp,
  path = '',
): string[] {
  if (typeof document === 'string') {
    // Terraform reads a sign doubled (or more) before the brace as an escape.
    const start = /(?<!\$)\$\{|(?<!%)%\{/;
    return start.test(document) && !allowed.test(document) ? [path] : [];
  }
  if (document && typeof document === 'object') {
    return Object.entries(document).flatMap(([key, value]) =>
      unexpectedTemplates(value, allowed, path ? `${path}/${key}` : key),
    );
  }
  return [];
}

export { unescapeTemplate };
