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
import { ServerResponse } from 'node:http';
import { SageMakerApiError } from './awsErrors';

// STS and IAM speak awsQuery: a form-encoded `Action=...` body, answered in
// XML. The sandbox serves the two reads of the portal's connection test.

/** The services of the awsQuery requests the sandbox answers. */
export type AwsQueryService = 'sts' | 'iam';

/** What the connection test reads of the sandbox's identity. */
export type AwsQueryContext = {
  accountId: string;
  /** IAM actions the sandbox's identity is denied, e.g. `sagemaker:DeleteEndpoint`. */
  deniedActions: ReadonlySet<string>;
};

/** The sandbox's caller: a user in its account. */
export function sandboxCallerArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:user/cloud-deployments-sandbox`;
}

const NAMESPACE: Record<AwsQueryService, string> = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
};

/** The `name.member.N` values of a form, in order. */
function members(form: URLSearchParams, name: string): string[] {
  const found: string[] = [];
  for (let i = 1; form.has(`${name}.member.${i}`); i++) {
    found.push(form.get(`${name}.member.${i}`)!);
  }
  return found;
}

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Sends an XML body made with the request's id. */
function sendXml(
  res: ServerResponse,
  status: number,
  body: (requestId: string) => string,
) {
  const requestId = randomUUID();
  res.writeHead(status, {
    'content-type': 'text/xml',
    'x-amzn-requestid': requestId,
  });
  res.end(body(requestId));
}

/** Answers with an awsQuery error, as STS and IAM do. */
export function sendAwsQueryError(
  res: ServerResponse,
  service: AwsQueryService,
  error: SageMakerApiError,
) {
  sendXml(
    res,
    error.status,
    requestId =>
      `<ErrorResponse xmlns="${NAMESPACE[service]}"><Error><Type>${
        error.status >= 500 ? 'Receiver' : 'Sender'
      }</Type><Code>${xml(error.type)}</Code><Message>${xml(
        error.message,
      )}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  );
}

/**
 * Answers `GetCallerIdentity` (STS) and `SimulatePrincipalPolicy` (IAM):
 * every action is `allowed` on every resource but the denied ones
 * (`implicitDeny`). Anything else is an `InvalidAction`.
 */
export function answerAwsQuery(
  res: ServerResponse,
  service: AwsQueryService,
  form: URLSearchParams,
  ctx: AwsQueryContext,
) {
  const action = form.get('Action');
  const wrap = (result: string) => (requestId: string) =>
    `<${action}Response xmlns="${NAMESPACE[service]}"><${action}Result>${result}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  if (service === 'sts' && action === 'GetCallerIdentity') {
    sendXml(
      res,
      200,
      wrap(
        `<Arn>${sandboxCallerArn(ctx.accountId)}</Arn>` +
          `<UserId>AIDASANDBOXCALLER0001</UserId><Account>${ctx.accountId}</Account>`,
      ),
    );
    return;
  }
  if (service === 'iam' && action === 'SimulatePrincipalPolicy') {
    const source = form.get('PolicySourceArn');
    const actions = members(form, 'ActionNames');
    if (!source || actions.length === 0) {
      sendAwsQueryError(
        res,
        service,
        new SageMakerApiError(
          'ValidationError',
          'PolicySourceArn and ActionNames are required',
        ),
      );
      return;
    }
    if (source !== sandboxCallerArn(ctx.accountId)) {
      sendAwsQueryError(
        res,
        service,
        new SageMakerApiError(
          'NoSuchEntity',
          `The sandbox knows no principal ${source}`,
          404,
        ),
      );
      return;
    }
    const resources = members(form, 'ResourceArns');
    const results = actions.flatMap(name =>
      (resources.length ? resources : ['*']).map(
        resource =>
          `<member><EvalActionName>${xml(
            name,
          )}</EvalActionName><EvalResourceName>${xml(
            resource,
          )}</EvalResourceName><EvalDecision>${
            ctx.deniedActions.has(name.toLowerCase())
              ? 'implicitDeny'
              : 'allowed'
          }</EvalDecision><MatchedStatements/><MissingContextValues/></member>`,
      ),
    );
    sendXml(
      res,
      200,
      wrap(
        `<IsTruncated>false</IsTruncated><EvaluationResults>${results.join(
          '',
        )}</EvaluationResults>`,
      ),
    );
    return;
  }
  sendAwsQueryError(
    res,
    service,
    new SageMakerApiError(
      'InvalidAction',
      `The sandbox's ${service.toUpperCase()} serves ${
        service === 'sts' ? 'GetCallerIdentity' : 'SimulatePrincipalPolicy'
      } only, not ${action}`,
    ),
  );
}
