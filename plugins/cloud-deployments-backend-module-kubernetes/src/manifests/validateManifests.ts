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
import { KNOWN_KINDS, unknownFields } from './knownFields';
import { readYamlStream } from './readYamlStream';
import {
  isDns1035Label,
  isDnsLabel,
  isDnsSubdomain,
  isLabelName,
  isLabelValue,
  isPortName,
} from './names';

/** The largest manifest stream accepted. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** The most objects one apply makes. */
export const MAX_MANIFESTS = 50;

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
 * Reads a stream of YAML documents into objects. Refuses what is not plain
 * data: more than a few aliases (billion laughs), aliases that make a cycle,
 * nesting deeper than 64 levels, tags other than the core schema's, and
 * anything but mappings at the top.
 */
export function parseManifests(text: string): Manifest[] {
  if (Buffer.byteLength(text) > MAX_MANIFEST_BYTES) {
    throw new InputError(
      `manifests: are larger than ${MAX_MANIFEST_BYTES / 1024} KiB`,
    );
  }
  const documents = readYamlStream(text, 'manifests');
  const objects: Manifest[] = [];
  documents.forEach((doc, i) => {
    if (doc.errors.length) {
      throw new InputError(
        `manifests: document ${i + 1} is not valid YAML: ${
          doc.errors[0].message
        }`,
      );
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 10 });
    } catch (e) {
      throw new InputError(
        `manifests: document ${i + 1} cannot be read: ${(e as Error).message}`,
      );
    }
    if (value === null || value === undefined) return; // an empty document
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new InputError(
        `manifests: document ${
          i + 1
        } is not a Kubernetes object (a mapping with apiVersion, kind and metadata)`,
      );
    }
    objects.push(value as Manifest);
  });
  if (objects.length > MAX_MANIFESTS) {
    throw new InputError(
      `manifests: ${objects.length} objects are more than the ${MAX_MANIFESTS} one apply makes`,
    );
  }
  return objects;
}

function portProblem(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  return typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 1 &&
    value <= 65535
    ? []
    : [`${field}: must be a port number between 1 and 65535`];
}

function namedPortProblem(value: unknown, field: string): string[] {
  if (typeof value === 'string') {
    return isPortName(value)
      ? []
      : [
          `${field}: must be a port number or a port name (at most 15 lowercase letters, digits and dashes)`,
        ];
  }
  return portProblem(value, field);
}

function labelProblems(
  labels: unknown,
  field: string,
  checkValues: boolean,
): string[] {
  if (!labels || typeof labels !== 'object') return [];
  return Object.entries(labels).flatMap(([key, value]) => {
    const problems: string[] = [];
    const slash = key.lastIndexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    if (
      (prefix !== undefined && !isDnsSubdomain(prefix)) ||
      !isLabelName(name)
    ) {
      problems.push(`${field}: '${key}' is not a valid key`);
    }
    if (typeof value !== 'string') {
      problems.push(`${field}.${key}: must be a string`);
    } else if (checkValues && !isLabelValue(value)) {
      problems.push(
        `${field}.${key}: must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      );
    }
    return problems;
  });
}

/** What the schema validation does not check: names, ports, labels. */
function extraProblems(m: Manifest): string[] {
  const problems: string[] = [];
  const name = m.metadata?.name;
  if (typeof name !== 'string' || !name) {
    problems.push('metadata.name: is required');
  } else if (m.kind === 'Service') {
    if (!isDns1035Label(name)) {
      problems.push(
        'metadata.name: must be a DNS-1035 label (at most 63 lowercase letters, digits and dashes, starting with a letter)',
      );
    }
  } else if (!isDnsSubdomain(name)) {
    problems.push(
      'metadata.name: must be a DNS-1123 subdomain (lowercase letters, digits, dashes and dots, at most 253)',
    );
  }
  const ns = m.metadata?.namespace;
  if (ns !== undefined && (typeof ns !== 'string' || !isDnsLabel(ns))) {
    problems.push('metadata.namespace: must be a DNS-1123 label');
  }
  problems.push(...labelProblems(m.metadata?.labels, 'metadata.labels', true));
  problems.push(
    ...labelProblems(m.metadata?.annotations, 'metadata.annotations', false),
  );
  const spec = (m.spec ?? {}) as any;
  if (m.kind === 'Deployment') {
    const pod = spec.template?.spec ?? {};
    problems.push(
      ...labelProblems(
        spec.template?.metadata?.labels,
        'spec.template.metadata.labels',
        true,
      ),
    );
    for (const [list, containers] of [
      ['containers', pod.containers],
      ['initContainers', pod.initContainers],
    ] as const) {
      (Array.isArray(containers) ? containers : []).forEach(
        (c: any, i: number) => {
          const at = `spec.template.spec.${list}[${i}]`;
          if (typeof c?.name === 'string' && !isDnsLabel(c.name)) {
            problems.push(`${at}.name: must be a DNS-1123 label`);
          }
          (Array.isArray(c?.ports) ? c.ports : []).forEach(
            (p: any, j: number) => {
              problems.push(
                ...portProblem(
                  p?.containerPort,
                  `${at}.ports[${j}].containerPort`,
                ),
              );
              problems.push(
                ...portProblem(p?.hostPort, `${at}.ports[${j}].hostPort`),
              );
              if (
                p?.name !== undefined &&
                (typeof p.name !== 'string' || !isPortName(p.name))
              ) {
                problems.push(
                  `${at}.ports[${j}].name: must be at most 15 lowercase letters, digits and dashes`,
                );
              }
            },
          );
        },
      );
    }
    const selector = spec.selector?.matchLabels;
    const podLabels = spec.template?.metadata?.labels ?? {};
    if (selector && typeof selector === 'object') {
      for (const [k, v] of Object.entries(selector)) {
        if (podLabels[k] !== v) {
          problems.push(
            `spec.selector.matchLabels.${k}: does not match the pod template's labels, so the Deployment would select no pod of its own`,
          );
        }
      }
    }
  }
  if (m.kind === 'Service') {
    (Array.isArray(spec.ports) ? spec.ports : []).forEach(
      (p: any, j: number) => {
        problems.push(...portProblem(p?.port, `spec.ports[${j}].port`));
        problems.push(
          ...namedPortProblem(p?.targetPort, `spec.ports[${j}].targetPort`),
        );
        if (p?.nodePort !== undefined) {
          problems.push(
            ...portProblem(p.nodePort, `spec.ports[${j}].nodePort`),
          );
        }
      },
    );
  }
  if (m.kind === 'HorizontalPodAutoscaler') {
    if (
      typeof spec.minReplicas === 'number' &&
      typeof spec.maxReplicas === 'number' &&
      spec.minReplicas > spec.maxReplicas
    ) {
      problems.push(
        'spec.minReplicas: must not be greater than spec.maxReplicas',
      );
    }
  }
  return problems;
}

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
      if (!errors) throw e;
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
