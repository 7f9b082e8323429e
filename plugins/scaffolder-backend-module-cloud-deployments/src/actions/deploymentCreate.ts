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
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  cloudDeploymentEntityRef,
  Deployment,
  describeMonthlyCost,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CloudDeploymentsBackend } from '../client';
import { deploymentInput, deploymentRequest } from '../deploymentInput';
import { assertWellFormedInput } from '../wellFormedInput';

const POLL_MS = 1000;

/**
 * `cloud:deployment:create`: registers a deployment with the backend, which
 * provisions it as a durable job; optionally waits, streaming the
 * deployment's log into the task log. The backend publishes the
 * `CloudDeployment` catalog entity itself.
 */
export function createDeploymentCreateAction(
  backend: CloudDeploymentsBackend,
  options: {
    pollIntervalMs?: number;
    /** The portal's `app.baseUrl`, to log the deployment page as a full, clickable URL. */
    appBaseUrl?: string;
  } = {},
) {
  const pollMs = options.pollIntervalMs ?? POLL_MS;
  const appBaseUrl = options.appBaseUrl?.replace(/\/+$/, '') ?? '';
  const pageUrl = (id: string) =>
    `${appBaseUrl}/cloud-deployments/deployments/${encodeURIComponent(id)}`;
  return createTemplateAction({
    id: 'cloud:deployment:create',
    description:
      'Creates a deployment and provisions it through the cloud-deployments backend; with wait, streams its log until it is active or failed',
    supportsDryRun: true,
    examples: [
      {
        description: 'Deploy a container to Cloud Run and wait until it serves',
        example: `steps:
  - id: deploy
    action: cloud:deployment:create
    input:
      name: web-api
      owner: group:default/web-team
      component: component:default/web-api
      environment: staging
      provider: gcp-cloud-run
      region: europe-west1
      artifact: { image: europe-docker.pkg.dev/acme/web/api:2.3.1 }
      compute: { cpu: 1, memoryMiB: 512, minInstances: 0, maxInstances: 10 }
      wait: true`,
      },
    ],
    schema: {
      input: {
        ...deploymentInput,
        wait: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Wait until active or failed (not while it waits for approval)',
            ),
        timeoutSeconds: z =>
          z.number().int().min(1).max(7200).optional().describe('Default 900'),
      },
      output: {
        id: z => z.string(),
        name: z => z.string(),
        status: z => z.string(),
        endpoint: z => z.string().optional(),
        entityRef: z => z.string(),
        deploymentUrl: z =>
          z
            .string()
            .optional()
            .describe(
              'The deployment page, where it provisions, waits for approval or runs',
            ),
        monthlyCost: z =>
          z
            .number()
            .nullable()
            .optional()
            .describe('The monthly total; null when some line has no price'),
        costSummary: z =>
          z
            .string()
            .optional()
            .describe('The cost as text that says how sure it is'),
      },
    },
    async handler(ctx) {
      assertWellFormedInput(ctx.input);
      const { wait, timeoutSeconds = 900, ...input } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const request = deploymentRequest(input);
      const entityRef = cloudDeploymentEntityRef(input);

      if (ctx.isDryRun) {
        // The estimate validates the whole request; nothing is created.
        const estimate = await backend.call(credentials, api =>
          api.estimateCost(request),
        );
        ctx.logger.info(
          `Dry run: would create ${input.name} on ${input.provider} in ${
            input.region
          }, ${describeMonthlyCost(estimate, ' a month')}`,
        );
        ctx.output('id', 'dry-run');
        ctx.output('name', input.name);
        ctx.output('status', 'dry-run');
        ctx.output('entityRef', entityRef);
        ctx.output('monthlyCost', estimate.monthlyTotal);
        ctx.output('costSummary', describeMonthlyCost(estimate, ' a month'));
        return;
      }

      let deployment = await backend.call(credentials, api =>
        api.createDeployment(request),
      );
      ctx.logger.info(
        `Created deployment ${deployment.name} (${deployment.id}): ${deployment.status}`,
      );
      // The scaffolder shows a template's output links only once the task
      // ends, and provisioning can take many minutes: the task log (which
      // turns URLs into links) points at the page now, and the step output
      // carries it for the template's links.
      ctx.logger.info(`Follow it on its page: ${pageUrl(deployment.id)}`);
      ctx.output('deploymentUrl', pageUrl(deployment.id));
      if (deployment.status === 'awaiting_approval') {
        // An approval can take days: the task ends here, and the deployment
        // page is where an approver decides and everyone follows it.
        ctx.logger.info(
          `${
            deployment.statusReason ?? 'It waits for approval'
          }. An approver decides on the deployment's page; it provisions once approved.`,
        );
      } else if (wait) {
        deployment = await follow(ctx, deployment, timeoutSeconds * 1000);
      }
      ctx.output('id', deployment.id);
      ctx.output('name', deployment.name);
      ctx.output('status', deployment.status);
      if (deployment.endpoint) ctx.output('endpoint', deployment.endpoint);
      ctx.output('entityRef', entityRef);
      if (deployment.estimate) {
        ctx.output('monthlyCost', deployment.estimate.monthlyTotal);
        ctx.output(
          'costSummary',
          describeMonthlyCost(deployment.estimate, ' a month'),
        );
      }
    },
  });

  /** Streams the log until the deployment settles; throws, saying what remains, if it fails. */
  async function follow(
    ctx: {
      logger: { info(message: string): void };
      signal?: AbortSignal;
      getInitiatorCredentials(): Promise<BackstageCredentials>;
    },
    created: Deployment,
    timeoutMs: number,
  ): Promise<Deployment> {
    const credentials = await ctx.getInitiatorCredentials();
    const deadline = Date.now() + timeoutMs;
    let after = 0;
    let deployment = created;
    for (;;) {
      // The status first: events written before it are all read below.
      deployment = await backend.call(credentials, api =>
        api.getDeployment(created.id),
      );
      for (;;) {
        const from = after;
        const page = await backend.call(credentials, api =>
          api.listEvents(created.id, { after: from, limit: 200 }),
        );
        for (const event of page.items) {
          ctx.logger.info(event.message);
          after = Math.max(after, event.id);
        }
        if (page.items.length < 200) break;
      }
      if (deployment.status === 'active') return deployment;
      if (deployment.status === 'failed' || deployment.status === 'destroyed') {
        throw new Error(
          `Deployment ${deployment.name} (${deployment.id}) is ${
            deployment.status
          }: ${deployment.statusReason ?? 'no reason given'}. ` +
            `It stays registered with what the cloud made of it; destroy it from the portal or with cloud:deployment:destroy.`,
        );
      }
      if (Date.now() > deadline || ctx.signal?.aborted) {
        throw new Error(
          `Stopped waiting for deployment ${deployment.name} (${
            deployment.id
          }) after ${Math.round(timeoutMs / 1000)} s: it is still ${
            deployment.status
          } and keeps provisioning; follow it in the portal, or destroy it with cloud:deployment:destroy.`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, pollMs));
    }
  }
}
