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
import { NotImplementedError, ResponseError } from '@backstage/errors';
import {
  CloudDeploymentsClient as ApiClient,
  DeploymentEvent,
  TerraformStateVersion,
  TerraformWorkspaceInfo,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  CloudDeploymentsApi,
  StreamDeploymentEventsOptions,
} from './CloudDeploymentsApi';
import { readEventStream } from './sse';

function errorMessage(data: string): string {
  try {
    const parsed = JSON.parse(data);
    if (typeof parsed?.message === 'string') return parsed.message;
  } catch {
    // Not JSON: the text is the message.
  }
  return data;
}

/**
 * The typed API client of -common, plus what only a browser does: following
 * a deployment's log over server-sent events.
 *
 * @public
 */
export class CloudDeploymentsClient
  extends ApiClient
  implements CloudDeploymentsApi
{
  /** {@inheritDoc CloudDeploymentsApi.streamEvents} */
  async streamEvents(
    id: string,
    options: StreamDeploymentEventsOptions,
  ): Promise<void> {
    const { after, onEvent, onOpen, onRetry, onError, signal } = options;
    if (
      typeof ReadableStream === 'undefined' ||
      typeof TextDecoder === 'undefined'
    ) {
      throw new NotImplementedError('This browser cannot read event streams');
    }
    const response = await this.openEventStream(id, { after }, { signal });
    const contentType = response.headers.get('content-type') ?? '';
    if (
      !response.body ||
      typeof response.body.getReader !== 'function' ||
      !contentType.startsWith('text/event-stream')
    ) {
      throw new NotImplementedError(
        `The event stream cannot be read here: got ${
          contentType || 'no content type'
        }`,
      );
    }
    onOpen?.();
    await readEventStream(response.body, {
      signal,
      onRetry,
      onMessage: message => {
        if (message.event === 'deployment-event') {
          onEvent(JSON.parse(message.data) as DeploymentEvent);
        } else if (message.event === 'error') {
          onError?.(errorMessage(message.data));
        }
      },
    });
  }

  /** {@inheritDoc CloudDeploymentsApi.getTerraformState} */
  async getTerraformState(
    deploymentId: string,
    options: { limit?: number } = {},
  ): Promise<
    | { workspace: TerraformWorkspaceInfo; versions: TerraformStateVersion[] }
    | undefined
  > {
    let workspace: TerraformWorkspaceInfo;
    try {
      workspace = await this.getTerraformWorkspace(deploymentId);
    } catch (error) {
      // No workspace yet: nothing has been planned.
      if (error instanceof ResponseError && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
    const { items } = await this.listTerraformStateVersions(deploymentId, {
      limit: options.limit ?? 10,
    });
    return { workspace, versions: items };
  }
}
