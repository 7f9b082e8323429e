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
import path from 'path';
import { loadConfig } from '@backstage/config-loader';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { PolicyEngine } from './PolicyEngine';

describe('the policies app-config.yaml enables', () => {
  it('load from their files, with the defaults the portal ships', async () => {
    const root = path.resolve(__dirname, '../../../..');
    const { appConfigs } = await loadConfig({
      configRoot: root,
      configTargets: [{ path: path.join(root, 'app-config.yaml') }],
    });
    const logger = mockServices.logger.mock();
    const engine = PolicyEngine.fromConfig(
      ConfigReader.fromConfigs(appConfigs),
      logger,
    );
    expect(engine.policyIds).toEqual([
      'production-needs-approval',
      'no-gpu-in-development',
      'over-10000-a-month-needs-approval',
      'kubernetes-privileged-refused',
      'budget-overrun-needs-approval',
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/^5 policies from 5 files/),
    );
  });
});
