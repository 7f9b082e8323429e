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
import {
  AnyParams,
  RouteFunc,
  RouteRef,
  SubRouteRef,
  useRouteRef,
} from '@backstage/core-plugin-api';

/**
 * The link to a route, or `undefined` when the app has not mounted it (the
 * catalog's entity pages, our page next to its cards only), in either
 * frontend system.
 *
 * @internal
 */
export function useRouteRefIfMounted<Params extends AnyParams>(
  routeRef: RouteRef<Params> | SubRouteRef<Params>,
): RouteFunc<Params> | undefined {
  // core-plugin-api's useRouteRef resolves in both frontend systems, but
  // throws for a route that is not mounted (after calling all its hooks, so
  // catching keeps the hook order). frontend-plugin-api's answers undefined
  // but only inside apps of the new system.
  try {
    return useRouteRef(routeRef);
  } catch {
    return undefined;
  }
}
