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
  BILLING_STATUSES,
  CANCELLABLE_STATUSES,
  DEPLOYMENT_TRANSITIONS,
  canTransition,
  statusesAllowedBefore,
} from './status';

describe('lifecycle', () => {
  it('follows pending → provisioning → active → updating → active → destroying → destroyed', () => {
    const path = [
      'pending',
      'provisioning',
      'active',
      'updating',
      'active',
      'destroying',
      'destroyed',
    ] as const;
    for (let i = 1; i < path.length; i++) {
      expect(canTransition(path[i - 1], path[i])).toBe(true);
    }
  });

  it('refuses going back, and anything out of destroyed', () => {
    expect(canTransition('active', 'pending')).toBe(false);
    expect(canTransition('destroying', 'active')).toBe(false);
    // Only an approved create becomes pending; a rejected or withdrawn one,
    // which made nothing, ends destroyed without a destroy.
    expect(statusesAllowedBefore('pending')).toEqual(['awaiting_approval']);
    expect(statusesAllowedBefore('destroyed')).toEqual([
      'awaiting_approval',
      'destroying',
    ]);
    expect(statusesAllowedBefore('awaiting_approval')).toEqual([]);
    expect(statusesAllowedBefore('destroying')).toEqual([
      'pending',
      'provisioning',
      'active',
      'drifted',
      'updating',
      'stopping',
      'stopped',
      'starting',
      'failed',
    ]);
  });

  it('stops what runs, and starts only what is stopped', () => {
    expect(statusesAllowedBefore('stopping')).toEqual([
      'active',
      'drifted',
      'failed',
    ]);
    expect(statusesAllowedBefore('starting')).toEqual(['stopped']);
    expect(DEPLOYMENT_TRANSITIONS.stopped).toEqual(['starting', 'destroying']);
    // Nothing runs while stopped: it does not bill, and nothing is in flight.
    expect(BILLING_STATUSES).not.toContain('stopped');
    expect(CANCELLABLE_STATUSES).not.toContain('stopped');
    expect(CANCELLABLE_STATUSES).toEqual(
      expect.arrayContaining(['stopping', 'starting']),
    );
  });

  it('lets an active deployment drift, and a drifted one be re-applied, accepted, failed or destroyed', () => {
    expect(statusesAllowedBefore('drifted')).toEqual(['active']);
    expect(DEPLOYMENT_TRANSITIONS.drifted).toEqual([
      'active',
      'updating',
      'stopping',
      'failed',
      'destroying',
    ]);
    // It still runs, so it still bills; nothing is in flight to cancel.
    expect(BILLING_STATUSES).toContain('drifted');
    expect(CANCELLABLE_STATUSES).not.toContain('drifted');
  });

  it('lets every status with work in flight be cancelled to failed', () => {
    for (const status of CANCELLABLE_STATUSES) {
      expect(canTransition(status, 'failed')).toBe(true);
    }
    expect(CANCELLABLE_STATUSES).not.toContain('active');
    expect(CANCELLABLE_STATUSES).not.toContain('failed');
  });
});
