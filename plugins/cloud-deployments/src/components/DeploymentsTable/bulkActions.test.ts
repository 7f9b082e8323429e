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
import { makeDeployment } from '../../__testUtils__/fixtures';
import {
  BULK_ACTIONS,
  durationMs,
  extendedTtl,
  isoDuration,
} from './bulkActions';

const action = (id: string) => BULK_ACTIONS.find(a => a.id === id)!;

describe('extendedTtl', () => {
  it.each([
    ['P1D', 'P8D'],
    ['PT12H', 'P7DT12H'],
    ['P1W', 'P14D'],
    ['P1M', 'P37D'],
    ['PT90M', 'P7DT1H30M'],
  ])('extends %s by 7 days to %s', (ttl, extended) => {
    expect(extendedTtl(ttl)).toBe(extended);
    expect(durationMs(extended)).toBe(durationMs(ttl)! + 7 * 86_400_000);
  });

  it('writes nothing as PT0S and refuses what is no duration', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(durationMs('7 days')).toBeUndefined();
  });
});

describe('BULK_ACTIONS', () => {
  it('leaves out what the action cannot run on, saying why', () => {
    const withTtl = makeDeployment(1, {
      spec: { ...makeDeployment(1).spec, ttl: 'P1D' },
    });
    expect(action('extendTtl').skipReason(withTtl)).toBeUndefined();
    expect(action('extendTtl').skipReason(makeDeployment(2))).toBe(
      'it has no time to live',
    );
    expect(
      action('extendTtl').skipReason({ ...withTtl, status: 'destroying' }),
    ).toBe('it is destroying');
    expect(
      action('redeploy').skipReason(makeDeployment(3, { status: 'pending' })),
    ).toBe('it is pending');
    expect(
      action('destroy').skipReason(makeDeployment(4, { status: 'destroyed' })),
    ).toBe('it is destroyed');
    expect(action('destroy').skipReason(makeDeployment(5))).toBeUndefined();
  });
});
