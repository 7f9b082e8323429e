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
import { isDeepStrictEqual } from 'node:util';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { parse, stringify } from 'yaml';
import { RenderedFiles } from '../providers/CloudDeploymentProvider';
import { composeFileOf } from './composeFile';

/**
 * The name `docker compose` looks for.
 *
 * @public
 */
export const COMPOSE_FILE_NAME = 'docker-compose.yaml';

/**
 * A deployment as a `docker-compose.yaml` (see {@link composeFileOf}),
 * read back before it is returned: what the file says is what was built.
 *
 * @public
 */
export function renderComposeFile(
  deployment: Pick<Deployment, 'name' | 'resourceName' | 'spec'>,
): RenderedFiles {
  const document = composeFileOf(deployment);
  // No anchors (a repeated object is written again), no folding, and every
  // text value in double quotes: `yes`, `on` or `0o17` stay text for YAML 1.1
  // readers too.
  const text = stringify(document, {
    aliasDuplicateObjects: false,
    lineWidth: 0,
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
  });
  if (!isDeepStrictEqual(parse(text), document)) {
    throw new Error(
      `The Compose file of ${document.name} does not read back as it was built`,
    );
  }
  return { files: { [COMPOSE_FILE_NAME]: text } };
}
