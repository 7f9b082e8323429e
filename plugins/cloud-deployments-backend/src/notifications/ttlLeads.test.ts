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
import { dueTtlLead } from './ttlLeads';

const now = new Date('2026-12-06T12:00:00.000Z');
const inMinutes = (m: number) => new Date(now.getTime() + m * 60_000);

describe('dueTtlLead', () => {
  it.each([
    [3 * 24 * 60, undefined],
    [2 * 24 * 60, '2d'],
    [2 * 24 * 60 - 1, '2d'],
    [121, '2d'],
    [120, '2h'],
    [90, '2h'],
    [60, '2h'],
    [31, '2h'],
    [30, '30m'],
    [1, '30m'],
    [0, undefined],
    [-5, undefined],
  ])('is the nearest lead that applies %p minutes ahead', (minutes, lead) => {
    expect(dueTtlLead(inMinutes(minutes), now)).toBe(lead);
  });
});
