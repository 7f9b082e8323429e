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
  Approval,
  DeploymentRevision,
  Deployment,
  DeploymentEvent,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

const errorBody = (status: number, name: string, message: string) =>
  json({ error: { name, message }, response: { statusCode: status } }, status);

/**
 * A cloud-deployments backend behind a mocked `fetchApi`: it serves one
 * deployment, its events and its approval requests, decides on a request as
 * `user:default/ann`, and streams new events as the test pushes them into an
 * open `ReadableStream`.
 */
export class FakeBackend {
  deployment: Deployment | undefined;
  readonly events: DeploymentEvent[];
  /** The deployment's approval requests, newest first. */
  approvals: Approval[] = [];
  /** The deployment's revisions, newest first; a rollback adds one. */
  revisions: DeploymentRevision[] = [];
  /** `METHOD path?query` of every request, in order. */
  readonly requests: string[] = [];
  /** How the stream answers: open, refuse with a 502, or not stream at all. */
  stream: 'open' | 'refuse' | 'not-a-stream' = 'open';
  /** Answers `GET /deployments/:id` with this error instead. */
  deploymentError:
    | { status: number; name: string; message: string }
    | undefined;

  #streams: ReadableStreamDefaultController<Uint8Array>[] = [];
  #encoder = new TextEncoder();

  constructor(
    deployment: Deployment | undefined,
    events: DeploymentEvent[] = [],
  ) {
    this.deployment = deployment;
    this.events = [...events];
  }

  readonly fetchApi = {
    fetch: jest.fn(async (input: RequestInfo | URL, init?: RequestInit) =>
      this.#answer(
        new URL(String(input)),
        init?.method ?? 'GET',
        typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      ),
    ),
  };

  /** How many streams are open now. */
  get openStreams(): number {
    return this.#streams.length;
  }

  /** Writes an event, sending it to the open streams. */
  push(event: DeploymentEvent) {
    this.events.push(event);
    const chunk = `id: ${
      event.id
    }\nevent: deployment-event\ndata: ${JSON.stringify(event)}\n\n`;
    for (const stream of this.#streams) {
      // Split in two, as a network may.
      const bytes = this.#encoder.encode(chunk);
      stream.enqueue(bytes.slice(0, 10));
      stream.enqueue(bytes.slice(10));
    }
  }

  #answer(
    url: URL,
    method: string,
    body?: { comment?: string; revision?: number },
  ): Response {
    const path = url.pathname.replace(/^\/api\/cloud-deployments/, '');
    this.requests.push(`${method} ${path}${url.search}`);
    const deployment = this.deployment;
    if (path === '/providers') {
      return json([]);
    }
    // As the backend: an id that is not a UUID cannot name a deployment.
    const id = path.match(/^\/deployments\/([^/]+)/)?.[1];
    if (id && !/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(id)) {
      return errorBody(400, 'InputError', `Invalid deployment id: ${id}`);
    }
    if (!deployment || !path.startsWith(`/deployments/${deployment.id}`)) {
      return errorBody(404, 'NotFoundError', 'No deployment with this id');
    }
    const rest = path.slice(`/deployments/${deployment.id}`.length);
    if (rest === '' && method === 'GET') {
      const e = this.deploymentError;
      if (e) return errorBody(e.status, e.name, e.message);
      const [latest] = this.approvals;
      return json(
        latest?.status === 'awaiting_approval'
          ? { ...deployment, approval: latest }
          : deployment,
      );
    }
    if (rest === '/approvals') {
      return json({ items: this.approvals });
    }
    if (rest === '/revisions') {
      return this.#revisionPage(url.searchParams);
    }
    const revision = rest.match(/^\/revisions\/(\d+)$/);
    if (revision && method === 'GET') {
      const found = this.revisions.find(r => r.number === Number(revision[1]));
      return found
        ? json(found)
        : errorBody(404, 'NotFoundError', 'No such revision');
    }
    if (rest === '/rollback' && method === 'POST') {
      return this.#rollback(body?.revision ?? this.revisions[1].number);
    }
    const decision = rest.match(/^\/approvals\/([^/]+)\/(approve|reject)$/);
    if (decision && method === 'POST') {
      return this.#decide(decision[1], decision[2], body?.comment ?? '');
    }
    if (rest === '/events') {
      const after = url.searchParams.get('after');
      return json({
        items: this.events.filter(e => after === null || e.id > Number(after)),
      });
    }
    if (rest === '/dr' && method === 'GET') {
      return errorBody(404, 'NotFoundError', 'The deployment has no DR plan');
    }
    if (rest === '/events/stream') {
      return this.#openStream();
    }
    return errorBody(405, 'Error', `${method} ${path} is not served`);
  }

  /** Pages as the backend does: newest first, `before` a number, 50 by default. */
  #revisionPage(query: URLSearchParams): Response {
    const before = Number(query.get('before') ?? Infinity);
    const limit = Number(query.get('limit') ?? 50);
    const older = this.revisions.filter(r => r.number < before);
    const items = older.slice(0, limit);
    return json({
      items,
      current: this.revisions[0]?.number,
      ...(older.length > limit
        ? { nextBefore: items[items.length - 1].number }
        : {}),
    });
  }

  #rollback(number: number): Response {
    const target = this.revisions.find(r => r.number === number)!;
    const now = new Date().toISOString();
    this.revisions = [
      {
        ...target,
        number: this.revisions[0].number + 1,
        change: 'rollback',
        rollbackTo: number,
        createdBy: 'user:default/ann',
        createdAt: now,
        outcome: 'pending',
      },
      ...this.revisions,
    ];
    this.deployment = {
      ...this.deployment!,
      spec: target.spec,
      status: 'updating',
      version: this.deployment!.version + 1,
      updatedAt: now,
    };
    return json(this.deployment, 202);
  }

  #decide(approvalId: string, verb: string, comment: string): Response {
    const approval = this.approvals.find(a => a.id === approvalId);
    if (!approval || approval.status !== 'awaiting_approval') {
      return errorBody(
        409,
        'ConflictError',
        'The request was decided meanwhile',
      );
    }
    const approved = verb === 'approve';
    Object.assign(approval, {
      status: approved ? 'approved' : 'rejected',
      decidedBy: 'user:default/ann',
      decidedAt: new Date().toISOString(),
      comment,
    });
    const deployment = this.deployment!;
    if (approval.operation === 'create') {
      this.deployment = {
        ...deployment,
        status: approved ? 'pending' : 'destroyed',
        version: deployment.version + 1,
        updatedAt: new Date().toISOString(),
      };
    }
    return json(this.deployment, approved ? 202 : 200);
  }

  #openStream(): Response {
    if (this.stream === 'refuse') {
      return errorBody(502, 'Error', 'Bad gateway');
    }
    if (this.stream === 'not-a-stream') {
      return new Response('<html></html>', {
        headers: { 'Content-Type': 'text/html' },
      });
    }
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start: c => {
        controller = c;
        c.enqueue(this.#encoder.encode('retry: 1000\n\n: keep-alive\n\n'));
        this.#streams.push(c);
      },
      cancel: () => {
        this.#streams = this.#streams.filter(s => s !== controller);
      },
    });
    return new Response(body, {
      headers: { 'Content-Type': 'text/event-stream; charset=utf-8' },
    });
  }
}
