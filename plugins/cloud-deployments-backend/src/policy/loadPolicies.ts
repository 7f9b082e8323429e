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
  DetailedError,
  policySetTextToParts,
  policyToJson,
  validate,
} from '@cedar-policy/cedar-wasm/nodejs';
import { InputError } from '@backstage/errors';
import { POLICY_SCHEMA } from './policySchema';

/** A policy file: its name in config and its Cedar text. */
export type PolicySource = { name: string; text: string };

/** One policy of a file, under its `@id`. */
export type LoadedPolicy = {
  id: string;
  message: string;
  source: string;
  /** Where the policy starts in its file (1-based), for errors. */
  line: number;
  text: string;
};

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const lineAt = (text: string, offset: number) =>
  text.slice(0, offset).split('\n').length;

/**
 * Cedar's messages, each with its line in the file when Cedar gave a place;
 * `text` starts on line `firstLine` of the file.
 */
function describe(errors: DetailedError[], text: string, firstLine = 1) {
  return errors
    .map(e => {
      const start = e.sourceLocations?.[0]?.start;
      const line =
        start === undefined
          ? ''
          : ` (line ${firstLine - 1 + lineAt(text, start)})`;
      return `${e.message}${line}${e.help ? `; ${e.help}` : ''}`;
    })
    .join('; ');
}

/**
 * Parses the policy files and validates them against the schema, or throws
 * naming the file, the policy and Cedar's message. Files hold only `forbid`
 * rules: the engine permits whatever no forbid matches, so a `permit` in a
 * file could change nothing and most likely means it was misread.
 */
export function loadPolicies(sources: PolicySource[]): LoadedPolicy[] {
  const policies: LoadedPolicy[] = [];
  const files = new Set<string>();
  for (const source of sources) {
    const file = `Policy file "${source.name}"`;
    if (!source.name.trim()) {
      throw new InputError('A policy file needs a name');
    }
    if (files.has(source.name)) {
      throw new InputError(`${file} is listed twice`);
    }
    files.add(source.name);
    const parts = policySetTextToParts(source.text);
    if (parts.type === 'failure') {
      throw new InputError(
        `${file} is not valid Cedar: ${describe(parts.errors, source.text)}`,
      );
    }
    if (parts.policy_templates.length > 0) {
      throw new InputError(
        `${file} holds a template (a policy with ?principal or ?resource); only plain forbid policies are supported`,
      );
    }
    if (parts.policies.length === 0) {
      throw new InputError(`${file} holds no policy`);
    }
    let searchFrom = 0;
    for (const text of parts.policies) {
      // Where the policy starts in the file, to give lines in errors.
      const at = source.text.indexOf(text, searchFrom);
      searchFrom = at < 0 ? searchFrom : at + text.length;
      const line = at < 0 ? 1 : lineAt(source.text, at);
      const where = ` (line ${line})`;
      const json = policyToJson(text);
      if (json.type === 'failure') {
        throw new InputError(
          `${file}: a policy${where} is not valid Cedar: ${describe(
            json.errors,
            text,
            line,
          )}`,
        );
      }
      const { effect, annotations = {} } = json.json;
      const id = annotations.id;
      if (id === undefined || !ID_PATTERN.test(id)) {
        throw new InputError(
          `${file}: the policy${where} needs an @id("kebab-case-name") annotation${
            id === undefined ? '' : `, not @id("${id}")`
          }`,
        );
      }
      const named = `${file}: policy "${id}"${where}`;
      if (!annotations.message?.trim()) {
        throw new InputError(
          `${named} needs a @message("...") annotation saying why it matched`,
        );
      }
      if (effect !== 'forbid') {
        throw new InputError(
          `${named} is a permit; policy files hold forbid rules only (everything no forbid matches is permitted). Write the condition as a forbid on Action::"deploy" to refuse, or on Action::"deployWithoutApproval" to ask for an approval`,
        );
      }
      const twin = policies.find(p => p.id === id);
      if (twin) {
        throw new InputError(
          `${named} has the id of a policy in policy file "${twin.source}"; ids must be unique`,
        );
      }
      policies.push({
        id,
        message: annotations.message,
        source: source.name,
        line,
        text,
      });
    }
  }
  validatePolicies(policies);
  return policies;
}

function validatePolicies(policies: LoadedPolicy[]) {
  if (policies.length === 0) return;
  const answer = validate({
    schema: POLICY_SCHEMA,
    validationSettings: { mode: 'strict' },
    policies: {
      staticPolicies: Object.fromEntries(policies.map(p => [p.id, p.text])),
    },
  });
  if (answer.type === 'failure') {
    throw new InputError(
      `The policies could not be validated: ${answer.errors
        .map(e => e.message)
        .join('; ')}`,
    );
  }
  const [first] = answer.validationErrors;
  if (first) {
    const policy = policies.find(p => p.id === first.policyId)!;
    const all = answer.validationErrors.filter(e => e.policyId === policy.id);
    throw new InputError(
      `Policy file "${policy.source}": policy "${
        policy.id
      }" does not fit the schema: ${describe(
        all.map(e => e.error),
        policy.text,
        policy.line,
      )}`,
    );
  }
}
