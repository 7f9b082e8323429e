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
} from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  cloudDeploymentCreatePermission,
  kubernetesApplyRequestSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { ProviderError } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { ProviderRegistry } from '../jobs/ProviderRegistry';
import { PolicyService } from '../policy/PolicyService';
import { DeploymentAuthorizer } from '../permissions/DeploymentAuthorizer';
import { actorOf, audited, callerOf } from './caller';
import { parseInput } from './validation';
import { ApiRouter } from './routes/ApiRouter';

/** Manifests are larger than other bodies: up to 1 MiB of YAML, as JSON. */
export const MAX_MANIFEST_BODY_BYTES = 2 * 1024 * 1024;

/**
 * `POST /kubernetes/apply`: a template's manifests, applied server-side to
 * one of the clusters of the installed `kubernetes` provider. The cluster's
 * answer comes back as a 400 when it refused the objects, a 503 when it
 * could not be reached; never a 500.
 */
export function bindKubernetesRoute(
  router: ApiRouter,
  options: {
    providers: ProviderRegistry;
    logger: LoggerService;
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    authorizer: DeploymentAuthorizer;
    /** Checks the manifests against the portal's policies first. */
    policies: PolicyService;
  },
) {
  const { authorizer } = options;
  router.post('/kubernetes/apply', async (req, res) => {
    const caller = callerOf(options.httpAuth, req);
    const eventId = 'kubernetes-apply';
    const result = await audited(
      options.auditor,
      { eventId, caller },
      async () => {
        const decision = await authorizer.decide(
          caller,
          cloudDeploymentCreatePermission,
        );
        const request = parseInput(
          kubernetesApplyRequestSchema,
          req.body,
          'Kubernetes apply',
        );
        const provider = options.providers.get('kubernetes');
        if (!provider?.applyManifests) {
          throw new InputError(
            'provider: kubernetes is not installed in this portal (add the cloud-deployments kubernetes backend module)',
          );
        }
        // Raw manifests name no owner: the caller applies them as their own.
        const { ref } = await actorOf(caller);
        authorizer.assert(
          decision,
          { owner: ref, provider: 'kubernetes', sandbox: provider.sandbox },
          'Kubernetes manifests',
        );
        await options.policies.checkManifests(request, caller);
        // The request ends the apply: a client that goes away cancels it.
        const controller = new AbortController();
        const onClose = () => {
          if (!res.writableEnded)
            controller.abort(new Error('The client went away'));
        };
        res.on('close', onClose);
        try {
          return await provider.applyManifests(request, {
            signal: controller.signal,
            logger: options.logger,
          });
        } catch (error) {
          if (error instanceof ProviderError) {
            throw error.retryable
              ? new ServiceUnavailableError(error.message)
              : new InputError(error.message);
          }
          throw error;
        } finally {
          res.off('close', onClose);
        }
      },
    );
    res.json(result);
  });
}
