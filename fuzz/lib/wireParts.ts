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
import { createHash } from 'node:crypto';
import { Auth, QueryPart } from './fuzzRequest';

// The parts of a concrete request that need nothing of the world's state.

/** encodeURIComponent, or the text as it is where it has no UTF-8 form. */
export function encodeOrRaw(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The query string of a request, each part in its form, `fill`ed in. */
export function queryString(
  parts: QueryPart[],
  fill: (v: string) => string,
): string {
  const pairs = parts.map(({ key, value: raw, form }) => {
    const k = encodeOrRaw(key);
    const v = encodeOrRaw(fill(raw));
    switch (form) {
      case 'plain':
        return `${k}=${v}`;
      case 'array':
        return `${k}[]=${v}`;
      case 'object':
        return `${k}[a]=${v}`;
      case 'repeated':
        return `${k}=${v}&${k}=${v}`;
      case 'nested':
        return `${k}[a][b][c][d][e][f][g]=${v}`;
      default:
        return `${k}=${
          ['%ZZ', '%E0%A4%A', '%00', '%ED%A0%80', '%'][raw.length % 5]
        }`;
    }
  });
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** The headers of each kind of credentials a request is made with. */
export function authHeaders(
  auth: Auth,
  userToken: string,
  workspace?: { name: string; token: string },
): Record<string, string> {
  const basic = (user: string, password: string) => ({
    Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString(
      'base64',
    )}`,
  });
  switch (auth) {
    case 'user':
      return { Authorization: `Bearer ${userToken}` };
    case 'none':
      return {};
    case 'garbageBearer':
      return { Authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' };
    case 'workspace':
      return workspace
        ? basic(workspace.name, workspace.token)
        : basic('x', 'y');
    case 'workspaceWrongToken':
      return basic(workspace?.name ?? 'x', 'not-the-token');
    case 'workspaceWrongUser':
      return basic('someone-else', workspace?.token ?? 'y');
    default:
      return { Authorization: 'Basic !!!not-base64' };
  }
}

/** A UUID that is the same for the same number (one no deployment has). */
export function randomUUIDFrom(n: number): string {
  const hex = createHash('sha256').update(String(n)).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
