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
import { createHash, randomUUID } from 'node:crypto';
import { toJsonText } from './hostileValues';
import { encode } from './bodyEncodings';
import { FuzzRequest, PathPart, Target } from './fuzzRequest';
import {
  authHeaders,
  encodeOrRaw,
  queryString,
  randomUUIDFrom,
} from './wireParts';

/*
 * What the backend holds, as far as the fuzzer has seen it: deployments with
 * their versions, workspaces with their tokens, held locks and state
 * serials, the last list cursor. Generated requests refer to these; the
 * world turns them into a concrete request just before it is sent, and
 * learns from each answer. Counters, not randomness, make names unique, so a
 * seed replays the same run.
 */

type KnownDeployment = {
  id: string;
  name: string;
  version: number;
  /** Its DR plan's version, once a plan was seen. */
  drVersion?: number;
};
type KnownBudget = { id: string; version: number };
type KnownWorkspace = {
  name: string;
  token: string;
  locks: string[];
  serial: number;
  lineage: string;
  versions: number;
};

/** A request ready for fetch. */
export type ConcreteRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Everything the client sent, as text: where the oracle looks for echoes. */
  sentText: string;
  /** The workspace it addressed, if any. */
  workspace?: KnownWorkspace;
  /** The lock id a LOCK asked for. */
  lockId?: string;
};

/** What the `known` path targets of a request picked. */
type Picked = {
  workspace?: KnownWorkspace;
  deployment?: KnownDeployment;
  budget?: KnownBudget;
};

export class World {
  readonly deployments: KnownDeployment[] = [];
  readonly workspaces: KnownWorkspace[] = [];
  readonly budgets: KnownBudget[] = [];
  cursor?: string;
  #counter = 0;

  constructor(
    readonly api: string,
    readonly userToken: string,
    readonly runId: string,
  ) {}

  #unique(prefix: string) {
    this.#counter += 1;
    return `${prefix}-${this.runId}-${this.#counter}`;
  }

  #pick<T>(list: T[], index: number): T | undefined {
    return list.length ? list[index % list.length] : undefined;
  }

  #segment(part: PathPart, picked: Picked) {
    if (typeof part === 'string') return part;
    const t: Target = part.target;
    if (t.kind === 'text') return t.encoded ? encodeOrRaw(t.value) : t.value;
    if (part.ref === 'budget') {
      const b = this.#pick(this.budgets, t.index);
      picked.budget = b;
      const id = b?.id ?? randomUUIDFrom(t.index);
      return t.upperCase ? id.toUpperCase() : id;
    }
    if (part.ref === 'deployment') {
      const d = this.#pick(this.deployments, t.index);
      picked.deployment = d;
      const id = d?.id ?? randomUUIDFrom(t.index);
      return t.upperCase ? id.toUpperCase() : id;
    }
    const w = this.#pick(this.workspaces, t.index);
    picked.workspace = w;
    return w?.name ?? `no-such-workspace-${t.index}`;
  }

  /** Fills in the `$` words of a body from what is known now. */
  #fill(value: unknown, picked: Picked, lock: { id?: string }): unknown {
    if (typeof value === 'string') {
      switch (value) {
        case '$fresh-name':
          return this.#unique('fz');
        case '$taken-name':
          return this.deployments[0]?.name ?? 'fz-taken';
        case '$version':
          return picked.deployment?.version ?? 1;
        case '$dr-version':
          return picked.deployment?.drVersion ?? 1;
        case '$budget-version':
          return picked.budget?.version ?? 1;
        case '$deployment-id':
          return (
            this.#pick(this.deployments, this.#counter)?.id ?? randomUUID()
          );
        case '$fresh-workspace':
          return this.#unique('fzws');
        case '$state-version':
          return Math.max(1, picked.workspace?.versions ?? 1);
        case '$lock-id':
          return picked.workspace?.locks[0] ?? 'no-lock-held';
        case '$new-lock-id':
          lock.id = randomUUIDFrom(this.#counter++);
          return lock.id;
        case '$next-serial':
          return (picked.workspace?.serial ?? 0) + 1;
        case '$lineage':
          return picked.workspace?.lineage ?? 'fz-lineage';
        case '$cursor':
          return this.cursor ?? 'eyJ2IjoxLCJzZXEiOjF9';
        default:
          return value;
      }
    }
    if (Array.isArray(value))
      return value.map(v => this.#fill(v, picked, lock));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        Object.defineProperty(out, k, {
          value: this.#fill(v, picked, lock),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return value;
  }

  /** The generated request as it goes on the wire now. */
  resolve(request: FuzzRequest): ConcreteRequest {
    const picked: Picked = {};
    const lock: { id?: string } = {};
    const path = request.path.map(p => this.#segment(p, picked)).join('/');
    const fillText = (v: string) => String(this.#fill(v, picked, lock));
    const url = `${this.api}/${path}${queryString(
      request.query ?? [],
      fillText,
    )}`;
    const headers: Record<string, string> = {
      ...authHeaders(request.auth, this.userToken, picked.workspace),
      ...request.headers,
    };
    let body: Buffer | undefined;
    if (request.rawBody !== undefined) {
      // A state or LockInfo: its `$` words are filled in the text.
      const text = request.rawBody.replace(/"\$[a-z-]+"/g, m =>
        toJsonText(this.#fill(m.slice(1, -1), picked, lock)),
      );
      body = Buffer.from(text);
      if (request.contentMd5) {
        headers['Content-MD5'] =
          request.contentMd5 === 'right'
            ? createHash('md5').update(body).digest('base64')
            : request.contentMd5 === 'wrong'
            ? createHash('md5').update('other').digest('base64')
            : 'not base64 !';
      }
    } else if (request.encoding) {
      const encoded = encode(
        this.#fill(request.body, picked, lock),
        request.encoding,
      );
      body = encoded.body;
      Object.assign(headers, encoded.headers);
    }
    return {
      method: request.method,
      url,
      headers,
      body,
      sentText: `${url} ${JSON.stringify(headers)} ${
        body?.toString('latin1') ?? ''
      }`,
      workspace: picked.workspace,
      lockId: lock.id,
    };
  }

  /** Learns from a successful answer what the backend now holds. */
  learn(
    request: FuzzRequest,
    sent: ConcreteRequest,
    status: number,
    body: unknown,
  ) {
    if (status >= 300 || !body || typeof body !== 'object') return;
    const b = body as Record<string, any>;
    const deploymentLike = (d: any) =>
      d &&
      typeof d.id === 'string' &&
      typeof d.version === 'number' &&
      typeof d.name === 'string';
    for (const d of [b, ...(Array.isArray(b.items) ? b.items : [])]) {
      if (!deploymentLike(d)) continue;
      const known = this.deployments.find(k => k.id === d.id);
      if (known) known.version = d.version;
      else
        this.deployments.push({ id: d.id, name: d.name, version: d.version });
    }
    // A DR plan (PUT, GET or an action's 202): its own version, which the
    // plan's next change must name.
    if (
      typeof b.deploymentId === 'string' &&
      typeof b.version === 'number' &&
      typeof b.standbyRegion === 'string'
    ) {
      const known = this.deployments.find(k => k.id === b.deploymentId);
      if (known) known.drVersion = b.version;
    }
    const budgetLike = (d: any) =>
      d &&
      typeof d.id === 'string' &&
      typeof d.version === 'number' &&
      typeof d.amount === 'number' &&
      d.use;
    for (const d of [b, ...(Array.isArray(b.items) ? b.items : [])]) {
      if (!budgetLike(d)) continue;
      const known = this.budgets.find(k => k.id === d.id);
      if (known) known.version = d.version;
      else this.budgets.push({ id: d.id, version: d.version });
    }
    if (typeof b.nextCursor === 'string') this.cursor = b.nextCursor;
    if (
      request.route === 'POST /terraform/workspaces' &&
      typeof b.token === 'string'
    ) {
      this.workspaces.push({
        name: b.name,
        token: b.token,
        locks: [],
        serial: 0,
        lineage: `fz-${b.name}`,
        versions: 0,
      });
    }
    const ws = sent.workspace;
    if (!ws) return;
    if (request.route.endsWith('/token') && typeof b.token === 'string')
      ws.token = b.token;
    if (request.route.startsWith('LOCK ') && typeof b.ID === 'string')
      ws.locks.unshift(b.ID);
    if (request.route.startsWith('UNLOCK ') && typeof b.ID === 'string') {
      ws.locks = ws.locks.filter(id => id !== b.ID);
    }
    if (request.route.endsWith('/force-unlock')) ws.locks = [];
    if (typeof b.serial === 'number' && typeof b.version === 'number') {
      ws.serial = Math.max(ws.serial, b.serial);
      ws.versions = Math.max(ws.versions, b.version);
    }
  }
}
