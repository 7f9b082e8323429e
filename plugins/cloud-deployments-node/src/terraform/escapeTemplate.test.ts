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
  escapeTemplate,
  MAX_TEMPLATE_TEXT,
  terraformJson,
  unescapeTemplate,
} from './escapeTemplate';

describe('escapeTemplate', () => {
  it.each([
    ['plain text', 'plain text'],
    ['${var.x}', '$${var.x}'],
    ['%{ if true }x%{ endif }', '%%{ if true }x%%{ endif }'],
    ['${file("/etc/passwd")}', '$${file("/etc/passwd")}'],
    // Already escaped-looking input is escaped once more, not left alone.
    ['$${x}', '$$${x}'],
    ['%%{x}', '%%%{x}'],
    ['$%{', '$%%{'],
    ['%${', '%$${'],
    // Only a brace after the sign starts a template.
    ['$ {x} % {y} $x %y $ %', '$ {x} % {y} $x %y $ %'],
    ['${~x}', '$${~x}'],
    ['', ''],
  ])('escapes %j as %j', (value, escaped) => {
    expect(escapeTemplate(value)).toBe(escaped);
  });

  it('keeps every other character, including quotes, backslashes and controls', () => {
    const value = 'a"b\\c\n\r\t\u0000\u200b\u202e\u{1F600}<<EOF';
    expect(escapeTemplate(value)).toBe(value);
  });

  it('escapes the longest value it takes, all template starts', () => {
    const value = '${x}%{y}'.repeat(MAX_TEMPLATE_TEXT / 8);
    const escaped = escapeTemplate(value);
    expect(escaped).toBe('$${x}%%{y}'.repeat(MAX_TEMPLATE_TEXT / 8));
    expect(unescapeTemplate(escaped)).toBe(value);
  });

  it('refuses longer values, which would stall Terraform, without quoting them', () => {
    const value = `secret${'x'.repeat(MAX_TEMPLATE_TEXT)}`;
    expect(() => escapeTemplate(value)).toThrow(
      expect.objectContaining({ name: 'InputError' }),
    );
    expect(() => escapeTemplate(value)).toThrow(
      `A value of ${value.length} characters is longer than the ${MAX_TEMPLATE_TEXT} written to Terraform`,
    );
    expect(() => escapeTemplate('${'.repeat(512 * 1024))).toThrow(
      /longer than/,
    );
  });

  it('refuses lone surrogates, which Terraform would not keep', () => {
    expect(() => escapeTemplate('a\uD800b')).toThrow(
      expect.objectContaining({ name: 'InputError' }),
    );
    expect(() => escapeTemplate('\uDC00')).toThrow(/lone UTF-16 surrogate/);
    expect(escapeTemplate('\u{1F600}')).toBe('\u{1F600}');
  });

  it.each([
    '${x}',
    '$${x}',
    '$$$${x}',
    '%%%{x}',
    '$%{x}%${y}',
    '${',
    '$',
    '%',
    '$$',
    'text',
  ])('unescapeTemplate inverts it for %j', value => {
    expect(unescapeTemplate(escapeTemplate(value))).toBe(value);
  });
});

describe('terraformJson', () => {
  it('writes indented JSON with a final newline', () => {
    expect(terraformJson({ a: { b: 1 } })).toBe(
      '{\n  "a": {\n    "b": 1\n  }\n}\n',
    );
  });
});
