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
import { blocks, field, isTrue } from './values';

/**
 * The field names of a pod spec: Kubernetes' own (camelCase), or the
 * Terraform kubernetes provider's (snake_case, blocks instead of objects).
 */
export type PodSpecKeys = {
  containers: string;
  initContainers: string;
  securityContext: string;
  hostNetwork: string;
  privileged: string;
  runAsNonRoot: string;
  runAsUser: string;
  /** Between a field and the value seen, in a finding's detail. */
  is: string;
};

export const MANIFEST_KEYS: PodSpecKeys = {
  containers: 'containers',
  initContainers: 'initContainers',
  securityContext: 'securityContext',
  hostNetwork: 'hostNetwork',
  privileged: 'privileged',
  runAsNonRoot: 'runAsNonRoot',
  runAsUser: 'runAsUser',
  is: ': ',
};

export const TERRAFORM_KEYS: PodSpecKeys = {
  containers: 'container',
  initContainers: 'init_container',
  securityContext: 'security_context',
  hostNetwork: 'host_network',
  privileged: 'privileged',
  runAsNonRoot: 'run_as_non_root',
  runAsUser: 'run_as_user',
  is: ' = ',
};

/**
 * The findings of one pod spec (`spec` of a Pod, `spec.template.spec` of a
 * Deployment, …), each container's named `<owner> container <name>`.
 */
export function podSpecFindings(
  owner: string,
  pod: unknown,
  keys: PodSpecKeys,
): IacFinding[] {
  const findings: IacFinding[] = [];
  if (isTrue(field(pod, keys.hostNetwork))) {
    findings.push({
      check: 'kubernetes-host-network',
      resource: owner,
      detail: `${keys.hostNetwork}${keys.is}true`,
    });
  }
  const podContext = blocks(field(pod, keys.securityContext))[0];
  const containers = [
    ...blocks(field(pod, keys.containers)).map(c => ({ c, kind: 'container' })),
    ...blocks(field(pod, keys.initContainers)).map(c => ({
      c,
      kind: 'init container',
    })),
  ];
  containers.forEach(({ c, kind }, i) => {
    const name = field(c, 'name');
    const resource = `${owner} ${kind} ${
      typeof name === 'string' && name ? name : `#${i + 1}`
    }`;
    findings.push(...containerFindings(resource, c, podContext, keys));
  });
  return findings;
}

function containerFindings(
  resource: string,
  container: unknown,
  podContext: unknown,
  keys: PodSpecKeys,
): IacFinding[] {
  const context = blocks(field(container, keys.securityContext))[0];
  const at = (key: string) => `${keys.securityContext}.${key}`;
  const findings: IacFinding[] = [];
  if (isTrue(field(context, keys.privileged))) {
    findings.push({
      check: 'kubernetes-privileged',
      resource,
      detail: `${at(keys.privileged)}${keys.is}true`,
    });
  }
  const root = rootDetail(context, podContext, keys);
  if (root) findings.push({ check: 'kubernetes-root', resource, detail: root });
  const missing = missingLimits(container);
  if (missing.length) {
    findings.push({
      check: 'kubernetes-no-limits',
      resource,
      detail: `no resources.limits.${missing.join('/')}`,
    });
  }
  return findings;
}

/**
 * Why the container may run as root, or undefined when it cannot. The
 * container's runAsUser and runAsNonRoot override the pod's; a user other
 * than 0 is not root, and runAsNonRoot makes the kubelet refuse root.
 */
function rootDetail(
  context: unknown,
  podContext: unknown,
  keys: PodSpecKeys,
): string | undefined {
  const setting = (key: string) => {
    const own = field(context, key);
    if (own !== undefined && own !== null) {
      return { value: own, where: `${keys.securityContext}.${key}` };
    }
    const pod = field(podContext, key);
    return pod !== undefined && pod !== null
      ? { value: pod, where: `pod ${keys.securityContext}.${key}` }
      : undefined;
  };
  const user = setting(keys.runAsUser);
  const uid = user ? userId(user.value) : undefined;
  if (user && uid === 0) return `${user.where}${keys.is}0`;
  if (uid !== undefined) return undefined;
  const nonRoot = setting(keys.runAsNonRoot);
  if (nonRoot && isTrue(nonRoot.value)) return undefined;
  const why = nonRoot
    ? `${nonRoot.where}${keys.is}${String(nonRoot.value)}`
    : `${keys.runAsNonRoot} not set`;
  return `${why} and ${keys.runAsUser} unset (runs as the image's user, root by default)`;
}

/** A user id written as a number or, in Terraform, as text. */
function userId(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,10}$/.test(value.trim())) {
    return Number(value.trim());
  }
  return undefined;
}

function missingLimits(container: unknown): string[] {
  const limits = blocks(
    field(blocks(field(container, 'resources'))[0], 'limits'),
  )[0];
  return ['cpu', 'memory'].filter(key => {
    const value = field(limits, key);
    return !(
      (typeof value === 'string' && value.trim() !== '') ||
      typeof value === 'number'
    );
  });
}
