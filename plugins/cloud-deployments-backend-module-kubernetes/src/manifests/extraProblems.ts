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
import { Manifest } from './deploymentManifests';
import {
  isDns1035Label,
  isDnsLabel,
  isDnsSubdomain,
  isLabelName,
  isLabelValue,
  isPortName,
} from './names';

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

/**
 * What the schema validation does not check: names, ports, labels, a
 * selector that matches its pods, an HPA's replica range.
 */
export function extraProblems(m: Manifest): string[] {
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
