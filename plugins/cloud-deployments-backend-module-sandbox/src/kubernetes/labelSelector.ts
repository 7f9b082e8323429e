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
import { HttpStatus } from './kubernetesStatus';

/** One requirement of a label selector. */
type Requirement =
  | { key: string; op: 'exists' | 'notExists' }
  | { key: string; op: 'in' | 'notIn'; values: string[] };

/** A parsed `labelSelector`: whether an object's labels satisfy it. */
export type LabelSelector = (
  labels: Record<string, string> | undefined,
) => boolean;

const KEY =
  /^(?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Splits at commas outside parentheses, as `a in (x,y),b` has them. */
function requirementsOf(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')') depth -= 1;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map(p => p.trim());
}

function bad(part: string): HttpStatus {
  return new HttpStatus(
    400,
    'BadRequest',
    `unable to parse requirement: ${part}`,
  );
}

function parseRequirement(part: string): Requirement {
  let m = /^!\s*(\S+)$/.exec(part);
  if (m) return { key: m[1], op: 'notExists' };
  m = /^([^=!\s(]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
  if (m) {
    return { key: m[1], op: m[2] === '!=' ? 'notIn' : 'in', values: [m[3]] };
  }
  m = /^(\S+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(part);
  if (m) {
    return {
      key: m[1],
      op: m[2] === 'in' ? 'in' : 'notIn',
      values: m[3].split(',').map(v => v.trim()),
    };
  }
  if (/^\S+$/.test(part)) return { key: part, op: 'exists' };
  throw bad(part);
}

/**
 * A `labelSelector` as the API server reads it: requirements joined by
 * commas, each `key`, `!key`, `key=value` (or `==`), `key!=value`,
 * `key in (a,b)` or `key notin (a,b)`. `!=` and `notin` also match objects
 * without the label. A requirement it cannot read is a 400.
 */
export function parseLabelSelector(value: string | null): LabelSelector {
  if (!value?.trim()) return () => true;
  const requirements = requirementsOf(value).map(part => {
    if (!part) throw bad(part);
    const requirement = parseRequirement(part);
    if (!KEY.test(requirement.key) || requirement.key.length > 316) {
      throw bad(part);
    }
    return requirement;
  });
  return labels =>
    requirements.every(r => {
      const has = labels !== undefined && Object.hasOwn(labels, r.key);
      switch (r.op) {
        case 'exists':
          return has;
        case 'notExists':
          return !has;
        case 'in':
          return has && r.values.includes(labels![r.key]);
        default:
          return !has || !r.values.includes(labels![r.key]);
      }
    });
}
