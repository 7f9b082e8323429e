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
import { DeploymentEvent } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { InputError } from '@backstage/errors';
import { Request, Response } from 'express';
import { EventFeed } from './EventFeed';

/** Options of {@link streamEvents}. */
export type EventStreamOptions = {
  feed: EventFeed;
  /** How often a comment is sent so proxies keep an idle stream open. */
  keepAliveMs: number;
};

/**
 * Serves a deployment's event log as server-sent events: first the events
 * after `after` (or the `Last-Event-ID` a reconnecting client sends), then
 * each new one as it is written, by any replica — the log is read from the
 * database (through this replica's one {@link EventFeed}), so it does not
 * matter which replica runs the task.
 */
export async function streamEvents(
  req: Request<any, any, any, any, any>,
  res: Response<any, any>,
  deploymentId: string,
  after: number | undefined,
  options: EventStreamOptions,
): Promise<void> {
  const { feed, keepAliveMs } = options;
  const cursor = parseLastEventId(req.header('last-event-id')) ?? after ?? 0;

  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  // Tell nginx-style proxies not to buffer the stream.
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();

  // The compression middleware buffers; flush so each event leaves at once.
  let lastWrite = Date.now();
  const write = (chunk: string) => {
    res.write(chunk);
    (res as Response & { flush?: () => void }).flush?.();
    lastWrite = Date.now();
  };

  write(`retry: ${Math.max(1000, feed.intervalMs)}\n\n`);

  const send = (event: DeploymentEvent) =>
    write(
      `id: ${event.id}\nevent: deployment-event\ndata: ${JSON.stringify(
        event,
      )}\n\n`,
    );

  const unfollow = feed.follow(deploymentId, cursor, {
    onEvents: events => events.forEach(send),
    onError: error =>
      write(
        `event: error\ndata: ${JSON.stringify({
          message: `Reading the log failed: ${error}`,
        })}\n\n`,
      ),
  });
  const keepAlive = setInterval(() => {
    if (Date.now() - lastWrite >= keepAliveMs) write(': keep-alive\n\n');
  }, Math.min(keepAliveMs, 5000));
  req.on('close', () => {
    unfollow();
    clearInterval(keepAlive);
  });
}

/**
 * The id a reconnecting client resumes after: one of the event ids this
 * stream sent, so a whole number. Anything else is a 400 rather than a silent
 * restart from `after` (`Number()` read '' as 0 and '0x10' as 16).
 */
function parseLastEventId(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const id = /^\d{1,16}$/.test(header) ? Number(header) : NaN;
  if (!Number.isSafeInteger(id)) {
    throw new InputError(
      `Last-Event-ID: "${header.slice(0, 32)}" is not an event id`,
    );
  }
  return id;
}
