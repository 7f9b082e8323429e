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
import { findIacIssues, findManifestIssues } from './iacFindings';

const POD = 'kind: Pod\nmetadata: { name: p }\nspec: { hostNetwork: true }\n';

describe('findIacIssues', () => {
  it('reads Terraform JSON and YAML or JSON manifests, and no other file', () => {
    expect(
      findIacIssues({
        'main.tf.json': JSON.stringify({
          resource: { azurerm_container_group: { g: {} } },
        }),
        'manifests/pod.YML': POD,
        'manifests/pod.json': JSON.stringify({
          kind: 'Pod',
          metadata: { name: 'q' },
          spec: { hostNetwork: true },
        }),
        'main.tf': 'resource "azurerm_container_group" "h" {}',
        'README.md': POD,
      }).map(f => f.resource),
    ).toEqual(['Pod/p', 'Pod/q', 'azurerm_container_group.g']);
  });

  it('sorts by resource then check, and names each finding once', () => {
    const pod = `kind: Pod
metadata: { name: b }
spec:
  hostNetwork: true
  containers: [{ name: c, securityContext: { privileged: true, runAsNonRoot: true } }]
`;
    const expected = [
      {
        check: 'kubernetes-host-network',
        resource: 'Pod/b',
        detail: 'hostNetwork: true',
      },
      {
        check: 'kubernetes-no-limits',
        resource: 'Pod/b container c',
        detail: 'no resources.limits.cpu/memory',
      },
      {
        check: 'kubernetes-privileged',
        resource: 'Pod/b container c',
        detail: 'securityContext.privileged: true',
      },
    ];
    expect(findManifestIssues(`${pod}---\n${pod}`)).toEqual(expected);
    expect(findIacIssues({ 'a.yaml': pod, 'b.yaml': pod })).toEqual(expected);
  });

  it('takes whatever it is given without throwing', () => {
    expect(findIacIssues({})).toEqual([]);
    expect(findIacIssues(null as any)).toEqual([]);
    expect(
      findIacIssues({ 'a.yaml': 5 as any, 'b.tf.json': null as any }),
    ).toEqual([]);
    expect(findManifestIssues(undefined as any)).toEqual([]);
  });
});
