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
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  cloudDeploymentProviderTestPermission,
  ConnectionTest,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { ProviderRegistry } from '../../jobs/ProviderRegistry';
import { audited, Caller, callerOf } from '../caller';
import { ApiRouter } from './ApiRouter';

/** How long a connection test may take before it is reported as unanswered. */
export const CONNECTION_TEST_TIMEOUT_MS = 20_000;

/**
 * `POST /providers/:provider/accounts/:account/test`: who the portal is in
 * one of a provider's accounts and which permissions of the deploy path it
 * holds (permission `cloud.provider.test`). Whatever the cloud answers, or
 * fails to answer in time, is a 200 whose `problems` say so; only an unknown
 * provider or account is a 404.
 */
export function bindConnectionTestRoute(
  router: ApiRouter,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    providers: ProviderRegistry;
    logger: LoggerService;
    /** Default {@link CONNECTION_TEST_TIMEOUT_MS}. */
    timeoutMs?: number;
  },
) {
  const { providers, logger, timeoutMs = CONNECTION_TEST_TIMEOUT_MS } = options;

  router.post(
    '/providers/:provider/accounts/:account/test',
    async (req, res) => {
      const caller = callerOf(options.httpAuth, req);
      const result = await audited(
        options.auditor,
        {
          eventId: 'provider-connection-test',
          caller,
          meta: { provider: req.params.provider, account: req.params.account },
          resultMeta: test => ({ ok: test.ok }),
        },
        async (): Promise<ConnectionTest> => {
          await assertAllowed(options.permissions, caller);
          const { provider: id, account } = req.params;
          const provider = providers.get(id);
          if (!provider?.testConnection || !provider.accounts) {
            throw new NotFoundError(
              provider
                ? `Provider ${id} cannot test its connection`
                : `No provider ${id} is installed in this portal`,
            );
          }
          if (!provider.accounts.includes(account)) {
            throw new NotFoundError(
              `Provider ${id} has no account ${account}; it has ${
                provider.accounts.join(', ') || 'none'
              }`,
            );
          }
          // The test ends with the request, or after timeoutMs.
          const controller = new AbortController();
          const onClose = () => {
            if (!res.writableEnded)
              controller.abort(new Error('The client went away'));
          };
          res.on('close', onClose);
          const timer = setTimeout(
            () => controller.abort(new Error('timed out')),
            timeoutMs,
          );
          const checkedAt = new Date().toISOString();
          try {
            const check = await Promise.race([
              provider.testConnection(account, {
                signal: controller.signal,
                logger,
              }),
              aborted(controller.signal, timeoutMs),
            ]);
            return {
              provider: id,
              account,
              sandbox: provider.sandbox,
              checkedAt,
              ok:
                check.problems.length === 0 &&
                Object.keys(check.identity).length > 0 &&
                check.permissions.every(p => p.status === 'granted'),
              identity: check.identity,
              permissions: check.permissions,
              problems: check.problems,
            };
          } catch (error) {
            // A provider's bug is still no 500 for the person testing: the
            // message (never the credentials) goes in the answer.
            logger.warn(`Connection test of ${id} account ${account} failed`, {
              error: String(error),
            });
            return {
              provider: id,
              account,
              sandbox: provider.sandbox,
              checkedAt,
              ok: false,
              identity: {},
              permissions: [],
              problems: [
                controller.signal.aborted
                  ? `No answer within ${timeoutMs / 1000} s`
                  : `The test failed: ${
                      error instanceof Error ? error.message : String(error)
                    }`,
              ],
            };
          } finally {
            clearTimeout(timer);
            res.off('close', onClose);
          }
        },
      );
      res.json(result);
    },
  );
}

async function assertAllowed(permissions: PermissionsService, caller: Caller) {
  const [decision] = await permissions.authorize(
    [{ permission: cloudDeploymentProviderTestPermission }],
    { credentials: await caller.credentials() },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `You are not allowed to test provider connections (${cloudDeploymentProviderTestPermission.name})`,
    );
  }
}

/** Rejects once the signal aborts, for a provider that does not stop when asked. */
function aborted(signal: AbortSignal, timeoutMs: number): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () =>
      reject(new Error(`No answer within ${timeoutMs / 1000} s`));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}
