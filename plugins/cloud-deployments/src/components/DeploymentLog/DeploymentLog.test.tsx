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
import { useState } from 'react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { DeploymentEvent } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EventLog } from '../../__testUtils__/events';
import { DeploymentLog } from './DeploymentLog';

/** The log, with a button that writes one more line to it. */
function Harness(props: { log: EventLog }) {
  const { log } = props;
  const [events, setEvents] = useState<DeploymentEvent[]>(log.events);
  return (
    <>
      <button
        onClick={() => {
          log.log(`line ${log.events.length + 1}`);
          setEvents([...log.events]);
        }}
      >
        Write a line
      </button>
      <DeploymentLog events={events} />
    </>
  );
}

/** Gives the log box a layout: jsdom has none. */
function layOut(box: HTMLElement, scrollHeight: number) {
  Object.defineProperty(box, 'scrollHeight', {
    configurable: true,
    value: scrollHeight,
  });
  Object.defineProperty(box, 'clientHeight', {
    configurable: true,
    value: 200,
  });
}

describe('DeploymentLog', () => {
  it('shows each event on a timestamped line, and announces the latest status change', async () => {
    const log = new EventLog();
    log.created();
    log.status('pending', 'provisioning');
    log.log('Creating the AWS SageMaker resources');

    await renderInTestApp(<DeploymentLog events={log.events} />);

    const box = screen.getByRole('log', { name: 'Deployment log' });
    expect(box).toHaveAttribute('tabindex', '0');
    const lines = Array.from(box.children);
    expect(lines.map(l => l.querySelector('time')?.dateTime)).toEqual(
      log.events.map(e => e.createdAt),
    );
    expect(lines[2]).toHaveTextContent('Creating the AWS SageMaker resources');
    expect(screen.getByRole('status')).toHaveTextContent(
      'Status changed from pending to provisioning',
    );
  });

  it('shows why the engine retries, marked apart from ordinary output', async () => {
    const log = new EventLog();
    log.created();
    log.status('pending', 'provisioning');
    log.log('Creating the AWS SageMaker resources');
    log.log(
      'Attempt 1 of 8 failed: AWS SageMaker CreateModel failed: InternalFailure: We encountered an internal error. Please try again.; retrying in 2 s',
      { task: 1, retry: { attempt: 1, maxAttempts: 8, delayMs: 2000 } },
    );

    await renderInTestApp(<DeploymentLog events={log.events} />);

    const lines = Array.from(screen.getByRole('log').children);
    expect(lines[3]).toHaveTextContent(
      'Attempt 1 of 8 failed: AWS SageMaker CreateModel failed: InternalFailure: We encountered an internal error. Please try again.; retrying in 2 s',
    );
    expect(lines[3].className).toMatch(/attention/);
    expect(lines[2].className).not.toMatch(/attention/);
    expect(lines[1].className).toMatch(/status/);
  });

  it('says when nothing is logged yet', async () => {
    await renderInTestApp(<DeploymentLog events={[]} />);

    expect(screen.getByRole('log')).toHaveTextContent('Nothing logged yet.');
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });

  it('follows new lines unless the user scrolled up to read', async () => {
    const log = new EventLog();
    log.created();
    const user = userEvent.setup();
    await renderInTestApp(<Harness log={log} />);
    const box = screen.getByRole('log');

    layOut(box, 1000);
    await user.click(screen.getByRole('button', { name: 'Write a line' }));
    expect(box.scrollTop).toBe(1000);

    // Scrolled up: new lines do not move the log.
    box.scrollTop = 300;
    fireEvent.scroll(box);
    layOut(box, 1200);
    await user.click(screen.getByRole('button', { name: 'Write a line' }));
    expect(box.scrollTop).toBe(300);

    await user.click(screen.getByRole('button', { name: 'Follow new lines' }));
    expect(box.scrollTop).toBe(1200);
    expect(
      screen.queryByRole('button', { name: 'Follow new lines' }),
    ).not.toBeInTheDocument();

    // Scrolled back down to the end, it follows again.
    box.scrollTop = 300;
    fireEvent.scroll(box);
    box.scrollTop = 990;
    fireEvent.scroll(box);
    layOut(box, 1400);
    await user.click(screen.getByRole('button', { name: 'Write a line' }));
    expect(box.scrollTop).toBe(1400);
  });
});
