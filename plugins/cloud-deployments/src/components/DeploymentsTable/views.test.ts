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
import { BUILT_IN_VIEWS, currentView } from './views';

describe('currentView', () => {
  it('knows each built-in view from its own link', () => {
    for (const view of BUILT_IN_VIEWS) {
      expect(currentView(new URLSearchParams(view.query))?.id).toBe(view.id);
    }
  });

  it('knows a view however its link is spelled', () => {
    expect(
      currentView(new URLSearchParams('status=failed&owner=all'))?.id,
    ).toBe('failed');
    expect(currentView(new URLSearchParams('owner=mine'))?.id).toBe('mine');
  });

  it('knows "Expiring soon" only with its window', () => {
    expect(
      currentView(new URLSearchParams('sort=expiresAt&expiresWithin=P7D'))?.id,
    ).toBe('expiring');
    expect(
      currentView(new URLSearchParams('sort=expiresAt&expiresWithin=P1D')),
    ).toBeUndefined();
  });

  it('is none of them when the filters differ', () => {
    expect(
      currentView(new URLSearchParams('owner=all&status=failed&q=x')),
    ).toBeUndefined();
  });
});
