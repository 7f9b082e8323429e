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
import { LoggerService } from '@backstage/backend-plugin-api';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Knex } from 'knex';
import { DeploymentStore } from '../database/DeploymentStore';
import { ttlExpiry } from '../reconcile/ttl';
import { claimNotice } from './claimNotice';
import { DeploymentNotifier } from './DeploymentNotifier';
import { dueTtlLead } from './ttlLeads';

const PAGE = 1000;

/**
 * Tells the owners of deployments whose TTL is about to run out, 2 days,
 * 2 hours and 30 minutes before. Each notice is claimed in
 * `deployment_notices` first, keyed by the lead and the expiry instant: a
 * second scan, or another replica's, sends nothing again, while a TTL
 * extended to a new expiry is told about anew.
 */
export class TtlNoticeScan {
  readonly #store: DeploymentStore;
  readonly #knex: Knex;
  readonly #notifier: DeploymentNotifier;
  readonly #logger: LoggerService;

  constructor(options: {
    store: DeploymentStore;
    knex: Knex;
    notifier: DeploymentNotifier;
    logger: LoggerService;
  }) {
    this.#store = options.store;
    this.#knex = options.knex;
    this.#notifier = options.notifier;
    this.#logger = options.logger;
  }

  /** Sends the notices due at `now`; returns how many this call sent. */
  async scan(now: Date = new Date(), signal?: AbortSignal): Promise<number> {
    let sent = 0;
    let cursor: string | undefined;
    do {
      // Reconciliation destroys failed deployments too when their TTL runs out.
      const page = await this.#store.listDeployments(
        { status: ['active', 'drifted', 'failed'] },
        { cursor, limit: PAGE },
      );
      for (const deployment of page.items) {
        if (signal?.aborted) return sent;
        if (await this.#noticeDue(deployment, now)) sent += 1;
      }
      cursor = page.nextCursor;
    } while (cursor);
    if (sent) this.#logger.info(`Sent ${sent} TTL expiry notices`);
    return sent;
  }

  async #noticeDue(deployment: Deployment, now: Date): Promise<boolean> {
    const expiry = ttlExpiry(deployment);
    const lead = expiry && dueTtlLead(expiry, now);
    if (!expiry || !lead) return false;
    const expiresAt = expiry.toISOString();
    const claimed = await claimNotice(
      this.#knex,
      { deploymentId: deployment.id, kind: 'ttl', key: `${lead}@${expiresAt}` },
      now,
    );
    if (claimed) await this.#notifier.ttlExpiring(deployment, expiresAt, lead);
    return claimed;
  }
}
