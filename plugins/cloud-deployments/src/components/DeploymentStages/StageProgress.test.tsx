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
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen, within } from '@testing-library/react';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { EventLog } from '../../__testUtils__/events';
import { makeDeployment } from '../../__testUtils__/fixtures';
import { deploymentStages } from './stages';
import { StageProgress } from './StageProgress';

const START = Date.parse('2026-06-01T10:00:00.000Z');

/** Each stage as its label reads: name (state) and timing. */
function stageLabels() {
  const list = screen.getByRole('list', { name: 'Stages' });
  return within(list)
    .getAllByRole('listitem')
    .filter(li => li.parentElement === list)
    .map(li => li.querySelector('[class*="MuiStepLabel-labelContainer"]')!)
    .map(label => label.textContent);
}

function renderStages(log: EventLog, overrides: Partial<Deployment>) {
  const last = log.events[log.events.length - 1];
  const deployment = makeDeployment(1, {
    updatedAt: last.createdAt,
    ...overrides,
  });
  return renderInTestApp(
    <StageProgress stages={deploymentStages(deployment, log.events)} />,
  );
}

describe('StageProgress', () => {
  afterEach(() => jest.useRealTimers());

  it('shows an active deployment, each stage with the time it took', async () => {
    jest.useFakeTimers({ now: START + 10 * 60_000, advanceTimers: true });
    const log = new EventLog(START);
    log.created();
    log.status('pending', 'provisioning');
    log.log('Endpoint Creating');
    log.status('provisioning', 'active');

    await renderStages(log, { status: 'active' });

    expect(stageLabels()).toEqual([
      'Queued (done)took 1 min',
      'Provisioning (done)took 2 min',
      'Active (done)7 min ago',
    ]);
    expect(screen.getByText('Endpoint Creating')).toBeInTheDocument();
  });

  it('shows where it failed and why', async () => {
    jest.useFakeTimers({ now: START + 10 * 60_000, advanceTimers: true });
    const log = new EventLog(START);
    log.created();
    log.status('pending', 'provisioning');
    log.status('provisioning', 'failed', 'Image not found');

    await renderStages(log, {
      status: 'failed',
      statusReason: 'Image not found',
    });

    expect(stageLabels()).toEqual([
      'Queued (done)took 1 min',
      'Provisioning (failed)took 1 min',
      'Failed (failed)8 min ago',
    ]);
    expect(screen.getByText('Image not found')).toBeInTheDocument();
  });

  it('counts up the time of the stage under way, live', async () => {
    jest.useFakeTimers({
      now: START + 3 * 60_000 + 5_000,
      advanceTimers: true,
    });
    const log = new EventLog(START);
    log.created();
    log.status('pending', 'provisioning');
    log.status('provisioning', 'active');
    log.status('active', 'destroying', undefined, 'user:default/jane');
    log.log('Deleting the AWS SageMaker resources');

    await renderStages(log, { status: 'destroying' });

    const current = screen
      .getAllByRole('listitem')
      .find(li => li.getAttribute('aria-current') === 'step');
    expect(current).toHaveTextContent('Destroying');
    expect(
      within(current!).getByRole('list', { name: 'Destroying steps' }),
    ).toHaveTextContent('Deleting the AWS SageMaker resources');

    // Rendering takes real time too: start the clock from a known point.
    jest.setSystemTime(START + 3 * 60_000 + 5_000);
    act(() => {
      jest.advanceTimersByTime(1000);
    });
    expect(stageLabels()).toEqual([
      'Destroying (in progress)6 s so far',
      'Destroyed (not started)',
    ]);
    act(() => {
      jest.advanceTimersByTime(64_000);
    });
    expect(stageLabels()[0]).toBe('Destroying (in progress)1 min 10 s so far');
  });
});
