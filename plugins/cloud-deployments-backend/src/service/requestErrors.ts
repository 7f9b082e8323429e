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
import { CustomErrorBase, InputError, NotFoundError } from '@backstage/errors';
import { ErrorRequestHandler, RequestHandler } from 'express';

/** 415: the body is in a form the route does not read. */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  readonly statusCode = 415;
}

/**
 * Errors that Express and body-parser raise before a handler runs, as errors
 * that name the part of the request at fault. Without it a path segment
 * that is not valid percent-encoding, a body that does not decompress, or an
 * unknown charset or encoding came back with the library's bare message
 * (`Failed to decode param '%ZZ'`, `incorrect header check`).
 */
export const translateRequestErrors: ErrorRequestHandler = (
  error,
  req,
  _res,
  next,
) => {
  const encoding = req.headers['content-encoding'];
  if (error instanceof URIError) {
    const segment = /'(.*)'/.exec(error.message)?.[1] ?? '';
    next(
      new InputError(
        `path: "${segment.slice(0, 64)}" is not valid percent-encoding`,
      ),
    );
  } else if (error?.type === 'encoding.unsupported') {
    next(
      new UnsupportedMediaTypeError(
        `Content-Encoding: ${String(encoding).slice(
          0,
          64,
        )} is not supported; send gzip, deflate or identity`,
      ),
    );
  } else if (error?.type === 'charset.unsupported') {
    next(
      new UnsupportedMediaTypeError(
        `Content-Type: charset ${String(error.charset).slice(
          0,
          64,
        )} is not supported; send UTF-8`,
      ),
    );
  } else if (typeof error?.code === 'string' && error.code.startsWith('Z_')) {
    next(
      new InputError(
        `body: is not valid ${String(encoding).slice(0, 64)} data`,
      ),
    );
  } else if (error?.type === 'request.size.invalid') {
    next(new InputError('body: its length differs from Content-Length'));
  } else {
    next(error);
  }
};

/**
 * A 404 that says so in the error body, for a path or method no route of the
 * plugin serves (Express would end the request with an empty 404).
 */
export const routeNotFound: RequestHandler = (req, _res, next) => {
  next(
    new NotFoundError(
      `No route for ${req.method} ${req.path.slice(
        0,
        200,
      )} in the cloud-deployments API`,
    ),
  );
};

/**
 * 400 for a path with a segment that is not valid percent-encoding, naming
 * it, before a router that decodes paths itself (the OpenAPI router's
 * validator would answer with its bare `malformed uri`).
 */
export const refuseMalformedPath: RequestHandler = (req, _res, next) => {
  for (const segment of req.path.split('/')) {
    try {
      decodeURIComponent(segment);
    } catch {
      next(
        new InputError(
          `path: "${segment.slice(0, 64)}" is not valid percent-encoding`,
        ),
      );
      return;
    }
  }
  next();
};
