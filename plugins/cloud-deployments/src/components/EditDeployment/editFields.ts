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
import {
  Deployment,
  DeploymentSpec,
  UpdateDeploymentRequest,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

type ComputeKey = keyof DeploymentSpec['compute'];

/**
 * A field of the change screen: where it lives in the spec, how it is
 * labelled, and whether it takes a number.
 *
 * @internal
 */
export type EditField = {
  key: 'image' | 'ttl' | 'env' | ComputeKey;
  label: string;
  type: 'text' | 'number' | 'lines';
  helperText?: string;
};

const COMPUTE_FIELDS: Array<EditField & { key: ComputeKey }> = [
  { key: 'instanceType', label: 'Instance type', type: 'text' },
  { key: 'instanceCount', label: 'Instances', type: 'number' },
  { key: 'cpu', label: 'CPU (vCPU)', type: 'number' },
  { key: 'memoryMiB', label: 'Memory (MiB)', type: 'number' },
  { key: 'minInstances', label: 'Minimum instances', type: 'number' },
  { key: 'maxInstances', label: 'Maximum instances', type: 'number' },
  { key: 'gpu', label: 'GPUs', type: 'number' },
];

/**
 * The fields the change screen offers for a deployment: its image, the
 * compute settings its target uses (those its spec has), and its TTL.
 *
 * @internal
 */
export function editFieldsOf(spec: DeploymentSpec): EditField[] {
  return [
    ...(spec.artifact.image !== undefined
      ? [{ key: 'image' as const, label: 'Image', type: 'text' as const }]
      : []),
    ...COMPUTE_FIELDS.filter(f => spec.compute[f.key] !== undefined),
    {
      key: 'env',
      label: 'Environment variables',
      type: 'lines',
      helperText:
        'One NAME=value a line. Everyone who can read the deployment sees them: not for secrets',
    },
    {
      key: 'ttl',
      label: 'Time to live',
      type: 'text',
      helperText: 'An ISO 8601 duration such as P7D; empty keeps it running',
    },
  ];
}

/** Environment variables as the form shows them: NAME=value lines. */
export function envLines(env: Record<string, string> | undefined): string {
  return Object.entries(env ?? {})
    .map(([name, value]) => `${name}=${value}`)
    .join('\n');
}

/**
 * NAME=value lines as environment variables; a line without `=` becomes a
 * name for the server to refuse, not something silently dropped.
 */
export function parseEnvLines(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const at = line.indexOf('=');
    if (at < 0) env[line.trim()] = '';
    else env[line.slice(0, at).trim()] = line.slice(at + 1);
  }
  return env;
}

/** The form's values, as text, keyed by field. */
export type EditValues = Partial<Record<EditField['key'], string>>;

/** The values the form starts with: the deployment's own. */
export function initialValues(spec: DeploymentSpec): EditValues {
  const values: EditValues = {};
  for (const field of editFieldsOf(spec)) {
    let value: unknown;
    if (field.key === 'image') value = spec.artifact.image;
    else if (field.key === 'ttl') value = spec.ttl;
    else if (field.key === 'env') value = envLines(spec.env);
    else value = spec.compute[field.key];
    values[field.key] = value === undefined ? '' : String(value);
  }
  return values;
}

// A number field's text as the API takes it: not a number stays text, so
// that the server answers it with a 400 naming the field.
const numberOf = (text: string): number | string =>
  text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;

/**
 * The `PATCH` body of the form's values: only the parts that changed, at the
 * version the deployment was read at.
 *
 * @internal
 */
export function changeRequest(
  deployment: Deployment,
  values: EditValues,
): UpdateDeploymentRequest {
  const { spec } = deployment;
  const request: Record<string, unknown> = { version: deployment.version };
  const image = values.image?.trim();
  if (image !== undefined && image !== (spec.artifact.image ?? '')) {
    request.artifact = { ...spec.artifact, image };
  }
  const compute: Record<string, unknown> = { ...spec.compute };
  let computeChanged = false;
  for (const field of COMPUTE_FIELDS) {
    const text = values[field.key];
    if (text === undefined) continue;
    const value = field.type === 'number' ? numberOf(text) : text.trim();
    if (value !== spec.compute[field.key]) {
      compute[field.key] = value;
      computeChanged = true;
    }
  }
  if (computeChanged) request.compute = compute;
  if (values.env !== undefined) {
    const env = parseEnvLines(values.env);
    const before = spec.env ?? {};
    const same =
      Object.keys(env).length === Object.keys(before).length &&
      Object.entries(env).every(([name, value]) => before[name] === value);
    if (!same) request.env = Object.keys(env).length ? env : null;
  }
  const ttl = values.ttl?.trim();
  if (ttl !== undefined && ttl !== (spec.ttl ?? '')) {
    request.ttl = ttl === '' ? null : ttl;
  }
  // What the server checks; the form only gathers.
  return request as UpdateDeploymentRequest;
}
