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
import { Permission } from '@azure/arm-authorization';
import fc from 'fast-check';
import { actionMatches, isPermitted } from './rbacActions';

/** Action-like text: segments of letters, digits, dots and regex specials. */
const segment = fc.stringMatching(/^[A-Za-z0-9.()+?^$|[\]{}\\]{1,12}$/);
const action = fc
  .array(segment, { minLength: 1, maxLength: 5 })
  .map(parts => parts.join('/'));

/** The text in another case, as Azure RBAC ignores case. */
const recased = (text: string, upper: boolean[]) =>
  [...text]
    .map((c, i) =>
      upper[i % upper.length] ? c.toUpperCase() : c.toLowerCase(),
    )
    .join('');

describe('actionMatches', () => {
  it('matches an action by its own name in any case', () => {
    fc.assert(
      fc.property(action, fc.array(fc.boolean(), { minLength: 1 }), (a, up) => {
        expect(actionMatches(recased(a, up), a)).toBe(true);
      }),
    );
  });

  it('matches every action with *', () => {
    fc.assert(
      fc.property(action, a => {
        expect(actionMatches('*', a)).toBe(true);
      }),
    );
  });

  it('matches by prefix with a trailing *, by suffix with a leading one', () => {
    fc.assert(
      fc.property(action, action, (head, tail) => {
        const a = `${head}/${tail}`;
        expect(actionMatches(`${head}/*`, a)).toBe(true);
        expect(actionMatches(`*/${tail}`, a)).toBe(true);
        expect(actionMatches(`${head}/*/${tail}`, `${head}/x/y/${tail}`)).toBe(
          true,
        );
      }),
    );
  });

  it('without *, matches nothing but its own name: special characters are literal', () => {
    fc.assert(
      fc.property(action, action, (pattern, a) => {
        expect(actionMatches(pattern, a)).toBe(
          pattern.toLowerCase() === a.toLowerCase(),
        );
      }),
    );
  });

  it('reads Azure’s own patterns as Azure RBAC does', () => {
    const stop = 'Microsoft.ContainerInstance/containerGroups/stop/action';
    expect(actionMatches('Microsoft.ContainerInstance/*', stop)).toBe(true);
    expect(actionMatches('microsoft.containerinstance/*', stop)).toBe(true);
    expect(actionMatches('*/read', stop)).toBe(false);
    expect(actionMatches('*/read', 'Microsoft.Insights/metrics/read')).toBe(
      true,
    );
    expect(
      actionMatches(
        'Microsoft.ContainerInstance/containerGroups/*/action',
        stop,
      ),
    ).toBe(true);
    // The dot is no regular-expression wildcard.
    expect(
      actionMatches(
        'Microsoft.ContainerInstance/*',
        'MicrosoftXContainerInstance/a',
      ),
    ).toBe(false);
    expect(actionMatches('Microsoft.Compute/*', stop)).toBe(false);
  });
});

describe('isPermitted', () => {
  const stop = 'Microsoft.ContainerInstance/containerGroups/stop/action';
  const owner = (notActions: string[] = []): Permission => ({
    actions: ['*'],
    notActions,
  });

  it('takes notActions out of their own entry only', () => {
    expect(isPermitted([owner([stop])], stop)).toBe(false);
    expect(isPermitted([owner(['*/action'])], stop)).toBe(false);
    expect(
      isPermitted([owner(['*/action'])], stop.replace('stop/action', 'read')),
    ).toBe(true);
    // Another role granting it wins: notActions are no deny.
    expect(
      isPermitted(
        [owner([stop]), { actions: ['Microsoft.ContainerInstance/*'] }],
        stop,
      ),
    ).toBe(true);
  });

  it('grants nothing without a role, or with reads only', () => {
    expect(isPermitted([], stop)).toBe(false);
    expect(isPermitted([{ actions: ['*/read'] }], stop)).toBe(false);
    expect(isPermitted([{}], stop)).toBe(false);
  });

  it('is the union over entries of actions minus their notActions', () => {
    const entry = fc.record({
      actions: fc.array(
        fc.constantFrom('*', 'A/*', '*/read', 'A/b/read', 'B/c/write'),
      ),
      notActions: fc.array(
        fc.constantFrom('*', 'A/*', '*/read', 'A/b/read', 'B/c/write'),
      ),
    });
    const probe = fc.constantFrom(
      'A/b/read',
      'A/c/write',
      'B/c/write',
      'B/d/read',
      'C/x',
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 4 }), probe, (entries, a) => {
        const alone = entries.map(e => isPermitted([e], a));
        expect(isPermitted(entries, a)).toBe(alone.some(Boolean));
      }),
    );
  });
});
