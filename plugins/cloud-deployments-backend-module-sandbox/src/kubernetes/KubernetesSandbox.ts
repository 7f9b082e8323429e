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
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Manifest } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend-module-kubernetes';
import { ClusterObjects } from './ClusterObjects';
import { HttpStatus, status } from './kubernetesStatus';
import { parseLabelSelector } from './labelSelector';
import { serverSideApply } from './serverSideApply';
import { gpusRequested, resourceQuotaList } from './resourceQuotas';
import { apiResourceList, servedKind } from './servedResources';

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
  /**
   * GPU quotas by namespace: a `ResourceQuota` named `gpu-quota` limiting
   * `requests.nvidia.com/gpu` to this many, its `status.used` the GPUs the
   * namespace's Deployments request. Namespaces left out have none.
   */
  gpuQuotas?: Record<string, number>;
  /**
   * What `SelfSubjectAccessReview` says the token may not do, as
   * `kubectl auth can-i` names it: `<verb> <resource>[.<group>]`, e.g.
   * `delete deployments.apps` or `create services`. Default none: it may do
   * everything.
   */
  denied?: string[];
};

/** The user the sandbox's token belongs to, as `SelfSubjectReview` says. */
export const KUBERNETES_SANDBOX_USER =
  'system:serviceaccount:cloud-deployments:portal';

/**
 * A local stand-in for a Kubernetes API server, enough for what the portal
 * does: discovery, server-side apply (checked as the API server checks it:
 * content type, field manager, body against the URL, schema and unknown
 * fields, `dryRun=All` persisting nothing), get, list (by label selector,
 * a page of `limit` at a time with `continue` tokens) and delete of
 * Deployments, Services, HPAs, Ingresses and ConfigMaps, and the
 * `SelfSubjectReview` and `SelfSubjectAccessReview` of the connection test
 * (everything allowed but `denied`). A
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
  readonly #objects: ClusterObjects;
  readonly #gpuQuotas: Map<string, number>;
  #quotasForbidden = false;
  readonly #denied: Set<string>;

  private constructor(server: http.Server, options: KubernetesSandboxOptions) {
    this.#server = server;
    this.#gpuQuotas = new Map(Object.entries(options.gpuQuotas ?? {}));
    this.token = options.token ?? 'sandbox-token';
    this.#denied = new Set(options.denied ?? []);
    this.#objects = new ClusterObjects({
      rolloutMs: options.rolloutMs ?? 1500,
      deletionMs: options.deletionMs ?? 500,
    });
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
    return this.#objects.all();
  }

  /**
   * Test hook: changes an object behind the portal's back, as
   * `kubectl edit` would (scale, swap the image, drop labels). False when
   * there is no `kind` `namespace/name`.
   */
  editBehindTheBack(
    kind: string,
    namespace: string,
    name: string,
    change: (object: Manifest) => void,
  ): boolean {
    return this.#objects.edit(kind, namespace, name, change);
  }

  /** Sets the GPU quota of a namespace; undefined removes it. */
  setGpuQuota(namespace: string, limit: number | undefined): void {
    if (limit === undefined) this.#gpuQuotas.delete(namespace);
    else this.#gpuQuotas.set(namespace, limit);
  }

  /**
   * Whether listing `ResourceQuota`s is forbidden to the portal's account,
   * as RBAC without `list` on `resourcequotas` answers (403).
   */
  forbidResourceQuotas(forbidden: boolean): void {
    this.#quotasForbidden = forbidden;
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

  /**
   * A namespace's objects of a kind, in name order, as the API server lists
   * them: filtered by `labelSelector`, at most `limit` a page, with a
   * `continue` token for the next page (the API server's own format, and
   * its 400 for a token it cannot read). Unlike the API server, a later
   * page shows the objects as they are then, not as at the first page.
   */
  #list(groupVersion: string, kind: string, namespace: string, url: URL) {
    const selector = parseLabelSelector(url.searchParams.get('labelSelector'));
    const limitText = url.searchParams.get('limit');
    const limit = limitText === null ? 0 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 0) {
      throw new HttpStatus(400, 'BadRequest', `invalid limit: ${limitText}`);
    }
    const token = url.searchParams.get('continue');
    let resourceVersion = this.#objects.resourceVersion;
    let after: string | undefined;
    if (token) {
      const decoded = decodeContinue(token);
      resourceVersion = decoded.rv;
      after = decoded.start;
    }
    const prefix = `${groupVersion} ${kind} ${namespace}/`;
    const matching = [...this.#objects.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, stored]) => ({ name: key.slice(prefix.length), stored }))
      .filter(({ name }) => after === undefined || name > after)
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map(({ name, stored }) => ({ name, object: this.#objects.view(stored) }))
      .filter(({ object }) => selector(object.metadata.labels));
    const page = limit > 0 ? matching.slice(0, limit) : matching;
    const more = page.length < matching.length;
    const selected = url.searchParams.get('labelSelector');
    return {
      kind: `${kind}List`,
      apiVersion: groupVersion,
      metadata: {
        resourceVersion: String(resourceVersion),
        ...(more
          ? {
              continue: encodeContinue(
                resourceVersion,
                page[page.length - 1].name,
              ),
              // The API server counts what is left only of unfiltered lists.
              ...(selected
                ? {}
                : { remainingItemCount: matching.length - page.length }),
            }
          : {}),
      },
      items: page.map(({ object }) => object),
    };
  }

  #resourceQuotas(namespace: string) {
    if (this.#quotasForbidden) {
      throw new HttpStatus(
        403,
        'Forbidden',
        `resourcequotas is forbidden: User "system:serviceaccount:backstage:cloud-deployments" cannot list resource "resourcequotas" in API group "" in the namespace "${namespace}"`,
      );
    }
    return resourceQuotaList(
      namespace,
      this.#gpuQuotas.get(namespace),
      gpusRequested(this.#objects.all(), namespace),
      this.#objects.resourceVersion,
    );
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
    this.#objects.purgeDeleted();
    const path = url.pathname;
    if (method === 'GET' && path === '/api') {
      return { kind: 'APIVersions', versions: ['v1'] };
    }
    if (
      method === 'POST' &&
      /^\/apis\/(authentication|authorization)\.k8s\.io\/v1\//.test(path)
    ) {
      return reviewAnswer(path, text, this.#denied);
    }
    const discovery = /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))$/.exec(path);
    if (method === 'GET' && discovery) {
      return apiResourceList(discovery[1] ?? discovery[2]);
    }
    const quotas = /^\/api\/v1\/namespaces\/([^/]+)\/resourcequotas$/.exec(
      path,
    );
    if (method === 'GET' && quotas) return this.#resourceQuotas(quotas[1]);
    const match =
      /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(
        path,
      );
    const groupVersion = match?.[1] ?? match?.[2];
    const kind = servedKind(groupVersion, match?.[4]);
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
      const stored = this.#objects.stored(key(name), match[4], name);
      return this.#objects.view(stored);
    }
    if (method === 'GET') {
      return this.#list(groupVersion, kind, namespace, url);
    }
    if (method === 'DELETE' && name) {
      const stored = this.#objects.stored(key(name), match[4], name);
      if (dryRun) return this.#objects.view(stored);
      this.#objects.delete(key(name), stored, kind);
      return {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Success',
        details: { name, kind: match[4] },
      };
    }
    if (method === 'PATCH' && name) {
      return serverSideApply(this.#objects, {
        groupVersion,
        kind,
        namespace,
        name,
        text,
        url,
        recorded,
      });
    }
    throw new HttpStatus(
      405,
      'MethodNotAllowed',
      `${method} is not supported on ${path}`,
    );
  }
}

/**
 * `SelfSubjectReview` (who the token is) and `SelfSubjectAccessReview`
 * (whether it may do a verb on a resource), as the API server answers them.
 */
function reviewAnswer(
  path: string,
  text: string,
  denied: ReadonlySet<string>,
): unknown {
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpStatus(400, 'BadRequest', 'the request body is not JSON');
  }
  if (path === '/apis/authentication.k8s.io/v1/selfsubjectreviews') {
    return {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      status: {
        userInfo: {
          username: KUBERNETES_SANDBOX_USER,
          groups: ['system:serviceaccounts', 'system:authenticated'],
        },
      },
    };
  }
  if (path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews') {
    const attributes = body?.spec?.resourceAttributes;
    if (typeof attributes?.verb !== 'string' || !attributes?.resource) {
      throw new HttpStatus(
        422,
        'Invalid',
        'SelfSubjectAccessReview.spec.resourceAttributes: verb and resource are required',
      );
    }
    const resource = attributes.group
      ? `${attributes.resource}.${attributes.group}`
      : attributes.resource;
    const allowed = !denied.has(`${attributes.verb} ${resource}`);
    return {
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: body.spec,
      status: allowed
        ? { allowed: true, reason: 'the sandbox allows it' }
        : {
            allowed: false,
            denied: true,
            reason: 'denied by the sandbox config',
          },
    };
  }
  throw new HttpStatus(
    404,
    'NotFound',
    `the server could not find the requested resource (POST ${path})`,
  );
}

/** A continue token as the API server makes it: base64 of its JSON. */
function encodeContinue(rv: number, lastName: string): string {
  return Buffer.from(
    JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${lastName}\u0000` }),
  ).toString('base64');
}

function decodeContinue(token: string): { rv: number; start: string } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (
      parsed?.v === 'meta.k8s.io/v1' &&
      Number.isInteger(parsed.rv) &&
      typeof parsed.start === 'string' &&
      parsed.start.endsWith('\u0000')
    ) {
      return { rv: parsed.rv, start: parsed.start.slice(0, -1) };
    }
  } catch {
    // Answered below.
  }
  throw new HttpStatus(
    400,
    'BadRequest',
    `continue key is not valid: ${token}`,
  );
}
