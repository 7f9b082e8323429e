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
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// The templates in templates/ use only actions this module or the scaffolder
// provides, and each offers its cost estimate field.
const ROOT = join(__dirname, '../../../templates');
const OURS = [
  'cloud:estimate',
  'cloud:render',
  'cloud:terraform:plan',
  'cloud:terraform:confirm',
  'cloud:terraform:apply',
  'cloud:kubernetes:apply',
  'cloud:deployment:create',
  'cloud:deployment:destroy',
];
const BUILTIN = [
  'fetch:template',
  'publish:github',
  'catalog:register',
  'catalog:write',
  'debug:log',
];

const templates = readdirSync(ROOT)
  .map(dir => join(ROOT, dir, 'template.yaml'))
  .filter(
    file => existsSync(file) && readFileSync(file, 'utf8').includes('cloud:'),
  );

describe.each(templates)('%s', file => {
  const template = parse(readFileSync(file, 'utf8'));

  it('uses only known actions', () => {
    for (const step of template.spec.steps) {
      expect([...OURS, ...BUILTIN]).toContain(step.action);
    }
  });

  it('shows the live estimate for its provider', () => {
    const fields = template.spec.parameters.flatMap((p: any) =>
      Object.values(p.properties ?? {}),
    );
    const estimate = fields.find(
      (f: any) => f['ui:field'] === 'CloudCostEstimate',
    );
    const target = template.spec.steps.find(
      (s: any) =>
        s.action === 'cloud:deployment:create' || s.action === 'cloud:render',
    );
    expect(estimate['ui:options'].provider).toBe(target.input.provider);
  });

  // As the review step test of the field (plugins/cloud-deployments) has it.
  it('reviews the estimate as its formatted summary, not its raw fields', () => {
    const estimate = template.spec.parameters
      .flatMap((p: any) => Object.values(p.properties ?? {}))
      .find((f: any) => f['ui:field'] === 'CloudCostEstimate');
    expect(estimate).toMatchObject({
      title: 'Estimated monthly cost',
      properties: {
        summary: { title: 'Estimated monthly cost', type: 'string' },
      },
      additionalProperties: { 'ui:backstage': { review: { show: false } } },
    });
  });
});

// Templates that apply a reviewed Terraform plan price the plan itself; those
// that create a deployment price and store the form's usage.
const deploying = templates.filter(file =>
  readFileSync(file, 'utf8').includes('cloud:deployment:create'),
);

describe.each(deploying)('%s', file => {
  const template = parse(readFileSync(file, 'utf8'));

  it("prices the usage chosen in the form's estimate field", () => {
    const [name] = template.spec.parameters
      .flatMap((p: any) => Object.entries(p.properties ?? {}))
      .find(([, f]: [string, any]) => f['ui:field'] === 'CloudCostEstimate');
    const step = template.spec.steps.find(
      (s: any) => s.action === 'cloud:estimate',
    );
    expect(step.input.usage).toBe(`\${{ parameters.${name}.usage }}`);
  });

  it('stores that usage with the deployment, so its estimate assumes the same', () => {
    const [name] = template.spec.parameters
      .flatMap((p: any) => Object.entries(p.properties ?? {}))
      .find(([, f]: [string, any]) => f['ui:field'] === 'CloudCostEstimate');
    const deploy = template.spec.steps.find(
      (s: any) => s.action === 'cloud:deployment:create',
    );
    expect(deploy.input.usage).toBe(`\${{ parameters.${name}.usage }}`);
  });
});

it('finds the templates', () => {
  expect(templates.map(f => f.split('/').at(-2)).sort()).toEqual([
    'azure-container-instance',
    'cloud-run-service',
    'kubernetes-deployment',
    'sagemaker-model',
    'sagemaker-terraform-reviewed',
  ]);
});
