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
import fc from 'fast-check';
import { encoding } from '../bodyEncodings';
import { Auth, FuzzRequest, PathPart, query, target } from '../fuzzRequest';
import { mutations, mutate } from '../mutations';

// What the route tables build their requests from.

/** A route's entry in the table: its label, how often it is drawn, its requests. */
export type RouteEntry = {
  label: string;
  weight: number;
  arbitrary: fc.Arbitrary<FuzzRequest>;
};

export const deployment: fc.Arbitrary<PathPart> = target.map(t => ({
  ref: 'deployment' as const,
  target: t,
}));
export const budget: fc.Arbitrary<PathPart> = target.map(t => ({
  ref: 'budget' as const,
  target: t,
}));
export const workspace: fc.Arbitrary<PathPart> = target.map(t => ({
  ref: 'workspace' as const,
  target: t,
}));

/** Mostly the signed-in user; sometimes nobody, or a token that is not one. */
export const userAuth: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 30, arbitrary: fc.constant('user' as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('none' as const, 'garbageBearer' as const),
  },
);

/** A route's requests: method, path and query or body, all generated. */
export function route(
  label: string,
  parts: {
    method: string;
    path: fc.Arbitrary<PathPart[]>;
    query?: Record<string, fc.Arbitrary<string>>;
    bodies?: fc.Arbitrary<unknown>;
  },
): fc.Arbitrary<FuzzRequest> {
  return fc.record({
    route: fc.constant(label),
    method: fc.constant(parts.method),
    path: parts.path,
    query: parts.query ? query(parts.query) : fc.constant(undefined),
    auth: userAuth,
    body: parts.bodies
      ? fc.tuple(parts.bodies, mutations).map(([b, m]) => mutate(b, m))
      : fc.constant(undefined),
    encoding: parts.bodies ? encoding : fc.constant(undefined),
  });
}

export const path = (...parts: Array<PathPart | fc.Arbitrary<PathPart>>) =>
  fc.tuple(
    ...parts.map(p =>
      typeof p === 'string' || 'ref' in p ? fc.constant(p) : p,
    ),
  ) as fc.Arbitrary<PathPart[]>;
