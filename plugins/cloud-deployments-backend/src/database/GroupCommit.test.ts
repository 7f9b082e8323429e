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
import { GroupCommit } from './GroupCommit';

describe('GroupCommit', () => {
  it('writes what arrives together in one group, and the next arrivals in the next', async () => {
    const groups: number[][] = [];
    const commit = new GroupCommit<number>({
      maxGroup: 3,
      write: async items => {
        groups.push(items);
        await new Promise(r => setTimeout(r, 5));
      },
    });
    const first = [1, 2, 3, 4].map(i => commit.add(i));
    await new Promise(r => setImmediate(r));
    const later = commit.add(5);
    await Promise.all([...first, later]);
    expect(groups).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('retries a failed group one by one, so only the bad write fails', async () => {
    const groups: string[][] = [];
    const commit = new GroupCommit<string>({
      maxGroup: 10,
      write: async items => {
        groups.push(items);
        if (items.includes('bad')) throw new Error(`conflict in ${items}`);
      },
    });
    const results = await Promise.allSettled(
      ['a', 'bad', 'c'].map(i => commit.add(i)),
    );
    expect(results.map(r => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe(
      'conflict in bad',
    );
    expect(groups).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('goes on after a failure, and writes a lone item alone', async () => {
    let fail = true;
    const commit = new GroupCommit<number>({
      maxGroup: 10,
      write: async () => {
        if (fail) {
          fail = false;
          throw new Error('database gone');
        }
      },
    });
    await expect(commit.add(1)).rejects.toThrow('database gone');
    await expect(commit.add(2)).resolves.toBeUndefined();
  });
});
