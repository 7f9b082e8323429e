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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { EventLog } from '../../__testUtils__/events';
import { makeDeployment } from '../../__testUtils__/fixtures';
import { deploymentStages, Stage } from './stages';

/** The stages in short: label, state, start, end, and the steps logged. */
const summary = (stages: Stage[]) =>
  stages.map(s => ({
    label: s.label,
    state: s.state,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    steps: s.steps.map(e => e.message),
    ...(s.reason ? { reason: s.reason } : {}),
  }));

/** The deployment as the last event left it. */
function deploymentAfter(
  log: EventLog,
  overrides: Partial<Deployment> = {},
): Deployment {
  const last = log.events[log.events.length - 1];
  return makeDeployment(1, { updatedAt: last.createdAt, ...overrides });
}

describe('deploymentStages', () => {
  it('shows a new deployment queued', () => {
    const log = new EventLog();
    log.created();

    expect(
      summary(
        deploymentStages(
          deploymentAfter(log, { status: 'pending' }),
          log.events,
        ),
      ),
    ).toEqual([
      {
        label: 'Queued',
        state: 'current',
        startedAt: log.at(0),
        endedAt: undefined,
        steps: [],
      },
      {
        label: 'Provisioning',
        state: 'upcoming',
        startedAt: undefined,
        endedAt: undefined,
        steps: [],
      },
      {
        label: 'Active',
        state: 'upcoming',
        startedAt: undefined,
        endedAt: undefined,
        steps: [],
      },
    ]);
  });

  describe('a create held for approval', () => {
    const states = (stages: Stage[]) =>
      stages.map(s => `${s.label}: ${s.state}`);

    it('waits for approval before it is queued', () => {
      const log = new EventLog();
      log.createdForApproval();

      const stages = deploymentStages(
        deploymentAfter(log, { status: 'awaiting_approval' }),
        log.events,
      );
      expect(states(stages)).toEqual([
        'Awaiting approval: current',
        'Queued: upcoming',
        'Provisioning: upcoming',
        'Active: upcoming',
      ]);
      expect(stages[0].startedAt).toBe(log.at(0));
    });

    it('goes on once approved', () => {
      const log = new EventLog();
      log.createdForApproval();
      log.status(
        'awaiting_approval',
        'pending',
        'Approved by user:default/ann',
      );
      log.status('pending', 'provisioning');

      const stages = deploymentStages(
        deploymentAfter(log, { status: 'provisioning' }),
        log.events,
      );
      expect(states(stages)).toEqual([
        'Awaiting approval: done',
        'Queued: done',
        'Provisioning: current',
        'Active: upcoming',
      ]);
      expect(stages[0].endedAt).toBe(log.at(2));
    });

    it('ends destroyed, saying why, once rejected', () => {
      const log = new EventLog();
      log.createdForApproval();
      log.status(
        'awaiting_approval',
        'destroyed',
        'Rejected by user:default/ann: too big',
        'user:default/ann',
      );

      const stages = deploymentStages(
        deploymentAfter(log, { status: 'destroyed' }),
        log.events,
      );
      expect(states(stages)).toEqual([
        'Awaiting approval: done',
        'Destroyed: done',
      ]);
      expect(stages[1].reason).toBe('Rejected by user:default/ann: too big');
    });

    it('waits for approval as far as the status tells, without events', () => {
      const stages = deploymentStages(
        makeDeployment(1, { status: 'awaiting_approval' }),
        [],
      );
      expect(states(stages)).toEqual([
        'Awaiting approval: current',
        'Queued: upcoming',
        'Provisioning: upcoming',
        'Active: upcoming',
      ]);
    });
  });

  it("shows provisioning under way with the provider's steps", () => {
    const log = new EventLog();
    log.created();
    log.status('pending', 'provisioning');
    log.log('Creating the AWS SageMaker resources');
    log.log('Endpoint Creating');

    const stages = deploymentStages(
      deploymentAfter(log, { status: 'provisioning' }),
      log.events,
    );

    expect(summary(stages).map(s => [s.label, s.state])).toEqual([
      ['Queued', 'done'],
      ['Provisioning', 'current'],
      ['Active', 'upcoming'],
    ]);
    expect(stages[0]).toMatchObject({
      startedAt: log.at(0),
      endedAt: log.at(1),
    });
    expect(stages[1].startedAt).toBe(log.at(1));
    expect(stages[1].steps.map(e => e.message)).toEqual([
      'Creating the AWS SageMaker resources',
      'Endpoint Creating',
    ]);
  });

  it('shows an active deployment with the time each stage took', () => {
    const log = new EventLog();
    log.created();
    log.status('pending', 'provisioning');
    log.log('Endpoint Creating');
    log.log('Ready: https://example.test/invocations');
    log.status('provisioning', 'active');

    expect(
      summary(
        deploymentStages(
          deploymentAfter(log, { status: 'active' }),
          log.events,
        ),
      ),
    ).toEqual([
      expect.objectContaining({
        label: 'Queued',
        state: 'done',
        startedAt: log.at(0),
        endedAt: log.at(1),
      }),
      expect.objectContaining({
        label: 'Provisioning',
        state: 'done',
        startedAt: log.at(1),
        endedAt: log.at(4),
        steps: ['Endpoint Creating', 'Ready: https://example.test/invocations'],
      }),
      expect.objectContaining({
        label: 'Active',
        state: 'done',
        startedAt: log.at(4),
        endedAt: undefined,
      }),
    ]);
  });

  it('shows where provisioning failed, and why', () => {
    const log = new EventLog();
    log.created();
    log.status('pending', 'provisioning');
    log.log('Endpoint Creating');
    log.status('provisioning', 'failed', 'ResourceLimitExceeded');

    const stages = deploymentStages(
      deploymentAfter(log, { status: 'failed' }),
      log.events,
    );

    expect(summary(stages)).toEqual([
      expect.objectContaining({ label: 'Queued', state: 'done' }),
      expect.objectContaining({
        label: 'Provisioning',
        state: 'failed',
        startedAt: log.at(1),
        endedAt: log.at(3),
      }),
      expect.objectContaining({
        label: 'Failed',
        state: 'failed',
        startedAt: log.at(3),
        reason: 'ResourceLimitExceeded',
      }),
    ]);
  });

  it('shows a deployment cancelled while queued as failed there', () => {
    const log = new EventLog();
    log.created();
    log.status('pending', 'failed', 'Cancelled', 'user:default/jane');

    expect(
      summary(
        deploymentStages(
          deploymentAfter(log, { status: 'failed' }),
          log.events,
        ),
      ).map(s => [s.label, s.state]),
    ).toEqual([
      ['Queued', 'failed'],
      ['Failed', 'failed'],
    ]);
  });

  it('shows an active deployment that drifted as failed after being active', () => {
    const log = new EventLog();
    log.created();
    log.status('pending', 'provisioning');
    log.status('provisioning', 'active');
    log.status('active', 'failed', 'The endpoint is gone');

    expect(
      summary(
        deploymentStages(
          deploymentAfter(log, { status: 'failed' }),
          log.events,
        ),
      ).map(s => [s.label, s.state]),
    ).toEqual([
      ['Queued', 'done'],
      ['Provisioning', 'done'],
      ['Active', 'done'],
      ['Failed', 'failed'],
    ]);
  });

  it('shows only the latest operation: an update', () => {
    const log = new EventLog();
    log.created();
    log.status('pending', 'provisioning');
    log.status('provisioning', 'active');
    log.updated();
    log.status('active', 'updating');
    log.log('Applying the spec to the AWS SageMaker resources');

    const stages = deploymentStages(
      deploymentAfter(log, { status: 'updating' }),
      log.events,
    );

    expect(summary(stages)).toEqual([
      expect.objectContaining({
        label: 'Updating',
        state: 'current',
        startedAt: log.at(4),
        steps: ['Applying the spec to the AWS SageMaker resources'],
      }),
      expect.objectContaining({ label: 'Active', state: 'upcoming' }),
    ]);
  });

  it('shows a redeploy of a failed deployment provisioning again', () => {
    const log = new EventLog();
    log.created();
    log.status('pending', 'provisioning');
    log.status('provisioning', 'failed', 'boom');
    log.status('failed', 'provisioning');

    expect(
      summary(
        deploymentStages(
          deploymentAfter(log, { status: 'provisioning' }),
          log.events,
        ),
      ).map(s => [s.label, s.state]),
    ).toEqual([
      ['Provisioning', 'current'],
      ['Active', 'upcoming'],
    ]);
  });

  it('shows destroying, then destroyed', () => {
    const log = new EventLog();
    log.created();
    log.status('pending', 'provisioning');
    log.status('provisioning', 'active');
    log.status('active', 'destroying', undefined, 'user:default/jane');
    log.log('Deleting the AWS SageMaker resources');

    expect(
      summary(
        deploymentStages(
          deploymentAfter(log, { status: 'destroying' }),
          log.events,
        ),
      ),
    ).toEqual([
      expect.objectContaining({
        label: 'Destroying',
        state: 'current',
        startedAt: log.at(3),
        steps: ['Deleting the AWS SageMaker resources'],
      }),
      expect.objectContaining({ label: 'Destroyed', state: 'upcoming' }),
    ]);

    log.status('destroying', 'destroyed');
    expect(
      summary(
        deploymentStages(
          deploymentAfter(log, { status: 'destroyed' }),
          log.events,
        ),
      ).map(s => [s.label, s.state]),
    ).toEqual([
      ['Destroying', 'done'],
      ['Destroyed', 'done'],
    ]);
  });

  it('follows the deployment when it moved on since the last event', () => {
    const log = new EventLog();
    log.created();
    log.status('pending', 'provisioning');
    log.status('provisioning', 'active');
    const updatedAt = '2026-06-01T11:00:00.000Z';

    const stages = deploymentStages(
      makeDeployment(1, { status: 'destroying', updatedAt }),
      log.events,
    );

    expect(summary(stages)).toEqual([
      expect.objectContaining({
        label: 'Destroying',
        state: 'current',
        startedAt: updatedAt,
      }),
      expect.objectContaining({ label: 'Destroyed', state: 'upcoming' }),
    ]);
  });

  it('trusts the events when the deployment was loaded before them', () => {
    const log = new EventLog();
    log.created();
    log.status('pending', 'provisioning');
    const loadedBefore = makeDeployment(1, {
      status: 'pending',
      updatedAt: log.at(0),
    });

    expect(
      deploymentStages(loadedBefore, log.events).map(s => s.state),
    ).toEqual(['done', 'current', 'upcoming']);
  });

  it('tells what it can from the status without events', () => {
    expect(
      summary(
        deploymentStages(makeDeployment(1, { status: 'active' }), []),
      ).map(s => [s.label, s.state]),
    ).toEqual([
      ['Queued', 'done'],
      ['Provisioning', 'done'],
      ['Active', 'done'],
    ]);
    expect(
      summary(
        deploymentStages(
          makeDeployment(1, { status: 'failed', statusReason: 'quota' }),
          [],
        ),
      ),
    ).toEqual([
      expect.objectContaining({
        label: 'Failed',
        state: 'failed',
        reason: 'quota',
      }),
    ]);
  });
});
