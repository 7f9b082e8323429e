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
import { ProjectsClient } from '@google-cloud/resource-manager';
import {
  ConnectionCheck,
  NeededPermission,
  unknownPermissions,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { GoogleAuth } from 'google-auth-library';
import { CloudRunAccount } from './readCloudRunConfig';
import { cleanMessage, statusOf } from './toProviderError';

/**
 * The IAM permissions of what the provider calls on the project: the Cloud
 * Run Admin API v2 service calls of `CloudRunCalls` (it polls no operation
 * and reads no revision: `describe` reads the service), the service
 * account the revisions run as, and the readers of traffic and GPU quota.
 */
export const CLOUD_RUN_PERMISSIONS: readonly NeededPermission[] = [
  { name: 'run.services.create', purpose: 'provision' },
  { name: 'run.services.get', purpose: 'status, reconcile' },
  { name: 'run.services.update', purpose: 'update, stop, start' },
  { name: 'run.services.delete', purpose: 'destroy' },
  { name: 'run.services.list', purpose: 'reconcile, orphans' },
  {
    // Checked on the project, which covers its service accounts; a grant on
    // the runtime service account alone shows as missing here.
    name: 'iam.serviceAccounts.actAs',
    purpose:
      "run revisions as the runtime service account (the project's default compute service account)",
  },
  {
    name: 'monitoring.timeSeries.list',
    purpose: 'traffic (idle recommendations)',
  },
  { name: 'cloudquotas.quotas.get', purpose: 'GPU quota pre-flight' },
  {
    // Cloud Quotas reads the project too.
    name: 'resourcemanager.projects.get',
    purpose: 'GPU quota pre-flight',
  },
];

type Failure = {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  status?: unknown;
  cause?: unknown;
  error?: unknown;
  response?: { status?: unknown; data?: unknown };
};

/** The Google error status (`PERMISSION_DENIED`) of an answer's body. */
function googleStatus(e: Failure): string | undefined {
  const fromBody = (body: unknown) => {
    const status = (body as { error?: { status?: unknown } } | undefined)?.error
      ?.status;
    return typeof status === 'string' ? status : undefined;
  };
  if (fromBody(e.response?.data)) return fromBody(e.response?.data);
  if (typeof e.message === 'string' && e.message.trim().startsWith('{')) {
    try {
      return fromBody(JSON.parse(e.message));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A network error's code (`ECONNREFUSED`), however deep the wrappers put it. */
function networkCode(error: unknown): string | undefined {
  let current = error as Failure | undefined;
  for (let depth = 0; current && depth < 6; depth++) {
    if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) {
      return current.code;
    }
    current = (current.cause ?? current.error) as Failure | undefined;
  }
  return undefined;
}

/**
 * One sentence about a failed call, naming its HTTP status and Google error
 * code, or the network error; never the request (its authorization header)
 * or a secret.
 */
function describeFailure(
  call: string,
  error: unknown,
  secrets: string[],
): string {
  const e = (error ?? {}) as Failure;
  const raw = typeof e.message === 'string' ? e.message : String(error);
  if (e.name === 'AbortError' || /aborted|cancelled/i.test(raw)) {
    return `${call} was interrupted: ${cleanMessage(raw, secrets)}`;
  }
  if (e instanceof SyntaxError) {
    return `${call} failed: the answer is not JSON (${cleanMessage(
      raw,
      secrets,
    )})`;
  }
  const http = [e.response?.status, e.status].find(
    (v): v is number => typeof v === 'number',
  );
  const status = statusOf(error) ?? googleStatus(e);
  const network = http === undefined ? networkCode(error) : undefined;
  const message = cleanMessage(raw, secrets);
  return `${call} failed${http ? ` (HTTP ${http})` : ''}: ${
    status ? `${status}: ` : ''
  }${network ? `${network}: ` : ''}${message}`;
}

/**
 * Who the portal is: the token information of the account's credentials
 * (the service account's or user's email, and its unique id), read with a
 * token the auth library adds itself, so that no token passes through here.
 */
async function readIdentity(
  reader: { auth: GoogleAuth; url: string },
  account: CloudRunAccount,
  options: { signal: AbortSignal; timeoutMs: number },
): Promise<Record<string, string>> {
  const { data } = await reader.auth.request<unknown>({
    url: reader.url,
    method: 'POST',
    signal: options.signal,
    timeout: options.timeoutMs,
    retry: false,
    responseType: 'json',
  });
  const info = (typeof data === 'object' && data !== null ? data : {}) as {
    email?: unknown;
    sub?: unknown;
  };
  if (typeof info.email !== 'string' && typeof info.sub !== 'string') {
    throw new Error(
      typeof data === 'string'
        ? 'the answer is not JSON'
        : 'the answer names no email or sub',
    );
  }
  return {
    ...(typeof info.email === 'string' ? { principal: info.email } : {}),
    ...(typeof info.sub === 'string' ? { uniqueId: info.sub } : {}),
    project: account.projectId,
  };
}

/**
 * The connection test of a Google Cloud project: the token information of
 * the account's credentials for who the portal is, then Resource Manager
 * v3 `projects.testIamPermissions` on the project for
 * {@link CLOUD_RUN_PERMISSIONS}: granted are those it returns, missing
 * those asked and not returned. When that call is refused, every permission
 * is `unknown`, with the reason. Never throws for what the APIs answer.
 */
export async function testCloudRunConnection(
  account: CloudRunAccount,
  clients: {
    projects: ProjectsClient;
    identity: { auth: GoogleAuth; url: string };
  },
  options: { signal: AbortSignal; timeoutMs: number; secrets: string[] },
): Promise<ConnectionCheck> {
  const { signal, timeoutMs, secrets } = options;
  const problems: string[] = [];
  let identity: Record<string, string> = {};
  try {
    identity = await readIdentity(clients.identity, account, {
      signal,
      timeoutMs,
    });
  } catch (error) {
    problems.push(
      describeFailure('The identity read (OAuth2 tokeninfo)', error, secrets),
    );
  }
  const resource = `projects/${account.projectId}`;
  const asked = CLOUD_RUN_PERMISSIONS.map(p => p.name);
  try {
    const [answer] = await clients.projects.testIamPermissions(
      { resource, permissions: asked },
      { timeout: timeoutMs, retry: null, signal } as any,
    );
    const returned = answer?.permissions;
    if (
      !answer ||
      typeof answer !== 'object' ||
      (returned !== undefined && returned !== null && !Array.isArray(returned))
    ) {
      throw new Error('the answer holds no permissions list');
    }
    const granted = new Set(returned ?? []);
    const unasked = [...granted].filter(p => !asked.includes(p));
    if (unasked.length) {
      throw new Error(
        `the answer names permissions that were not asked: ${unasked
          .slice(0, 3)
          .join(', ')}`,
      );
    }
    return {
      identity,
      permissions: CLOUD_RUN_PERMISSIONS.map(p => ({
        ...p,
        status: granted.has(p.name)
          ? ('granted' as const)
          : ('missing' as const),
      })),
      problems,
    };
  } catch (error) {
    const reason = describeFailure(
      `Resource Manager testIamPermissions on ${resource}`,
      error,
      secrets,
    );
    return {
      identity,
      permissions: unknownPermissions(CLOUD_RUN_PERMISSIONS, reason),
      problems: [...problems, reason],
    };
  }
}
