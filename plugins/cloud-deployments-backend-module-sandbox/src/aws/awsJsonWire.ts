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
import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { SageMakerApiError } from './awsErrors';
import { OperationContext, runOperation } from './operations';

/** The region and service of a SigV4 `Authorization` header's credential scope. */
const SCOPE =
  /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

/** What the sandbox reads of an awsJson1_1 request. */
export type DecodedRequest = {
  /** The `X-Amz-Target` header, e.g. `SageMaker.CreateEndpoint`. */
  target?: string;
  /** The operation, e.g. `CreateEndpoint`. */
  operation?: string;
  /** The region of the SigV4 credential scope; undefined when unsigned. */
  region?: string;
  /** The parsed body, undefined when it is not JSON. */
  body: any;
};

export function decodeRequest(
  req: IncomingMessage,
  raw: string,
): DecodedRequest {
  const target = header(req, 'x-amz-target');
  const operation = target?.startsWith('SageMaker.')
    ? target.slice('SageMaker.'.length)
    : undefined;
  const scope = SCOPE.exec(header(req, 'authorization') ?? '');
  let body: any;
  try {
    body = raw ? JSON.parse(raw) : {};
  } catch {
    body = undefined;
  }
  return { target, operation, region: scope?.[1], body };
}

/** A request header's (first) value. */
function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Answers with an awsJson1_1 body. */
export function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': randomUUID(),
  });
  res.end(JSON.stringify(body));
}

/**
 * Runs the operation a request names and answers with its output, or with
 * the error it throws as SageMaker's error body.
 */
export function answerOperation(
  res: ServerResponse,
  operation: string | undefined,
  body: unknown,
  ctx: OperationContext,
) {
  try {
    if (!operation) {
      throw new SageMakerApiError(
        'UnknownOperationException',
        'Expected an X-Amz-Target header of SageMaker.<Operation>',
      );
    }
    if (typeof body !== 'object' || body === null) {
      throw new SageMakerApiError(
        'SerializationException',
        'The request body is not a JSON object',
      );
    }
    const output = runOperation(operation, body as Record<string, any>, ctx);
    send(res, 200, output);
  } catch (error) {
    if (error instanceof SageMakerApiError) {
      send(res, error.status, error.body);
    } else {
      send(res, 500, {
        __type: 'InternalFailure',
        message: `The sandbox failed: ${error}`,
      });
    }
  }
}
