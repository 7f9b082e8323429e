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
import { formatAge } from './formatAge';

describe('formatAge', () => {
  const now = Date.parse('2026-06-15T12:00:00.000Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const minutes = 60 * 1000;
  const hours = 60 * minutes;
  const days = 24 * hours;

  it.each([
    [0, 'just now'],
    [59 * 1000, 'just now'],
    [-5 * minutes, 'just now'],
    [5 * minutes, '5 min ago'],
    [59 * minutes, '59 min ago'],
    [3 * hours, '3 h ago'],
    [1 * days, '1 day ago'],
    [2 * days, '2 days ago'],
    [65 * days, '2 months ago'],
    [400 * days, '1 year ago'],
    [800 * days, '2 years ago'],
  ])('formats %d ms ago as %s', (elapsed, expected) => {
    expect(formatAge(ago(elapsed), now)).toBe(expected);
  });

  it('returns an unparsable timestamp unchanged', () => {
    expect(formatAge('yesterday', now)).toBe('yesterday');
  });
});
