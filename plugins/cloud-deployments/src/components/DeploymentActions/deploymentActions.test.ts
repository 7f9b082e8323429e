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
import { DEPLOYMENT_STATUSES } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { actionsFor } from './deploymentActions';

describe('actionsFor', () => {
  it.each(DEPLOYMENT_STATUSES.map(s => [s]))(
    'offers only the actions valid for %s',
    status => {
      const expected = {
        awaiting_approval: ['destroy'],
        pending: ['cancel', 'destroy'],
        provisioning: ['cancel', 'destroy'],
        active: ['redeploy', 'rollback', 'stop', 'destroy'],
        drifted: ['redeploy', 'rollback', 'stop', 'destroy'],
        updating: ['cancel', 'destroy'],
        stopping: ['cancel', 'destroy'],
        stopped: ['start', 'destroy'],
        starting: ['cancel', 'destroy'],
        failed: ['redeploy', 'rollback', 'stop', 'destroy'],
        destroying: ['cancel'],
        destroyed: [],
      }[status];
      expect(actionsFor(status, { canRollBack: true }).map(a => a.id)).toEqual(
        expected,
      );
      // Without a revision to go back to, rollback is never offered.
      expect(actionsFor(status).map(a => a.id)).toEqual(
        expected.filter(id => id !== 'rollback'),
      );
    },
  );
});
