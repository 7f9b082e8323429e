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
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';

// A local Cloud Monitoring REST API (projects.timeSeries.list), for tests
// that run the real MetricServiceClient (`fallback: true`) against it. Not
// part of the package's API.

/** A request as the fake received it. */
export type MonitoringRequest = {
  method: string;
  /** The project of `/v3/projects/{project}/timeSeries`. */
  project?: string;
  /** Query parameters; repeated ones as lists. */
  query: Record<string, string | string[]>;
  authorization?: string;
};

/** What the fake answers: a status and JSON body, or nothing at all. */
export type MonitoringReply = { status?: number; body: unknown } | 'hang';

/** A series of a service's daily requests, by `YYYY-MM-DD`, newest first. */
export function requestSeries(
  service: string,
  location: string,
  days: Record<string, number | string>,
) {
  return {
    metric: { type: 'run.googleapis.com/request_count', labels: {} },
    resource: {
      type: 'cloud_run_revision',
      labels: { service_name: service, location },
    },
    metricKind: 'DELTA',
    valueType: 'INT64',
    points: Object.entries(days)
      .sort(([a], [b]) => (a < b ? 1 : -1))
      .map(([day, value]) => {
        const start = new Date(`${day}T00:00:00Z`);
        const end = new Date(start.getTime() + 86_400_000);
        return {
          interval: {
            startTime: start.toISOString(),
            endTime: end.toISOString(),
          },
          value: { int64Value: String(value) },
        };
      }),
  };
}

/** A page of timeSeries.list. */
export function seriesPage(timeSeries: unknown[], nextPageToken = '') {
  return { body: { timeSeries, nextPageToken, unit: '1' } };
}

/** An error as Google APIs send it over REST. */
export function googleError(
  status: number,
  code: string,
  message: string,
): MonitoringReply {
  return { status, body: { error: { code: status, message, status: code } } };
}

/** A running fake Cloud Monitoring API. */
export type FakeMonitoringApi = {
  url: string;
  requests: MonitoringRequest[];
  close(): Promise<void>;
};

/** Starts a fake Cloud Monitoring API on 127.0.0.1 with a random port. */
export async function startFakeMonitoringApi(
  reply: (
    request: MonitoringRequest,
    index: number,
  ) => MonitoringReply | Promise<MonitoringReply>,
): Promise<FakeMonitoringApi> {
  const requests: MonitoringRequest[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const query: Record<string, string | string[]> = {};
      for (const key of new Set(url.searchParams.keys())) {
        const values = url.searchParams.getAll(key);
        query[key] = values.length > 1 ? values : values[0];
      }
      const request: MonitoringRequest = {
        method: req.method ?? '',
        project: /^\/v3\/projects\/([^/]+)\/timeSeries$/.exec(
          url.pathname,
        )?.[1],
        query,
        authorization: req.headers.authorization,
      };
      requests.push(request);
      const answer = await reply(request, requests.length - 1);
      if (answer === 'hang') return;
      res.writeHead(answer.status ?? 200, {
        'content-type': 'application/json; charset=UTF-8',
      });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
