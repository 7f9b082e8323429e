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
import path from 'node:path';
import { loadSnapshot } from './loadSnapshot';

const snapshot = loadSnapshot(
  path.resolve(__dirname, '../../../snapshot/prices.json'),
);
const items = [...snapshot.datasets, ...snapshot.allowances];

describe('the committed snapshot provenance', () => {
  it('names something a user can open in every origin, never a research index id', () => {
    for (const item of items) {
      expect(item.origin).not.toMatch(/index id|code-search/i);
      // An API, a page, or a repository at a commit.
      expect(item.origin).toMatch(/https:\/\/| @ [0-9a-f]{7}|API/);
    }
  });

  it('dates nothing with an invented or file-change date', () => {
    for (const item of items) {
      // 2025-01-01 was made up; 2024-05-27 is a file's last change.
      expect(['2025-01-01', '2024-05-27']).not.toContain(item.effectiveDate);
    }
    const notes = items.flatMap(i => (i.dateNote ? [i.dateNote] : []));
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(note).toMatch(/^undated: /);
  });

  // Origins reach the browser with every estimate line: they name public
  // sources, never the files of the shared pricing folder it was built from.
  it('names no file the snapshot was built from', () => {
    for (const item of items) {
      expect(item.origin).not.toMatch(/shared pricing|\w\.json\b/);
    }
  });

  it('keeps caveats out of origins', () => {
    for (const item of items) expect(item.origin).not.toMatch(/VERIFY/);
  });

  it('has Azure VM Linux prices for the 47 stable regions, ARM size names only', () => {
    const vm = snapshot.datasets.filter(
      d => d.provider === 'azure' && d.service === 'VirtualMachines',
    );
    const table = vm.find(d => d.id.startsWith('azure-vm-karpenter-azure-'))!;
    expect(Object.keys(table.prices)).toHaveLength(47);
    for (const sizes of Object.values(table.prices)) {
      for (const size of Object.keys(sizes)) {
        expect(size).toMatch(/^Standard_[A-Za-z0-9_-]+$/);
      }
    }
    // prices_relaxed (lower confidence) is not used.
    expect(table.prices.italynorth).toBeUndefined();
    expect(table.prices.northeurope.Standard_D4s_v5).toBe(0.214);
  });
});
