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
import { IacFinding } from './iacFinding';
import { objectFindings } from './manifestFindings';
import { readDocuments } from './readDocuments';
import { terraformFindings } from './terraformFindings';

export type { IacCheck, IacFinding } from './iacFinding';

/**
 * Findings in a provider's rendered files (`RenderedFiles.files`: path →
 * content): Terraform JSON (`*.tf.json`) and Kubernetes manifests
 * (`*.yaml`, `*.yml`, `*.json`). Other files (HCL, text) are not read, and
 * neither is a file that does not parse: the apply reports those. Never
 * throws.
 *
 * @internal
 */
export function findIacIssues(files: Record<string, string>): IacFinding[] {
  const findings: IacFinding[] = [];
  for (const [path, content] of Object.entries(files ?? {})) {
    if (typeof content !== 'string') continue;
    const name = path.toLowerCase();
    if (name.endsWith('.tf.json')) {
      findings.push(...terraformFindings(parseJson(content)));
    } else if (/\.(ya?ml|json)$/.test(name)) {
      findings.push(...findManifestIssues(content));
    }
  }
  return ordered(findings);
}

/**
 * Findings in raw Kubernetes manifests (a YAML stream, or JSON), as
 * `POST /kubernetes/apply` receives them. Documents that do not parse are
 * left out (the apply reports them). Never throws.
 *
 * @internal
 */
export function findManifestIssues(manifests: string): IacFinding[] {
  if (typeof manifests !== 'string') return [];
  return ordered(readDocuments(manifests).flatMap(doc => objectFindings(doc)));
}

/** Sorted by resource, then check, then detail; each finding once. */
function ordered(findings: IacFinding[]): IacFinding[] {
  const unique = new Map(
    findings.map(f => [JSON.stringify([f.resource, f.check, f.detail]), f]),
  );
  return [...unique.values()].sort(
    (a, b) =>
      compare(a.resource, b.resource) ||
      compare(a.check, b.check) ||
      compare(a.detail, b.detail),
  );
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function parseJson(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return undefined;
  }
}
