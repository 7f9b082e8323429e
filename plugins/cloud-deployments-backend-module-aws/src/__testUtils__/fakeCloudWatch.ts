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
import http from 'node:http';
import { AddressInfo } from 'node:net';

// A local stand-in for Amazon CloudWatch that speaks the protocol of
// @aws-sdk/client-cloudwatch (awsJson1_0 with awsQuery compatibility), for
// tests that run the real CloudWatchClient. Not part of the package's API.

/** One GetMetricData request as the fake received it. */
export type ReceivedMetricRequest = {
  /** The request body as sent. */
  body: any;
  /** The access key id, region and service of the SigV4 credential scope. */
  signedWith?: { accessKeyId: string; region: string; service: string };
};

/** What the fake answers: a status and JSON body, or nothing at all. */
export type FakeMetricReply =
  | { status: number; body: unknown; headers?: Record<string, string> }
  | 'hang';

/** One query's result: daily figures by `YYYY-MM-DD`, as epoch seconds. */
export function metricResult(
  id: string,
  days: Record<string, number>,
  statusCode = 'Complete',
) {
  const entries = Object.entries(days);
  return {
    Id: id,
    Label: 'Invocations',
    Timestamps: entries.map(([day]) => Date.parse(`${day}T00:00:00Z`) / 1000),
    Values: entries.map(([, value]) => value),
    StatusCode: statusCode,
  };
}

/** A successful GetMetricData page. */
export function metricPage(results: unknown[], nextToken?: string) {
  return {
    status: 200,
    body: {
      MetricDataResults: results,
      Messages: [],
      ...(nextToken ? { NextToken: nextToken } : {}),
    },
  };
}

/**
 * An error the way CloudWatch sends it over awsJson1_0: the type in the
 * body, and its awsQuery code in `x-amzn-query-error`.
 */
export function metricError(
  status: number,
  type: string,
  message: string,
  queryCode = type.replace(/Exception$/, ''),
): FakeMetricReply {
  return {
    status,
    body: { __type: type, message },
    headers: { 'x-amzn-query-error': `${queryCode};Sender` },
  };
}

/**
 * The answer CloudWatch would give the request from `figures`: per
 * endpoint name, its daily invocations (queries for other endpoints get no
 * data).
 */
export function answerFrom(
  request: ReceivedMetricRequest,
  figures: Record<string, Record<string, number>>,
) {
  return metricPage(
    request.body.MetricDataQueries.map((q: any) => {
      const endpoint = q.MetricStat.Metric.Dimensions.find(
        (d: any) => d.Name === 'EndpointName',
      ).Value;
      return metricResult(q.Id, figures[endpoint] ?? {});
    }),
  );
}

/** A running fake CloudWatch. */
export type FakeCloudWatch = {
  endpoint: string;
  /** The GetMetricData requests received, in order. */
  requests: ReceivedMetricRequest[];
  /** Everything wrong with a request's framing; tests expect none. */
  problems: string[];
  close(): Promise<void>;
};

function problemOf(req: http.IncomingMessage): string | undefined {
  if (req.method !== 'POST' || req.url !== '/') {
    return `expected POST /, got ${req.method} ${req.url}`;
  }
  const target = req.headers['x-amz-target'];
  if (target !== 'GraniteServiceVersion20100801.GetMetricData') {
    return `unexpected X-Amz-Target ${target}`;
  }
  const contentType = req.headers['content-type'];
  if (contentType !== 'application/x-amz-json-1.0') {
    return `unexpected Content-Type ${contentType}`;
  }
  return undefined;
}

/**
 * Starts a fake CloudWatch on 127.0.0.1 with a random port. `reply` is
 * called for each GetMetricData request with its index; requests with the
 * wrong target or content type are recorded in `problems` and refused.
 */
export async function startFakeCloudWatch(
  reply: (
    request: ReceivedMetricRequest,
    index: number,
  ) => FakeMetricReply | Promise<FakeMetricReply>,
): Promise<FakeCloudWatch> {
  const requests: ReceivedMetricRequest[] = [];
  const problems: string[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', chunk => {
      raw += chunk;
    });
    req.on('end', async () => {
      const problem = problemOf(req);
      let answer: FakeMetricReply;
      if (problem) {
        problems.push(problem);
        answer = metricError(400, 'InvalidParameterValueException', problem);
      } else {
        const scope =
          /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request,/.exec(
            req.headers.authorization ?? '',
          );
        const request: ReceivedMetricRequest = {
          body: JSON.parse(raw),
          ...(scope
            ? {
                signedWith: {
                  accessKeyId: scope[1],
                  region: scope[2],
                  service: scope[3],
                },
              }
            : {}),
        };
        requests.push(request);
        answer = await reply(request, requests.length - 1);
      }
      if (answer === 'hang') return;
      res.writeHead(answer.status, {
        'Content-Type': 'application/x-amz-json-1.0',
        'x-amzn-RequestId': `req-${requests.length}`,
        ...answer.headers,
      });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    problems,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
