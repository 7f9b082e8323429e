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

// A local stand-in for AWS Cost Explorer that speaks its awsJson1_1
// protocol, for tests that run the real CostExplorerClient. Not part of the
// package's API.

/** One GetCostAndUsage request as the fake received it. */
export type ReceivedCostRequest = {
  /** The request body as sent. */
  body: any;
  /** The Authorization header, e.g. `AWS4-HMAC-SHA256 Credential=…`. */
  authorization: string;
  /** The access key id, region and service of the SigV4 credential scope. */
  signedWith?: { accessKeyId: string; region: string; service: string };
};

/** What the fake answers: a status and JSON body, or nothing at all. */
export type FakeCostReply =
  | { status: number; body: unknown; headers?: Record<string, string> }
  | 'hang';

/** One day of a GetCostAndUsage answer, grouped by tag. */
export function dayResult(
  day: string,
  groups: Array<[key: string, amount: string, unit?: string]>,
  metric = 'UnblendedCost',
) {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return {
    TimePeriod: { Start: day, End: next.toISOString().slice(0, 10) },
    Total: {},
    Groups: groups.map(([key, amount, unit]) => ({
      Keys: [key],
      Metrics: { [metric]: { Amount: amount, Unit: unit ?? 'USD' } },
    })),
    Estimated: false,
  };
}

/** A successful GetCostAndUsage page. */
export function costPage(results: unknown[], nextPageToken?: string) {
  return {
    status: 200,
    body: {
      GroupDefinitions: [{ Type: 'TAG', Key: 'cloud-deployments-id' }],
      ResultsByTime: results,
      DimensionValueAttributes: [],
      ...(nextPageToken ? { NextPageToken: nextPageToken } : {}),
    },
  };
}

/** An error the way AWS's awsJson1_1 protocol sends it. */
export function costError(
  status: number,
  type: string,
  message: string,
): FakeCostReply {
  return { status, body: { __type: type, Message: message } };
}

/** A running fake Cost Explorer. */
export type FakeCostExplorer = {
  endpoint: string;
  /** The GetCostAndUsage requests received, in order. */
  requests: ReceivedCostRequest[];
  /** Everything wrong with a request's framing; tests expect none. */
  problems: string[];
  close(): Promise<void>;
};

function problemOf(req: http.IncomingMessage): string | undefined {
  if (req.method !== 'POST' || req.url !== '/') {
    return `expected POST /, got ${req.method} ${req.url}`;
  }
  const target = req.headers['x-amz-target'];
  if (target !== 'AWSInsightsIndexService.GetCostAndUsage') {
    return `unexpected X-Amz-Target ${target}`;
  }
  const contentType = req.headers['content-type'];
  if (contentType !== 'application/x-amz-json-1.1') {
    return `unexpected Content-Type ${contentType}`;
  }
  return undefined;
}

/**
 * Starts a fake Cost Explorer on 127.0.0.1 with a random port. `reply` is
 * called for each GetCostAndUsage request with its index; requests with the
 * wrong target or content type are recorded in `problems` and answered with
 * a ValidationException.
 */
export async function startFakeCostExplorer(
  reply: (
    request: ReceivedCostRequest,
    index: number,
  ) => FakeCostReply | Promise<FakeCostReply>,
): Promise<FakeCostExplorer> {
  const requests: ReceivedCostRequest[] = [];
  const problems: string[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', chunk => {
      raw += chunk;
    });
    req.on('end', async () => {
      const problem = problemOf(req);
      let answer: FakeCostReply;
      if (problem) {
        problems.push(problem);
        answer = costError(400, 'ValidationException', problem);
      } else {
        const authorization = req.headers.authorization ?? '';
        const scope =
          /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/.exec(
            authorization,
          );
        let body: any;
        try {
          body = JSON.parse(raw);
        } catch {
          body = raw;
        }
        const request: ReceivedCostRequest = {
          body,
          authorization,
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
        'Content-Type': 'application/x-amz-json-1.1',
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
