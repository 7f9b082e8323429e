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
/* eslint-disable no-console */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import {
  HTTP_METHODS,
  renderEndpointMap,
  renderEndpointMapIndex,
  renderPathTypes,
  renderRouter,
  renderYaml,
} from './emit';
import { generatedComponentSchemas, queryParameters } from './zodComponents';

/*
 * Builds the OpenAPI spec of the cloud-deployments API from skeleton.yaml (the
 * paths and response shapes, written by hand) and the zod schemas of
 * plugin-cloud-deployments-common (request bodies and query parameters), so
 * zod stays the one source of field rules. Writes the spec, the backend's
 * router module and the client's types:
 *
 *   generate.ts            writes them into the repository
 *   generate.ts --check    writes them to a temporary directory and fails,
 *                          with a diff, when a checked-in file differs
 */

type Json = Record<string, any>;

const ROOT = resolve(__dirname, '../..');
const BACKEND = 'plugins/cloud-deployments-backend/src/schema';
export const OUTPUTS = {
  spec: `${BACKEND}/openapi.yaml`,
  router: `${BACKEND}/openapi/generated/router.ts`,
  endpointMap: `${BACKEND}/openapi/generated/apis/Api.server.ts`,
  endpointMapIndex: `${BACKEND}/openapi/generated/apis/index.ts`,
  paths: 'plugins/cloud-deployments-common/src/client/generated/paths.ts',
};

/** The whole spec: the skeleton with its zod parts filled in. */
export function buildSpec(): Json {
  const spec = parse(
    readFileSync(join(__dirname, 'skeleton.yaml'), 'utf8'),
  ) as Json;
  const generated = generatedComponentSchemas();
  for (const name of Object.keys(generated)) {
    if (spec.components.schemas[name]) {
      throw new Error(`skeleton.yaml: ${name} is generated from zod`);
    }
  }
  spec.components.schemas = { ...spec.components.schemas, ...generated };
  for (const item of Object.values(spec.paths as Json)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation?.['x-zod-query']) continue;
      const query = queryParameters(
        operation['x-zod-query'],
        operation['x-query-omit'],
      );
      const {
        'x-zod-query': _query,
        'x-query-omit': _omit,
        responses,
        ...rest
      } = operation;
      // Rebuilt so the parameters come before the responses.
      item[method] = {
        ...rest,
        parameters: [...(operation.parameters ?? []), ...query],
        responses,
      };
    }
  }
  checkRefs(spec, spec);
  return spec;
}

/** Every `$ref` points at something: a typo fails here, not in a client. */
function checkRefs(spec: Json, value: any, at = '#') {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkRefs(spec, item, `${at}/${i}`));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (typeof value.$ref === 'string') {
    const target = value.$ref
      .slice(2)
      .split('/')
      .reduce((node: any, key: string) => node?.[key], spec);
    if (target === undefined) {
      throw new Error(`${at}: $ref ${value.$ref} points at nothing`);
    }
  }
  for (const [key, item] of Object.entries(value)) {
    checkRefs(spec, item, `${at}/${key}`);
  }
}

async function render(spec: Json): Promise<Record<string, string>> {
  const at = (file: string) => join(ROOT, file);
  return {
    [OUTPUTS.spec]: await renderYaml(spec, at(OUTPUTS.spec)),
    [OUTPUTS.router]: await renderRouter(spec, at(OUTPUTS.router)),
    [OUTPUTS.endpointMap]: await renderEndpointMap(
      spec,
      at(OUTPUTS.endpointMap),
    ),
    [OUTPUTS.endpointMapIndex]: await renderEndpointMapIndex(
      at(OUTPUTS.endpointMapIndex),
    ),
    [OUTPUTS.paths]: await renderPathTypes(spec, at(OUTPUTS.paths)),
  };
}

function writeAll(root: string, files: Record<string, string>) {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
}

async function main() {
  const { values } = parseArgs({ options: { check: { type: 'boolean' } } });
  const files = await render(buildSpec());
  if (!values.check) {
    writeAll(ROOT, files);
    console.log(`Wrote ${Object.keys(files).join(', ')}`);
    return;
  }
  const fresh = mkdtempSync(join(tmpdir(), 'openapi-check-'));
  writeAll(fresh, files);
  const stale = Object.keys(files).filter(file => {
    const diff = spawnSync(
      'git',
      ['diff', '--no-index', '--', join(ROOT, file), join(fresh, file)],
      { stdio: 'inherit' },
    );
    return diff.status !== 0;
  });
  if (stale.length) {
    console.error(
      `Stale: ${stale.join(
        ', ',
      )}. Run \`yarn openapi:generate\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log(`Up to date: ${Object.keys(files).join(', ')}`);
}

if (require.main === module) {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
