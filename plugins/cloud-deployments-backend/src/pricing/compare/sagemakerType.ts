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
import { PRICE_KEYS } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { PriceCatalog } from '../PriceCatalog';

/** What a workload needs of an instance. */
export type WorkloadSize = { vcpu: number; memoryGiB: number; gpu: number };

/** The instance type chosen for a workload, or why none was. */
export type SageMakerChoice =
  | { instanceType: string; size: WorkloadSize; reason: string }
  | { instanceType?: undefined; reason: string };

const describe = (s: WorkloadSize) =>
  `${s.vcpu} vCPU, ${s.memoryGiB} GiB${s.gpu ? `, ${s.gpu} GPU` : ''}`;

/**
 * The smallest `ml.*` type in the price data that holds the workload: fewest
 * vCPU, then least memory, then fewest GPUs, then the lower hourly price.
 * Only types whose size the snapshot knows can be chosen; a type without one
 * is never guessed to fit.
 */
export function chooseSageMakerType(
  catalog: PriceCatalog,
  region: string,
  need: WorkloadSize,
): SageMakerChoice {
  const priced = [...catalog.skus('aws', PRICE_KEYS.aws.sagemaker)].filter(t =>
    t.startsWith('ml.'),
  );
  const sized = priced.flatMap(type => {
    const spec = catalog.machineSpec('aws', type);
    return spec
      ? [
          {
            type,
            size: {
              vcpu: spec.vcpu,
              memoryGiB: spec.memoryGiB,
              gpu: spec.gpu ?? 0,
            },
          },
        ]
      : [];
  });
  const unsized = priced.length - sized.length;
  const unsizedNote = unsized
    ? `; ${unsized} priced type(s) without a known size not considered`
    : '';
  if (sized.length === 0) {
    return {
      reason: `the price data has no sizes of SageMaker instance types${unsizedNote}`,
    };
  }
  const hourly = (type: string) =>
    catalog.lookup('aws', PRICE_KEYS.aws.sagemaker, region, type).point?.usd ??
    Infinity;
  const fitting = sized
    .filter(
      ({ size }) =>
        size.vcpu >= need.vcpu &&
        size.memoryGiB >= need.memoryGiB &&
        size.gpu >= need.gpu,
    )
    .sort(
      (a, b) =>
        a.size.vcpu - b.size.vcpu ||
        a.size.memoryGiB - b.size.memoryGiB ||
        a.size.gpu - b.size.gpu ||
        hourly(a.type) - hourly(b.type) ||
        a.type.localeCompare(b.type),
    );
  if (fitting.length === 0) {
    return {
      reason: `no SageMaker instance type in the price data holds ${describe(
        need,
      )} (${sized.length} sized type(s))${unsizedNote}`,
    };
  }
  const [best] = fitting;
  return {
    instanceType: best.type,
    size: best.size,
    reason: `smallest of ${
      fitting.length
    } priced ml.* type(s) that hold ${describe(need)}${unsizedNote}`,
  };
}

/** Text of a size, e.g. `2 vCPU, 8 GiB`. */
export const describeSize = describe;
