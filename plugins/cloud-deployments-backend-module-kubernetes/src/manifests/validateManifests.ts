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
import { InputError } from '@backstage/errors';
import { Manifest } from './deploymentManifests';
import { extraProblems } from './extraProblems';
import { KNOWN_KINDS, unknownFields } from './knownFields';

type Model = new (data: any) => { validate(): void };

let validators: Record<string, Model> | undefined;

/**
 * The schema validators of kubernetes-models (CommonJS next to its ESM),
 * loaded on first use: they take about 270 ms to load, which a backend that
 * never checks a manifest should not pay at start.
 */
function schemaValidators(): Record<string, Model> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  validators ??= {
    'apps/v1 Deployment': require('kubernetes-models/apps/v1/Deployment')
      .Deployment,
    'v1 Service': require('kubernetes-models/v1/Service').Service,
    'autoscaling/v2 HorizontalPodAutoscaler':
      require('kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler')
        .HorizontalPodAutoscaler,
    'networking.k8s.io/v1 Ingress':
      require('kubernetes-models/networking.k8s.io/v1/Ingress').Ingress,
    'v1 ConfigMap': require('kubernetes-models/v1/ConfigMap').ConfigMap,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return validators;
}

/** The kinds an apply may make, as `apiVersion kind`. */
export const SUPPORTED_KINDS = Object.keys(KNOWN_KINDS);

/**
 * How a problem names its object: `Deployment/web`, or `document 2` when the
 * kind is not a word (a manifest's kind can be any YAML, even a mapping).
 */
function objectLabel(m: Manifest, i: number): string {
  const kind = m?.kind;
  const name = m?.metadata?.name;
  if (typeof kind !== 'string' || !/^[A-Za-z][A-Za-z0-9]{0,62}$/.test(kind)) {
    return `document ${i + 1}`;
  }
  return `${kind}/${
    typeof name === 'string' && /^[^\s:;]{1,253}$/.test(name) ? name : '?'
  }`;
}

/** A value from a manifest in a message: text as it is, else its type. */
function shown(value: unknown, missing: string): string {
  if (value === undefined || value === null) return missing;
  return typeof value === 'string'
    ? value.slice(0, 100)
    : `(${Array.isArray(value) ? 'a list' : typeof value})`;
}

/** Why a model could not be built from an object, as far as we can tell. */
function unreadable(value: unknown, path = ''): string {
  const walk = (v: unknown, at: string): string | undefined => {
    if (!v || typeof v !== 'object') return undefined;
    for (const [key, child] of Object.entries(v)) {
      const here = at ? `${at}.${key}` : key;
      if (key === 'constructor' && child === null) {
        return `${here}: a key named "constructor" may not be null`;
      }
      const found = walk(child, here);
      if (found) return found;
    }
    return undefined;
  };
  return walk(value, path) ?? 'its shape is not an object of that kind';
}

/**
 * Checks objects as the API server would, before any is sent: the kind is
 * one an apply may make, the schema (kubernetes-models), and what the schema
 * does not say (unknown fields, DNS names, port ranges, label syntax, a
 * selector that matches its pods). Throws one `InputError` listing every
 * problem as `Kind/name: field: message`.
 */
export async function validateManifests(manifests: Manifest[]): Promise<void> {
  const problems: string[] = [];
  for (const [i, m] of manifests.entries()) {
    const typeKey = `${m?.apiVersion} ${m?.kind}`;
    const label = objectLabel(m, i);
    const shape = KNOWN_KINDS[typeKey];
    if (!shape) {
      problems.push(
        `${label}: ${shown(m?.apiVersion, '(no apiVersion)')} ${shown(
          m?.kind,
          '(no kind)',
        )} is not a kind the portal applies (supported: ${SUPPORTED_KINDS.join(
          ', ',
        )})`,
      );
      continue;
    }
    const Model = schemaValidators()[typeKey];
    try {
      new Model(m).validate();
    } catch (e) {
      const errors = (
        e as { errors?: Array<{ instancePath: string; message?: string }> }
      ).errors;
      if (!errors) {
        // The model's constructor walks the input before the schema sees it,
        // and fails on shapes it does not expect (a key `constructor: null`
        // crashes its plain-object test): the input's fault, so a 400.
        problems.push(
          `${label}: cannot be read as a ${m.kind}: ${unreadable(m)}`,
        );
        continue;
      }
      for (const error of errors) {
        const field =
          error.instancePath.slice(1).replace(/\//g, '.') || '(object)';
        problems.push(`${label}: ${field}: ${error.message}`);
      }
    }
    for (const field of unknownFields(m, shape)) {
      problems.push(`${label}: ${field}: is not a field of ${m.kind}`);
    }
    for (const problem of extraProblems(m)) {
      problems.push(`${label}: ${problem}`);
    }
  }
  const seen = new Set<string>();
  for (const [i, m] of manifests.entries()) {
    const key = `${m?.kind}/${m?.metadata?.namespace ?? ''}/${
      m?.metadata?.name
    }`;
    if (seen.has(key)) problems.push(`${objectLabel(m, i)}: appears twice`);
    seen.add(key);
  }
  if (problems.length) {
    throw new InputError(
      `The manifests are not valid: ${[...new Set(problems)].join('; ')}`,
    );
  }
}
