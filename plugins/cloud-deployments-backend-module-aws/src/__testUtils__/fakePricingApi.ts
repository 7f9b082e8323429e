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

// A local stand-in for the AWS Pricing API that speaks its awsJson1_1
// protocol, for tests that run the real PricingClient. Not part of the
// package's API.

/** The filters the source must send, per service code (order-insensitive). */
export function expectedFilters(
  serviceCode: string,
  region: string,
): Record<string, string> | undefined {
  switch (serviceCode) {
    case 'AmazonSageMaker':
      return { regionCode: region, component: 'Hosting' };
    case 'AmazonEC2':
      return {
        regionCode: region,
        operatingSystem: 'Linux',
        tenancy: 'Shared',
        preInstalledSw: 'NA',
        capacitystatus: 'Used',
        marketoption: 'OnDemand',
      };
    default:
      return undefined;
  }
}

/** One GetProducts request as the fake received and understood it. */
export type ReceivedRequest = {
  serviceCode: string;
  /** The `regionCode` filter's value. */
  region: string;
  nextToken?: string;
  /** The access key id and region of the SigV4 credential scope. */
  signedWith: { accessKeyId: string; region: string; service: string };
};

/** What the fake answers: a status and JSON body, or nothing at all. */
export type FakeReply =
  | { status: number; body: unknown; headers?: Record<string, string> }
  | 'hang';

/** A successful GetProducts page. */
export function page(priceList: string[], nextToken?: string): FakeReply {
  return {
    status: 200,
    body: {
      FormatVersion: 'aws_v1',
      PriceList: priceList,
      ...(nextToken ? { NextToken: nextToken } : {}),
    },
  };
}

/** An error the way AWS's awsJson1_1 protocol sends it. */
export function awsError(
  status: number,
  type: string,
  message: string,
): FakeReply {
  return { status, body: { __type: type, message } };
}

/** A running fake Pricing API. */
export type FakePricingApi = {
  endpoint: string;
  /** The well-formed GetProducts requests received, in order. */
  requests: ReceivedRequest[];
  /** Everything the fake found wrong with a request; tests expect none. */
  problems: string[];
  close(): Promise<void>;
};

function check(
  req: http.IncomingMessage,
  raw: string,
): { request?: ReceivedRequest; problem?: string } {
  if (req.method !== 'POST' || req.url !== '/') {
    return { problem: `expected POST /, got ${req.method} ${req.url}` };
  }
  const target = req.headers['x-amz-target'];
  if (target !== 'AWSPriceListService.GetProducts') {
    return { problem: `unexpected X-Amz-Target ${target}` };
  }
  const contentType = req.headers['content-type'];
  if (contentType !== 'application/x-amz-json-1.1') {
    return { problem: `unexpected Content-Type ${contentType}` };
  }
  const auth =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/.exec(
      req.headers.authorization ?? '',
    );
  if (!auth) {
    return { problem: `not SigV4 signed: ${req.headers.authorization}` };
  }
  let body: any;
  try {
    body = JSON.parse(raw);
  } catch {
    return { problem: `body is not JSON: ${raw}` };
  }
  if (body.MaxResults !== 100) {
    return { problem: `expected MaxResults 100, got ${body.MaxResults}` };
  }
  const filters: Array<{ Type: string; Field: string; Value: string }> =
    body.Filters ?? [];
  if (filters.some(f => f.Type !== 'TERM_MATCH')) {
    return { problem: `expected only TERM_MATCH filters: ${raw}` };
  }
  const region = filters.find(f => f.Field === 'regionCode')?.Value ?? '';
  const expected = expectedFilters(body.ServiceCode, region);
  if (!expected) {
    return { problem: `unexpected ServiceCode ${body.ServiceCode}` };
  }
  const sent = Object.fromEntries(filters.map(f => [f.Field, f.Value]));
  if (
    filters.length !== Object.keys(expected).length ||
    JSON.stringify(sent, Object.keys(expected).sort()) !==
      JSON.stringify(expected, Object.keys(expected).sort())
  ) {
    return {
      problem: `unexpected filters for ${body.ServiceCode}: ${JSON.stringify(
        filters,
      )}`,
    };
  }
  return {
    request: {
      serviceCode: body.ServiceCode,
      region,
      ...(body.NextToken !== undefined ? { nextToken: body.NextToken } : {}),
      signedWith: { accessKeyId: auth[1], region: auth[2], service: auth[3] },
    },
  };
}

/**
 * Starts a fake Pricing API on 127.0.0.1 with a random port. `reply` is
 * called for each well-formed GetProducts request with its index; malformed
 * requests are recorded in `problems` and answered with a
 * ValidationException.
 */
export async function startFakePricingApi(
  reply: (
    request: ReceivedRequest,
    index: number,
  ) => FakeReply | Promise<FakeReply>,
): Promise<FakePricingApi> {
  const requests: ReceivedRequest[] = [];
  const problems: string[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', chunk => {
      raw += chunk;
    });
    req.on('end', async () => {
      const { request, problem } = check(req, raw);
      let answer: FakeReply;
      if (problem || !request) {
        problems.push(problem ?? 'unknown problem');
        answer = awsError(400, 'ValidationException', problem ?? '');
      } else {
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
