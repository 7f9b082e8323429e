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
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml } from 'yaml';
import {
  Manifest,
  validateManifests,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-kubernetes';

/** The resources the sandbox serves: group/version → plural → kind. */
const RESOURCES: Record<string, Record<string, string>> = {
  v1: { services: 'Service', configmaps: 'ConfigMap' },
  'apps/v1': { deployments: 'Deployment' },
  'autoscaling/v2': { horizontalpodautoscalers: 'HorizontalPodAutoscaler' },
  'networking.k8s.io/v1': { ingresses: 'Ingress' },
};

/**
 * A request the sandbox received, for tests to check.
 *
 * @public
 */
export type KubernetesSandboxRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  authorization?: string;
  body?: unknown;
};

/**
 * Options of {@link KubernetesSandbox.start}.
 *
 * @public
 */
export type KubernetesSandboxOptions = {
  /** The bearer token it accepts. Default `sandbox-token`. */
  token?: string;
  /** How long a Deployment takes to roll out. Default 1500 ms. */
  rolloutMs?: number;
  /** How long a deleted Deployment takes to go. Default 500 ms. */
  deletionMs?: number;
};

type Stored = {
  object: Manifest & { status?: Record<string, unknown> };
  /** When the current generation started rolling out. */
  rolloutStart: number;
  deletedAt?: number;
};

/** A Kubernetes `Status` body. */
function status(code: number, reason: string, message: string) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
}

class HttpStatus extends Error {
  constructor(readonly code: number, readonly reason: string, message: string) {
    super(message);
  }
}

/**
 * A local stand-in for a Kubernetes API server, enough for what the portal
 * does: discovery, server-side apply (checked as the API server checks it:
 * content type, field manager, body against the URL, schema and unknown
 * fields, `dryRun=All` persisting nothing), get, list by label selector and
 * delete of Deployments, Services, HPAs, Ingresses and ConfigMaps. A
 * Deployment rolls out after `rolloutMs`; an image whose tag is `crashloop`
 * never becomes available and exceeds its progress deadline. Serves plain
 * HTTP on loopback; runs in the backend as the cluster `local` when no
 * cluster is configured, and in tests.
 *
 * @public
 */
export class KubernetesSandbox {
  readonly url: string;
  readonly token: string;
  /** Every request, in order. */
  readonly requests: KubernetesSandboxRequest[] = [];
  readonly #server: http.Server;
  readonly #objects = new Map<string, Stored>();
  readonly #rolloutMs: number;
  readonly #deletionMs: number;
  #resourceVersion = 1;
  #servicesMade = 0;

  private constructor(server: http.Server, options: KubernetesSandboxOptions) {
    this.#server = server;
    this.token = options.token ?? 'sandbox-token';
    this.#rolloutMs = options.rolloutMs ?? 1500;
    this.#deletionMs = options.deletionMs ?? 500;
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(
    options: KubernetesSandboxOptions = {},
  ): Promise<KubernetesSandbox> {
    const server = http.createServer();
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const sandbox = new KubernetesSandbox(server, options);
    server.on('request', (req, res) => sandbox.#handle(req, res));
    return sandbox;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>(resolve => this.#server.close(() => resolve()));
  }

  /** The stored objects (what `kubectl get` would show), for tests. */
  objects(): Manifest[] {
    return [...this.#objects.values()].map(s => this.#view(s));
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: KubernetesSandboxRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization,
      };
      this.requests.push(recorded);
      const send = (code: number, body: unknown) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      this.#route(req.method ?? 'GET', url, text, recorded)
        .then(body => send(200, body))
        .catch(error => {
          if (error instanceof HttpStatus) {
            send(error.code, status(error.code, error.reason, error.message));
          } else {
            send(500, status(500, 'InternalError', String(error)));
          }
        });
    });
  }

  async #route(
    method: string,
    url: URL,
    text: string,
    recorded: KubernetesSandboxRequest,
  ): Promise<unknown> {
    if (recorded.authorization !== `Bearer ${this.token}`) {
      throw new HttpStatus(401, 'Unauthorized', 'Unauthorized');
    }
    // Deleted Deployments are gone once their pods would have stopped.
    for (const [key, stored] of this.#objects) {
      if (
        stored.deletedAt !== undefined &&
        Date.now() - stored.deletedAt >= this.#deletionMs
      ) {
        this.#objects.delete(key);
      }
    }
    const path = url.pathname;
    if (method === 'GET' && path === '/api') {
      return { kind: 'APIVersions', versions: ['v1'] };
    }
    const discovery = /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))$/.exec(path);
    if (method === 'GET' && discovery) {
      const groupVersion = discovery[1] ?? discovery[2];
      const resources = RESOURCES[groupVersion];
      if (!resources)
        throw new HttpStatus(404, 'NotFound', `${groupVersion} is not served`);
      return {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion,
        resources: Object.entries(resources).map(([name, kind]) => ({
          name,
          singularName: kind.toLowerCase(),
          namespaced: true,
          kind,
          verbs: [
            'create',
            'delete',
            'get',
            'list',
            'patch',
            'update',
            'watch',
          ],
        })),
      };
    }
    const match =
      /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(
        path,
      );
    const groupVersion = match?.[1] ?? match?.[2];
    const kind = groupVersion
      ? RESOURCES[groupVersion]?.[match![4]]
      : undefined;
    if (!match || !groupVersion || !kind) {
      throw new HttpStatus(
        404,
        'NotFound',
        `the server could not find the requested resource (${method} ${path})`,
      );
    }
    const namespace = match[3];
    const name = match[5];
    const dryRun = url.searchParams.get('dryRun');
    if (dryRun !== null && dryRun !== 'All') {
      throw new HttpStatus(
        400,
        'BadRequest',
        `invalid dry run option: ${dryRun}`,
      );
    }
    const key = (n: string) => `${groupVersion} ${kind} ${namespace}/${n}`;

    if (method === 'GET' && name) {
      const stored = this.#stored(key(name), match[4], name);
      return this.#view(stored);
    }
    if (method === 'GET') {
      const selector = this.#selector(url.searchParams.get('labelSelector'));
      return {
        kind: `${kind}List`,
        apiVersion: groupVersion,
        metadata: { resourceVersion: String(this.#resourceVersion) },
        items: [...this.#objects.entries()]
          .filter(([k]) =>
            k.startsWith(`${groupVersion} ${kind} ${namespace}/`),
          )
          .map(([, s]) => this.#view(s))
          .filter(o =>
            Object.entries(selector).every(
              ([k, v]) => o.metadata.labels?.[k] === v,
            ),
          ),
      };
    }
    if (method === 'DELETE' && name) {
      const stored = this.#stored(key(name), match[4], name);
      if (dryRun) return this.#view(stored);
      if (kind === 'Deployment' && this.#deletionMs > 0) {
        stored.deletedAt ??= Date.now();
      } else {
        this.#objects.delete(key(name));
      }
      return {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Success',
        details: { name, kind: match[4] },
      };
    }
    if (method === 'PATCH' && name) {
      return this.#apply(
        groupVersion,
        kind,
        namespace,
        name,
        text,
        url,
        recorded,
      );
    }
    throw new HttpStatus(
      405,
      'MethodNotAllowed',
      `${method} is not supported on ${path}`,
    );
  }

  async #apply(
    groupVersion: string,
    kind: string,
    namespace: string,
    name: string,
    text: string,
    url: URL,
    recorded: KubernetesSandboxRequest,
  ): Promise<unknown> {
    if (
      recorded.contentType?.split(';')[0] !== 'application/apply-patch+yaml'
    ) {
      throw new HttpStatus(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml (got ${recorded.contentType})`,
      );
    }
    const fieldManager = url.searchParams.get('fieldManager');
    if (!fieldManager) {
      throw new HttpStatus(
        422,
        'Invalid',
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      );
    }
    let body: Manifest;
    try {
      // JSON is YAML: the client sends the object as JSON.
      body = parseYaml(text);
    } catch (e) {
      throw new HttpStatus(
        400,
        'BadRequest',
        `error decoding YAML: ${(e as Error).message}`,
      );
    }
    recorded.body = body;
    if (body?.apiVersion !== groupVersion || body?.kind !== kind) {
      throw new HttpStatus(
        400,
        'BadRequest',
        `the API version in the data (${body?.apiVersion}) or kind (${body?.kind}) does not match the URL (${groupVersion} ${kind})`,
      );
    }
    if (body.metadata?.name !== name) {
      throw new HttpStatus(
        400,
        'BadRequest',
        'the name of the object does not match the name on the URL',
      );
    }
    if (body.metadata.namespace && body.metadata.namespace !== namespace) {
      throw new HttpStatus(
        400,
        'BadRequest',
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    try {
      await validateManifests([body]);
    } catch (e) {
      throw new HttpStatus(422, 'Invalid', (e as Error).message);
    }
    const key = `${groupVersion} ${kind} ${namespace}/${name}`;
    const existing = this.#objects.get(key);
    if (existing?.deletedAt) {
      throw new HttpStatus(
        409,
        'Conflict',
        `object is being deleted: ${kind} "${name}" already exists`,
      );
    }
    const now = Date.now();
    const { metadata, ...rest } = body;
    const specChanged =
      !existing ||
      !isDeepStrictEqual((existing.object as any).spec, (rest as any).spec);
    const previous = existing?.object.metadata;
    const object: Stored['object'] = {
      ...rest,
      apiVersion: groupVersion,
      kind,
      metadata: {
        ...metadata,
        namespace,
        uid: previous?.uid ?? randomUUID(),
        creationTimestamp:
          previous?.creationTimestamp ?? new Date(now).toISOString(),
        generation:
          ((previous?.generation as number) ?? 0) + (specChanged ? 1 : 0),
        resourceVersion: String(this.#resourceVersion + 1),
        managedFields: [
          {
            manager: fieldManager,
            operation: 'Apply',
            apiVersion: groupVersion,
            time: new Date(now).toISOString(),
            fieldsType: 'FieldsV1',
          },
        ],
      },
    };
    if (kind === 'Service') {
      (object as any).spec = {
        ...(object as any).spec,
        clusterIP:
          (existing?.object as any)?.spec?.clusterIP ?? this.#allocateIp(),
      };
    }
    const stored: Stored = {
      object,
      rolloutStart: specChanged || !existing ? now : existing.rolloutStart,
    };
    if (url.searchParams.get('dryRun') === 'All') return this.#view(stored);
    this.#resourceVersion += 1;
    this.#objects.set(key, stored);
    return this.#view(stored);
  }

  /** An object as the server shows it, with a Deployment's simulated status. */
  #view(stored: Stored): Manifest {
    const now = Date.now();
    const object = structuredClone(stored.object);
    if (stored.deletedAt !== undefined) {
      object.metadata.deletionTimestamp = new Date(
        stored.deletedAt,
      ).toISOString();
    }
    if (object.kind !== 'Deployment') return object;
    const spec = (object as any).spec;
    const replicas: number = spec.replicas ?? 1;
    const image: string = spec.template?.spec?.containers?.[0]?.image ?? '';
    const elapsed = now - stored.rolloutStart;
    const crashing = /:crashloop$/.test(image);
    const done = !crashing && elapsed >= this.#rolloutMs;
    const deadlineMs = (spec.progressDeadlineSeconds ?? 600) * 1000;
    object.status = {
      observedGeneration: object.metadata.generation,
      replicas,
      updatedReplicas: done || crashing ? replicas : 0,
      readyReplicas: done ? replicas : 0,
      availableReplicas: done ? replicas : 0,
      ...(done ? {} : { unavailableReplicas: replicas }),
      conditions: [
        crashing && elapsed >= deadlineMs
          ? {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
              message: `ReplicaSet "${object.metadata.name}" has timed out progressing.`,
            }
          : {
              type: 'Progressing',
              status: 'True',
              reason: done ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
              message: `ReplicaSet "${object.metadata.name}" is progressing.`,
            },
        {
          type: 'Available',
          status: done ? 'True' : 'False',
          reason: done
            ? 'MinimumReplicasAvailable'
            : 'MinimumReplicasUnavailable',
        },
      ],
    };
    return object;
  }

  /** The next cluster IP, in order, as the API server hands them out. */
  #allocateIp(): string {
    const n = this.#servicesMade++;
    return `10.96.${Math.floor(n / 250) % 256}.${(n % 250) + 1}`;
  }

  /** A stored object, or the API server's 404. */
  #stored(key: string, plural: string, name: string): Stored {
    const stored = this.#objects.get(key);
    if (!stored) {
      throw new HttpStatus(404, 'NotFound', `${plural} "${name}" not found`);
    }
    return stored;
  }

  #selector(value: string | null): Record<string, string> {
    if (!value) return {};
    const selector: Record<string, string> = {};
    for (const part of value.split(',')) {
      const m = /^([^=!]+)==?(.*)$/.exec(part.trim());
      if (!m)
        throw new HttpStatus(
          400,
          'BadRequest',
          `unable to parse requirement: ${part}`,
        );
      selector[m[1]] = m[2];
    }
    return selector;
  }
}
