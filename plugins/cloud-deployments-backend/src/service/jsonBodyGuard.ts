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
import { InputError } from '@backstage/errors';
import { findTextIssue } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { Request, RequestHandler } from 'express';
import { UnsupportedMediaTypeError } from './requestErrors';

/**
 * How deep an API body may nest. The API's bodies need 4 levels; a body of
 * 100,000 nested arrays parses fine, but every recursive walk over it after
 * the parser (validation, logging, serialisation) risks the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** Terraform plans and states nest deeper (modules, nested blocks). */
export const MAX_TERRAFORM_JSON_DEPTH = 256;

function hasBody(req: Request): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined ||
    Number(req.headers['content-length'] ?? 0) > 0
  );
}

/**
 * After `express.json()`: a POST, PUT or PATCH whose body is not JSON is a
 * 415 (express.json ignores it and the route saw an empty body, so the 400
 * listed every field as missing). A JSON body nested deeper than
 * `maxDepth(req)`, or a body or query holding ill-formed text (an unpaired
 * UTF-16 surrogate or NUL, in a value or a key), is a 400 naming where, in
 * one walk that never recurses. The schemas refuse such text in every field
 * they know; this also covers what they pass through as it is (a Terraform
 * plan) and keys.
 */
export function guardJsonBodies(options: {
  maxDepth: (req: Request) => number;
}): RequestHandler {
  return (req, _res, next) => {
    if (
      ['POST', 'PUT', 'PATCH'].includes(req.method) &&
      hasBody(req) &&
      !req.is('application/json')
    ) {
      next(
        new UnsupportedMediaTypeError(
          `Content-Type: ${String(
            req.headers['content-type'] ?? '(none)',
          ).slice(0, 100)} is not accepted; send the body as application/json`,
        ),
      );
      return;
    }
    const issue =
      (Buffer.isBuffer(req.body)
        ? undefined
        : findTextIssue(req.body, {
            root: 'body',
            maxDepth: options.maxDepth(req),
          })) ?? findTextIssue(req.query, { root: 'query' });
    next(issue ? new InputError(`${issue.path}: ${issue.message}`) : undefined);
  };
}
