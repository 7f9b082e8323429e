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
  AuthorizationManagementClient,
  Permission,
} from '@azure/arm-authorization';
import { TokenCredential } from '@azure/core-auth';
import {
  ConnectionCheck,
  NeededPermission,
  unknownPermissions,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Agent } from 'https';
import { AciReaders, COST_QUERY_READ, neededActions } from './aciPermissions';
import { createCredential } from './createAciClient';
import { isPermitted } from './rbacActions';
import { AciSubscription } from './readAciConfig';
import { identityOfToken } from './tokenIdentity';
import { toProviderError } from './toProviderError';

const DEFAULT_ENDPOINT = 'https://management.azure.com';

/** Where the test reaches Azure: Azure itself, or the sandbox. */
export type AciConnectionTarget = {
  subscription: AciSubscription;
  sandbox?: { url: string; credential: TokenCredential; agent: Agent };
};

/** An answer that is not what ARM sends, though its status is 200. */
class UnreadableAnswer extends Error {}

/** Whether an entry of a permissions listing is what ARM sends. */
function isPermission(entry: unknown): entry is Permission {
  const strings = (value: unknown) =>
    value === undefined ||
    (Array.isArray(value) && value.every(v => typeof v === 'string'));
  const e = entry as Permission;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    strings(e.actions) &&
    strings(e.notActions)
  );
}

/**
 * The permissions listing of the subscription's resource group, every
 * page of it. A page that is not a `{ value: [...] }` of permissions (an
 * HTML page, JSON of another shape) is an error, never an empty listing,
 * which would read as "everything missing".
 */
async function listPermissions(
  client: AuthorizationManagementClient,
  resourceGroup: string,
  options: { signal: AbortSignal; timeoutMs: number },
): Promise<Permission[]> {
  const found: Permission[] = [];
  const pages = client.permissions
    .listForResourceGroup(resourceGroup, {
      abortSignal: options.signal,
      requestOptions: { timeout: options.timeoutMs },
      onResponse: response => {
        if (response.status !== 200) return;
        // The raw JSON: the SDK's deserializer makes a list of anything
        // (a string becomes one empty permission).
        let body: { value?: unknown } | undefined;
        try {
          body = JSON.parse(response.bodyAsText ?? '');
        } catch {
          body = undefined;
        }
        if (!(Array.isArray(body?.value) && body.value.every(isPermission))) {
          throw new UnreadableAnswer(
            'the answer is not a list of permissions (no "value" array of actions and notActions)',
          );
        }
      },
    })
    .byPage();
  for await (const page of pages) found.push(...page);
  return found;
}

/**
 * The connection test of a subscription. Who the portal is comes from the
 * claims of the Azure Resource Manager token its credential obtains from
 * Microsoft Entra ID: ARM has no "who am I" call, and the token is what
 * ARM authorizes, so its object id is the principal the role assignments
 * must name (Microsoft Graph would need a directory permission the deploy
 * path never uses). The token itself is never kept. Then one read of the
 * resource group's permissions (`Microsoft.Authorization/permissions`),
 * against which every needed action is evaluated as Azure RBAC does.
 */
export async function testAciConnection(
  target: AciConnectionTarget,
  options: { readers: AciReaders; signal: AbortSignal; timeoutMs: number },
): Promise<ConnectionCheck> {
  const { subscription, sandbox } = target;
  const { signal, timeoutMs } = options;
  const needed = neededActions(options.readers);
  const endpoint = sandbox?.url ?? subscription.endpoint ?? DEFAULT_ENDPOINT;
  const credential = sandbox?.credential ?? createCredential(subscription);
  const failure = (error: unknown) =>
    error instanceof UnreadableAnswer
      ? error.message
      : toProviderError(error, { signal, timeoutMs }).message;

  let token: string;
  try {
    const got = await credential.getToken(`${endpoint}/.default`, {
      abortSignal: signal,
      requestOptions: { timeout: timeoutMs },
    });
    if (!got?.token) throw new Error('the credential gave no token');
    token = got.token;
  } catch (error) {
    return {
      identity: {},
      permissions: unknownPermissions(needed, 'who the portal is is unknown'),
      problems: [
        `Microsoft Entra ID gave no token for Azure Resource Manager: ${failure(
          error,
        )}`,
      ],
    };
  }

  const problems: string[] = [];
  let identity: Record<string, string> = {};
  try {
    identity = identityOfToken(token);
  } catch (error) {
    problems.push(
      `Who the portal is cannot be read: ${(error as Error).message}`,
    );
  }

  const client = new AuthorizationManagementClient(
    credential,
    subscription.subscriptionId,
    {
      endpoint,
      $host: endpoint,
      retryOptions: { maxRetries: 0 },
      userAgentOptions: { userAgentPrefix: 'backstage-cloud-deployments' },
      ...(sandbox ? { agent: sandbox.agent } : {}),
    },
  );
  const where = `the permissions of resource group ${subscription.resourceGroup} (Microsoft.Authorization/permissions)`;
  let listing: Permission[];
  try {
    listing = await listPermissions(client, subscription.resourceGroup, {
      signal,
      timeoutMs,
    });
  } catch (error) {
    const reason = `Reading ${where} failed: ${failure(error)}`;
    return {
      identity,
      permissions: unknownPermissions(needed, reason),
      problems: [...problems, reason],
    };
  }
  return {
    identity,
    permissions: needed.map(p => evaluate(p, listing, options.readers)),
    problems,
  };
}

function evaluate(
  permission: NeededPermission,
  listing: Permission[],
  readers: AciReaders,
) {
  if (!isPermitted(listing, permission.name)) {
    return { ...permission, status: 'missing' as const };
  }
  if (permission === COST_QUERY_READ && readers.costs === 'subscription') {
    // What a subscription grants shows in its resource groups, not the
    // other way round.
    return {
      ...permission,
      status: 'unknown' as const,
      reason:
        'granted on the resource group; Cost Management is queried for the whole subscription, whose permissions the resource group does not show',
    };
  }
  return { ...permission, status: 'granted' as const };
}
