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
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CLOUD_RUN_REGIONS } from './cloudRunRegions';

/**
 * The backend's list of Cloud Run regions, which it validates deployments
 * by, read as text: a module does not import the backend plugin.
 */
function backendCloudRunRegions(): string[] {
  const backend = dirname(
    require.resolve(
      '@cloud-deployments-for-backstage/plugin-cloud-deployments-backend/package.json',
    ),
  );
  const source = readFileSync(join(backend, 'src/pricing/regions.ts'), 'utf8');
  const list = /export const CLOUD_RUN_REGIONS[^=]*=\s*\[([^\]]*)\]/.exec(
    source,
  );
  if (!list) throw new Error('CLOUD_RUN_REGIONS not found in the backend');
  return [...list[1].matchAll(/'([a-z0-9-]+)'/g)].map(m => m[1]);
}

describe('CLOUD_RUN_REGIONS', () => {
  it('holds exactly the regions the portal accepts for Cloud Run', () => {
    expect([...CLOUD_RUN_REGIONS].sort()).toEqual(
      backendCloudRunRegions().sort(),
    );
  });
});
