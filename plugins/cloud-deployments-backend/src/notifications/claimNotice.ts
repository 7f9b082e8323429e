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
import { Knex } from 'knex';

/** A row of `deployment_notices`. */
export type DeploymentNoticeRow = {
  deployment_id: string;
  kind: string;
  notice_key: string;
  created_at: Date | string;
};

/**
 * Records that a notice is being sent, unless it already was: true for the
 * one caller (of any replica) whose row landed, who then sends it. A notice
 * that then fails to send is not retried; one lost notice beats a repeated
 * one on every scan.
 */
export async function claimNotice(
  db: Knex,
  notice: { deploymentId: string; kind: string; key: string },
  now: Date = new Date(),
): Promise<boolean> {
  const inserted = await db<DeploymentNoticeRow>('deployment_notices')
    .insert({
      deployment_id: notice.deploymentId,
      kind: notice.kind,
      notice_key: notice.key,
      created_at: now.toISOString(),
    })
    .onConflict(['deployment_id', 'kind', 'notice_key'])
    .ignore()
    .returning('deployment_id');
  return inserted.length === 1;
}
