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
import { AzureContainerInstancesProvider } from '../containerInstances/AzureContainerInstancesProvider';
import {
  containerGroupDeployment,
  EXPECTED,
  FIELDS,
  GROUP,
  SUBSCRIPTIONS,
} from './__testUtils__/containerGroupCases';
import {
  HOSTILE_VALUES,
  parseFiles,
  unescapeTemplate,
  valueAt,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node/testUtils';
import {
  TerraformScratch,
  terraformVersion,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node/testUtils';

// The real `terraform` CLI on the rendered files. There is no copy of the
// AzureRM provider on these machines and no registry to fetch it from, so
// `terraform validate` and `plan` cannot run: nothing here checks the
// resource against the provider's schema. What Terraform does check:
// - `init` reads every file and accepts its top-level structure and the
//   version constraints, failing only where it looks for the provider;
// - every expression the render writes (provider block, resource
//   arguments, region output) evaluates, through Terraform's own JSON
//   template engine, to the intended data: references resolve and hostile
//   values come back as the literal strings they were.

const version = terraformVersion();
const VARIABLES: Record<string, string> = {
  '${var.subscription_id}': SUBSCRIPTIONS[0].subscriptionId,
  '${var.resource_group_name}': SUBSCRIPTIONS[0].resourceGroup,
};

/** What the rendered expressions should evaluate to. */
function expectedValue(value: unknown): unknown {
  if (typeof value === 'string') {
    return VARIABLES[value] ?? unescapeTemplate(value);
  }
  if (Array.isArray(value)) return value.map(v => expectedValue(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, expectedValue(v)]),
    );
  }
  return value;
}

/** The expressions of a render, as one value to evaluate. */
function expressions(files: Record<string, any>) {
  const { output } = files['outputs.tf.json'];
  return {
    provider: files['providers.tf.json'].provider.azurerm,
    resource: files['main.tf.json'].resource.azurerm_container_group.this,
    region: output.region.value,
    subscription_id: output.subscription_id.value,
    resource_group_name: output.resource_group_name.value,
  };
}

(version ? describe : describe.skip)(
  `terraform ${version ?? '(skipped: terraform is not on the PATH)'}`,
  () => {
    jest.setTimeout(180_000);
    const provider = new AzureContainerInstancesProvider({
      subscriptions: SUBSCRIPTIONS,
    });
    let scratch: TerraformScratch;

    beforeAll(async () => {
      scratch = await TerraformScratch.create();
    });

    afterAll(async () => {
      await scratch?.dispose();
    });

    it('reads the rendered files, failing only for want of the AzureRM provider', async () => {
      const rendered = await provider.render(containerGroupDeployment());
      await scratch.write('normal', rendered.files);
      const result = await scratch.run('normal', [
        'init',
        '-backend=false',
        '-input=false',
        '-no-color',
      ]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        'Finding hashicorp/azurerm versions matching ">= 4.0.0, < 5.0.0"',
      );
      expect(result.stderr).toMatch(
        /hashicorp\/azurerm was not\s+found in any of the search locations/,
      );
      expect(result.stderr).not.toMatch(/problems with the configuration/);
      expect(result.stderr.match(/^Error: /gm)).toHaveLength(1);
    });

    it('evaluates every rendered expression, hostile values included, to the intended data', async () => {
      const renders: Record<
        string,
        { files: Record<string, any>; field?: string; value?: string }
      > = {
        normal: {
          files: parseFiles(await provider.render(containerGroupDeployment())),
        },
      };
      for (const [label, value] of Object.entries(HOSTILE_VALUES)) {
        for (const [field, { deployment }] of Object.entries(FIELDS)) {
          if (EXPECTED[label][field] !== 'data') continue;
          renders[`${label} through the ${field}`] = {
            files: parseFiles(await provider.render(deployment(value))),
            field,
            value,
          };
        }
      }

      const evaluated = await scratch.evaluate(
        Object.fromEntries(
          Object.entries(renders).map(([key, { files }]) => [
            key,
            {
              variablesTfJson: JSON.stringify(files['variables.tf.json']),
              value: expressions(files),
            },
          ]),
        ),
      );

      expect(evaluated).toEqual(
        Object.fromEntries(
          Object.entries(renders).map(([key, { files }]) => [
            key,
            expectedValue(expressions(files)),
          ]),
        ),
      );
      // And, explicitly, the hostile values arrived as the strings they were.
      const wrong = Object.entries(renders).flatMap(([key, { field, value }]) =>
        (field ? FIELDS[field].paths : [])
          .map(path => path.slice(`${GROUP}/`.length))
          .filter(
            path =>
              valueAt((evaluated[key] as any).resource, path) !==
              FIELDS[field!].written(value!),
          )
          .map(path => `${key}: ${path}`),
      );
      expect(wrong).toEqual([]);
      expect(Object.keys(evaluated).length).toBeGreaterThan(30);
    });

    it('would evaluate the same values unescaped (the control: the check can fail)', async () => {
      const files = parseFiles(
        await provider.render(containerGroupDeployment()),
      );
      const evaluated = await scratch.evaluate({
        naive: {
          variablesTfJson: JSON.stringify(files['variables.tf.json']),
          value: [
            '${file("/etc/passwd")}',
            'x${var.resource_group_name}',
            '%{if!false}y%{endif}',
          ],
        },
      });
      expect(evaluated.naive).toEqual([
        readFileSync('/etc/passwd', 'utf8'),
        'xml-models',
        'y',
      ]);
    });
  },
);
