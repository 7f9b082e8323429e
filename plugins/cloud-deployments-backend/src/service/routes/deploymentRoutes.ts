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
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { DeploymentReads } from '../../deployments/DeploymentReads';
import { ApprovalService } from '../../approvals/ApprovalService';
import { DeploymentService } from '../../deployments/DeploymentService';
import { callerOf } from '../caller';
import { EventFeed } from '../EventFeed';
import { streamEvents } from '../eventStream';
import { ApiRouter } from './ApiRouter';

/**
 * `/deployments`: list, summary, one deployment, its events (JSON and a
 * server-sent event stream), its revisions, and the changes (create, update,
 * destroy, rollback, redeploy, cancel). HTTP only: the services decide.
 */
export function bindDeploymentRoutes(
  router: ApiRouter,
  options: {
    httpAuth: HttpAuthService;
    deployments: DeploymentService;
    approvals: ApprovalService;
    reads: DeploymentReads;
    feed: EventFeed;
  },
) {
  const { httpAuth, deployments, approvals, reads, feed } = options;
  const caller = (req: Parameters<typeof callerOf>[1]) =>
    callerOf(httpAuth, req);

  router.post('/deployments', async (req, res) => {
    // Accepted: the deployment is pending and provisioning is queued.
    res.status(202).json(await deployments.create(req.body, caller(req)));
  });

  router.get('/deployments/summary', async (req, res) => {
    res.json(await reads.summarize(req.query, caller(req)));
  });

  router.get('/deployments', async (req, res) => {
    res.json(await reads.list(req.query, caller(req)));
  });

  router.get('/deployments/:id', async (req, res) => {
    res.json(await reads.get(req.params.id, caller(req)));
  });

  router.get('/deployments/:id/events', async (req, res) => {
    const items = await reads.events(req.params.id, req.query, caller(req));
    res.json({ items });
  });

  router.get('/deployments/:id/events/stream', async (req, res) => {
    const { deployment, after } = await reads.eventStream(
      req.params.id,
      req.query,
      caller(req),
    );
    await streamEvents(req, res, deployment.id, after, {
      feed,
      keepAliveMs: 15_000,
    });
  });

  router.patch('/deployments/:id', async (req, res) => {
    const result = await deployments.update(
      req.params.id,
      req.body,
      caller(req),
    );
    // Accepted, not done, when a policy holds the change for approval.
    res.status('approval' in result && result.approval ? 202 : 200);
    res.json(result);
  });

  router.post('/deployments/:id/preview', async (req, res) => {
    res.json(await deployments.preview(req.params.id, req.body, caller(req)));
  });

  router.delete('/deployments/:id', async (req, res) => {
    res.status(202).json(await deployments.destroy(req.params.id, caller(req)));
  });

  router.post('/deployments/:id/rollback', async (req, res) => {
    res
      .status(202)
      .json(await deployments.rollback(req.params.id, req.body, caller(req)));
  });

  router.get('/deployments/:id/revisions', async (req, res) => {
    res.json(await reads.revisions(req.params.id, req.query, caller(req)));
  });

  router.get('/deployments/:id/revisions/:number', async (req, res) => {
    const { id, number } = req.params;
    res.json(await reads.revision(id, number, caller(req)));
  });

  router.post('/deployments/:id/redeploy', async (req, res) => {
    res
      .status(202)
      .json(await deployments.redeploy(req.params.id, caller(req)));
  });

  router.post('/deployments/:id/stop', async (req, res) => {
    res.status(202).json(await deployments.stop(req.params.id, caller(req)));
  });

  router.post('/deployments/:id/start', async (req, res) => {
    res.status(202).json(await deployments.start(req.params.id, caller(req)));
  });

  router.post('/deployments/:id/drift/reapply', async (req, res) => {
    res
      .status(202)
      .json(await deployments.reapplyDrift(req.params.id, caller(req)));
  });

  router.post('/deployments/:id/drift/accept', async (req, res) => {
    const result = await deployments.acceptDrift(
      req.params.id,
      req.body,
      caller(req),
    );
    // Accepted, not done, when a policy holds the change for approval.
    res.status('approval' in result && result.approval ? 202 : 200);
    res.json(result);
  });

  router.get('/deployments/:id/approvals', async (req, res) => {
    res.json({ items: await reads.approvals(req.params.id, caller(req)) });
  });

  router.post(
    '/deployments/:id/approvals/:approvalId/approve',
    async (req, res) => {
      const { id, approvalId } = req.params;
      res
        .status(202)
        .json(await approvals.approve(id, approvalId, req.body, caller(req)));
    },
  );

  router.post(
    '/deployments/:id/approvals/:approvalId/reject',
    async (req, res) => {
      const { id, approvalId } = req.params;
      res.json(await approvals.reject(id, approvalId, req.body, caller(req)));
    },
  );

  router.post('/deployments/:id/cancel', async (req, res) => {
    res.status(202).json(await deployments.cancel(req.params.id, caller(req)));
  });
}
