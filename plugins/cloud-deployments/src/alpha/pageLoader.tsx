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
import { ApiHolder } from '@backstage/frontend-plugin-api';
import { primeFirstPage } from '../components/DeploymentsTable/firstPage';

/** Whether the location is the page's root (below any base path of the app). */
const isAt = (pathname: string, path: string) =>
  pathname.replace(/\/+$/, '').endsWith(path.replace(/\/+$/, ''));

/**
 * The page's loader. Opening on the list, it asks for the list's first page
 * while the page's code loads, rather than after the table has rendered: the
 * render-as-you-fetch of React's data loading guidance.
 */
export function pageLoader(apis: ApiHolder, path: string) {
  return () => {
    if (isAt(window.location.pathname, path)) {
      primeFirstPage(apis, window.location.search);
    }
    return import('../components/Router').then(m => <m.Router />);
  };
}
