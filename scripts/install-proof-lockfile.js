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
// Usage: node scripts/install-proof-lockfile.js <committed yarn.lock> <installed yarn.lock>
//
// The install proof's app resolves our packages to freshly packed tarballs, whose
// lockfile entries change with every build; everything else must be exactly what the
// committed lockfile pins. Fails, naming the entries, when an install resolved any other
// dependency differently (then: scripts/install-proof.sh --update-lock, and review).
const fs = require('fs');
const { parse } = require('yaml');

const ours = '@cloud-deployments-for-backstage/';
const entries = file => {
  const lock = parse(fs.readFileSync(file, 'utf8'));
  delete lock.__metadata;
  return new Map(
    Object.entries(lock)
      .filter(([key]) => !key.includes(ours))
      .map(([key, entry]) => [key, JSON.stringify(entry)]),
  );
};

const [committed, installed] = process.argv.slice(2).map(entries);
const changed = [...new Set([...committed.keys(), ...installed.keys()])].filter(
  key => committed.get(key) !== installed.get(key),
);
if (changed.length > 0) {
  console.error(
    `install-proof: the install resolved ${changed.length} dependencies differently from examples/install-proof-app/yarn.lock:`,
  );
  for (const key of changed.slice(0, 20)) {
    const state = !committed.has(key)
      ? 'new'
      : !installed.has(key)
      ? 'gone'
      : 'changed';
    console.error(`  ${state}: ${key}`);
  }
  console.error(
    'Run scripts/install-proof.sh --update-lock and review the lockfile.',
  );
  process.exit(1);
}
console.log(
  `install-proof: ${installed.size} locked dependencies as committed, plus our packed packages`,
);
