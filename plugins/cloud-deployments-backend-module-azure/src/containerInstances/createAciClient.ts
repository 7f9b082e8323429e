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
import { ContainerInstanceManagementClient } from '@azure/arm-containerinstance';
import { TokenCredential } from '@azure/core-auth';
import {
  ClientSecretCredential,
  DefaultAzureCredential,
} from '@azure/identity';
import { CloudDeploymentsSandboxEndpoint } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { Agent } from 'https';
import { AciSubscription } from './readAciConfig';

/**
 * What a client needs to reach the sandbox instead of Azure.
 *
 * @public
 */
export type AciSandboxConnection = {
  url: string;
  /** The PEM certificate the sandbox serves. */
  certificate: string;
  credential: TokenCredential;
};

/**
 * The connection to the sandbox at `endpoint`: https with the certificate it
 * serves, and a credential that hands out the token it accepts.
 */
export function sandboxConnection(
  endpoint: CloudDeploymentsSandboxEndpoint,
): AciSandboxConnection {
  const { url, certificate, token } = endpoint;
  if (!certificate || !token) {
    throw new Error(
      `The Azure sandbox at ${url} gave no certificate or token to reach it with`,
    );
  }
  return {
    url,
    certificate,
    credential: {
      getToken: async () => ({
        token,
        expiresOnTimestamp: Date.now() + 3600_000,
      }),
    },
  };
}

/**
 * The subscription's credentials: its service principal when it has a
 * secret, else the standard chain (environment, workload identity, managed
 * identity, Azure CLI), with its client id for a user-assigned identity.
 */
export function createCredential(
  subscription: AciSubscription,
): TokenCredential {
  const { tenantId, clientId, clientSecret } = subscription;
  if (tenantId && clientId && clientSecret) {
    return new ClientSecretCredential(tenantId, clientId, clientSecret);
  }
  return new DefaultAzureCredential({
    ...(tenantId ? { tenantId } : {}),
    ...(clientId
      ? {
          managedIdentityClientId: clientId,
          workloadIdentityClientId: clientId,
        }
      : {}),
  });
}

/**
 * An agent that trusts exactly the sandbox's certificate. Being the
 * client's own agent, it also keeps an `HTTPS_PROXY` of the environment from
 * routing calls to 127.0.0.1 elsewhere.
 */
export function createSandboxAgent(sandbox: AciSandboxConnection): Agent {
  return new Agent({ ca: sandbox.certificate, keepAlive: true });
}

/**
 * A Container Instances client for a subscription, with no retries of its
 * own (the job engine retries, with backoff), against Azure or the sandbox.
 */
export function createAciClient(
  subscription: AciSubscription,
  sandbox?: { url: string; credential: TokenCredential; agent: Agent },
): ContainerInstanceManagementClient {
  const common = {
    retryOptions: { maxRetries: 0 },
    userAgentOptions: { userAgentPrefix: 'backstage-cloud-deployments' },
  };
  if (sandbox) {
    return new ContainerInstanceManagementClient(
      sandbox.credential,
      subscription.subscriptionId,
      {
        ...common,
        endpoint: sandbox.url,
        $host: sandbox.url,
        agent: sandbox.agent,
      },
    );
  }
  const endpoint = subscription.endpoint;
  return new ContainerInstanceManagementClient(
    createCredential(subscription),
    subscription.subscriptionId,
    { ...common, ...(endpoint ? { endpoint, $host: endpoint } : {}) },
  );
}
