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
import {
  CloudWatchContext,
  CLOUDWATCH_TARGET_PREFIX,
  getMetricData,
} from './cloudWatch';
import { OperationContext, runOperation } from './operations';
import {
  listServiceQuotas,
  SERVICE_QUOTAS_TARGET_PREFIX,
} from './serviceQuotas';
import { AwsQueryService } from './awsQueryIdentity';

/** The region and service of a SigV4 `Authorization` header's credential scope. */
const SCOPE =
  /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

/** What the sandbox reads of an awsJson request. */
export type DecodedRequest = {
  /** The `X-Amz-Target` header, e.g. `SageMaker.CreateEndpoint`. */
  target?: string;
  /**
   * The service the target names, or for an awsQuery (form) request, the
   * one of its credential scope.
   */
  service?: 'sagemaker' | 'cloudwatch' | 'servicequotas' | AwsQueryService;
  /** The operation, e.g. `CreateEndpoint`. */
  operation?: string;
  /** The region of the SigV4 credential scope; undefined when unsigned. */
  region?: string;
  /** The parsed body, undefined when it is not JSON. */
  body: any;
  /** The form of an awsQuery request (STS, IAM). */
  form?: URLSearchParams;
};

export function decodeRequest(
  req: IncomingMessage,
  raw: string,
): DecodedRequest {
  const target = header(req, 'x-amz-target');
  let service: DecodedRequest['service'];
  let operation: string | undefined;
  if (target?.startsWith('SageMaker.')) {
    service = 'sagemaker';
    operation = target.slice('SageMaker.'.length);
  } else if (target?.startsWith(SERVICE_QUOTAS_TARGET_PREFIX)) {
    service = 'servicequotas';
    operation = target.slice(SERVICE_QUOTAS_TARGET_PREFIX.length);
  } else if (target?.startsWith(CLOUDWATCH_TARGET_PREFIX)) {
    service = 'cloudwatch';
    operation = target.slice(CLOUDWATCH_TARGET_PREFIX.length);
  }
  const scope = SCOPE.exec(header(req, 'authorization') ?? '');
  const scoped = scope?.[2];
  if (
    !target &&
    (scoped === 'sts' || scoped === 'iam') &&
    header(req, 'content-type')?.startsWith('application/x-www-form-urlencoded')
  ) {
    const form = new URLSearchParams(raw);
    return {
      service: scoped,
      operation: form.get('Action') ?? undefined,
      region: scope?.[1],
      body: Object.fromEntries(form),
      form,
    };
  }
  let body: any;
  try {
    body = raw ? JSON.parse(raw) : {};
  } catch {
    body = undefined;
  }
  return { target, service, operation, region: scope?.[1], body };
}

/** A request header's (first) value. */
function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Answers with an awsJson body: 1.1 for SageMaker, 1.0 for CloudWatch,
 * whose errors also carry their awsQuery code in `x-amzn-query-error`
 * (`Throttling;Sender` for a `ThrottlingException`).
 */
export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  service: DecodedRequest['service'] = 'sagemaker',
) {
  const type = (body as { __type?: unknown })?.__type;
  res.writeHead(status, {
    'content-type': `application/x-amz-json-${
      service === 'cloudwatch' ? '1.0' : '1.1'
    }`,
    'x-amzn-requestid': randomUUID(),
    ...(service === 'cloudwatch' && typeof type === 'string'
      ? {
          'x-amzn-query-error': `${type.replace(/Exception$/, '')};${
            status >= 500 ? 'Receiver' : 'Sender'
          }`,
        }
      : {}),
  });
  res.end(JSON.stringify(body));
}

/**
 * Runs the operation a request names and answers with its output, or with
 * the error it throws as the service's error body.
 */
export function answerOperation(
  res: ServerResponse,
  request: DecodedRequest & { contentType?: string },
  ctx: OperationContext &
    Omit<CloudWatchContext, 'region'> & { accountId: string },
) {
  const { service, operation, body } = request;
  try {
    if (!operation) {
      throw new SageMakerApiError(
        'UnknownOperationException',
        `Expected an X-Amz-Target header of SageMaker.<Operation> (awsJson1_1), ${SERVICE_QUOTAS_TARGET_PREFIX}<Operation> (Service Quotas' awsJson1_1) or ${CLOUDWATCH_TARGET_PREFIX}<Operation> (CloudWatch's awsJson1_0)`,
      );
    }
    if (typeof body !== 'object' || body === null) {
      throw new SageMakerApiError(
        'SerializationException',
        'The request body is not a JSON object',
      );
    }
    if (service === 'cloudwatch') {
      if (request.contentType !== 'application/x-amz-json-1.0') {
        // Another protocol than the one @aws-sdk/client-cloudwatch speaks.
        throw new SageMakerApiError(
          'SerializationException',
          `The sandbox's CloudWatch speaks awsJson1_0 (Content-Type application/x-amz-json-1.0), got ${request.contentType}`,
        );
      }
      if (operation !== 'GetMetricData') {
        throw new SageMakerApiError(
          'UnknownOperationException',
          `The sandbox's CloudWatch serves GetMetricData only, not ${operation}`,
        );
      }
      send(res, 200, getMetricData(body, ctx), service);
      return;
    }
    if (service === 'servicequotas') {
      send(
        res,
        200,
        listServiceQuotas(operation, body, {
          limits: ctx.endpointQuotas,
          region: ctx.region,
          accountId: ctx.accountId,
        }),
        service,
      );
      return;
    }
    const output = runOperation(operation, body as Record<string, any>, ctx);
    send(res, 200, output);
  } catch (error) {
    if (error instanceof SageMakerApiError) {
      send(res, error.status, error.body, service);
    } else {
      send(
        res,
        500,
        { __type: 'InternalFailure', message: `The sandbox failed: ${error}` },
        service,
      );
    }
  }
}
