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
import { HttpStatus } from './kubernetesStatus';

/** A `labelSelector` of equality requirements (`a=b,c==d`) as a map. */
export function parseLabelSelector(
  value: string | null,
): Record<string, string> {
  if (!value) return {};
  const selector: Record<string, string> = {};
  for (const part of value.split(',')) {
    const m = /^([^=!]+)==?(.*)$/.exec(part.trim());
    if (!m)
      throw new HttpStatus(
        400,
        'BadRequest',
        `unable to parse requirement: ${part}`,
      );
    selector[m[1]] = m[2];
  }
  return selector;
}
