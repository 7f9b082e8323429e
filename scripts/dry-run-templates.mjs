#!/usr/bin/env node
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

// Runs every template in templates/ through the scaffolder's dry run
// (POST /api/scaffolder/v2/dry-run) of a running portal, signed in as guest,
// and prints each step's log and the files it would write.
// Usage: node scripts/dry-run-templates.mjs [backend URL] [delivery]
// (default http://localhost:7007; delivery: every one a template offers).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { parse } from 'yaml';

const base = process.argv[2] ?? 'http://localhost:7007';
const only = process.argv[3];
const root = join(import.meta.dirname, '..', 'templates');

const common = {
  title: 'Demo "quoted" ${file("/etc/passwd")} --- &anchor',
  component: 'component:default/example-website',
  owner: 'group:default/guests',
  environment: 'staging',
  repoUrl: 'github.com?owner=acme&repo=generated-deployment',
};
const values = {
  'deploy-cloud-run-service': {
    name: 'dry-run-api',
    region: 'europe-west1',
    artifact: { image: 'europe-docker.pkg.dev/acme/web/api:1.0.0' },
    compute: { cpu: 1, memoryMiB: 512, minInstances: 0, maxInstances: 10 },
  },
  'deploy-azure-container-instance': {
    name: 'dry-run-aci',
    region: 'westeurope',
    artifact: { image: 'acme.azurecr.io/web/api:1.0.0' },
    compute: { cpu: 1, memoryMiB: 1536 },
  },
  'deploy-sagemaker-model': {
    name: 'dry-run-model',
    region: 'us-east-1',
    artifact: {
      image:
        '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310',
      modelDataUrl: 's3://acme-models/fraud/model.tar.gz',
    },
    compute: { instanceType: 'ml.m5.large', instanceCount: 1 },
  },
  'deploy-kubernetes': {
    name: 'dry-run-web',
    cluster: 'local',
    region: 'us-east-1',
    artifact: { image: 'ghcr.io/acme/web-shop:1.0.0' },
    compute: { cpu: 0.5, memoryMiB: 512, minInstances: 2, maxInstances: 6 },
  },
};

const { token } = await fetch(`${base}/api/auth/guest/refresh`, {
  headers: { 'X-Requested-With': 'XMLHttpRequest' },
})
  .then(r => r.json())
  .then(r => r.backstageIdentity);

let failed = 0;
for (const dir of readdirSync(root).sort()) {
  let template;
  try {
    template = parse(readFileSync(join(root, dir, 'template.yaml'), 'utf8'));
  } catch {
    continue;
  }
  const name = template.metadata.name;
  if (!values[name]) continue;
  const deliveries = JSON.stringify(template).match(
    /"enum":\["direct"[^\]]*\]/,
  )[0];
  for (const delivery of JSON.parse(deliveries.slice(7))) {
    if (only && delivery !== only) continue;
    console.log(
      `\n===== ${template.metadata.title} (templates/${dir}), delivery ${delivery}`,
    );
    const response = await fetch(`${base}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        template,
        values: { ...common, ...values[name], delivery },
        secrets: {},
        directoryContents: [],
      }),
    });
    const body = await response.json();
    if (!response.ok) {
      failed += 1;
      console.log(
        `HTTP ${response.status}: ${
          body.error?.message ?? JSON.stringify(body)
        }`,
      );
      continue;
    }
    for (const step of body.steps) console.log(`step ${step.id}: ${step.name}`);
    for (const entry of body.log) {
      const { message, stepId, status } = entry.body;
      // The backend's logger colours its lines on a terminal.
      if (message) {
        console.log(
          `  [${stepId ?? '-'}] ${stripVTControlCharacters(message)}`,
        );
      }
      if (status === 'failed') failed += 1;
    }
    console.log(`output: ${JSON.stringify(body.output)}`);
    for (const file of body.directoryContents) {
      const content = Buffer.from(file.base64Content, 'base64').toString(
        'utf8',
      );
      console.log(
        `--- file ${file.path} (${content.length} bytes)\n${content}`,
      );
    }
  }
}
process.exit(failed ? 1 : 0);
