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
import {
  allFinal,
  Check,
  noDuplicateResources,
  noLostDeployment,
  noSecretsInLog,
  nothingStuck,
  oneTaskAtATime,
} from '../../lib/invariants';
import { Suite } from '../../lib/suite';

/*
 * Faults of the SageMaker endpoint, injected by the proxy between the
 * backend's real AWS SDK and the SageMaker sandbox. Each scenario ends with
 * the fault cleared and the invariants checked.
 */

const SECRETS = ['AKIDFAULTSUITE', 'faults-suite-secret'];

/** The invariants every scenario ends with. */
export async function invariants(
  suite: Suite,
  ids: string[],
  names: string[],
): Promise<Check[]> {
  return [
    await noLostDeployment(suite.db, ids),
    await allFinal(suite.db, ids),
    await nothingStuck(suite.db),
    await oneTaskAtATime(suite.db),
    noDuplicateResources(suite.sandbox, names),
    await noSecretsInLog(suite.db, ids, SECRETS),
  ];
}
