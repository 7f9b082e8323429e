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
import { PriceSnapshot } from '../pricing/snapshot/PriceSnapshot';

/** A small snapshot with known values, for tests that must not move with the real one. */
export const testSnapshot: PriceSnapshot = {
  version: 1,
  builtAt: '2026-11-01T00:00:00.000Z',
  datasets: [
    {
      id: 'sagemaker',
      provider: 'aws',
      service: 'AmazonSageMaker',
      unit: 'hour',
      effectiveDate: '2025-01-26',
      origin: 'test sagemaker',
      prices: { 'us-east-1': { 'ml.m5.large': 0.115, 'ml.g5.xlarge': 1.408 } },
    },
    {
      id: 'ec2',
      provider: 'aws',
      service: 'AmazonEC2',
      unit: 'hour',
      effectiveDate: '2026-07-20',
      origin: 'test ec2',
      prices: { 'us-east-1': { 'm5.large': 0.096, 'm5.xlarge': 0.192 } },
    },
    {
      id: 'gce',
      provider: 'gcp',
      service: 'ComputeEngine',
      unit: 'hour',
      effectiveDate: '2026-07-30',
      origin: 'test gce',
      prices: {
        'us-central1': { 'e2-standard-2': 0.06701142 },
        'europe-west1': { 'e2-standard-2': 0.07372 },
      },
    },
    ...(
      [
        ['request-cpu', 'vcpu-second', 0.000024],
        ['request-memory', 'gib-second', 0.0000025],
        ['request-idle-cpu', 'vcpu-second', 0.0000025],
        ['request-idle-memory', 'gib-second', 0.0000025],
        ['requests', 'request', 0.0000004],
        ['instance-cpu', 'vcpu-second', 0.000018],
        ['instance-memory', 'gib-second', 0.000002],
      ] as const
    ).map(([sku, unit, usd]) => ({
      id: `run-${sku}`,
      provider: 'gcp' as const,
      service: 'CloudRun',
      unit,
      effectiveDate: '2026-07-06',
      origin: 'test cloud run',
      prices: { 'europe-west1': { [sku]: usd }, 'us-central1': { [sku]: usd } },
    })),
    {
      id: 'aci-vcpu',
      provider: 'azure',
      service: 'ContainerInstances',
      unit: 'vcpu-hour',
      effectiveDate: '2026-01-01',
      origin: 'test aci',
      prices: { eastus: { vcpu: 0.0405 } },
    },
    {
      id: 'aci-memory',
      provider: 'azure',
      service: 'ContainerInstances',
      unit: 'gib-hour',
      effectiveDate: '2026-01-01',
      origin: 'test aci',
      prices: { eastus: { memory: 0.00445 } },
    },
    {
      id: 'aci-windows',
      provider: 'azure',
      service: 'ContainerInstances',
      unit: 'vcpu-second',
      effectiveDate: '2026-01-01',
      origin: 'test aci',
      prices: { eastus: { 'windows-software': 0.000012 } },
    },
    {
      id: 'vm',
      provider: 'azure',
      service: 'VirtualMachines',
      unit: 'hour',
      effectiveDate: '2026-01-01',
      origin: 'test vm',
      prices: { westeurope: { Standard_D2s_v5: 0.115 } },
    },
  ],
  machineSpecs: {
    aws: {
      'm5.large': { vcpu: 2, memoryGiB: 8 },
      'm5.xlarge': { vcpu: 4, memoryGiB: 16 },
    },
    gcp: { 'e2-standard-2': { vcpu: 2, memoryGiB: 8 } },
    azure: {},
  },
  allowances: [
    ...(
      [
        ['request-based', 'vcpu-second', 180000],
        ['request-based', 'gib-second', 360000],
        ['request-based', 'request', 2000000],
        ['instance-based', 'vcpu-second', 240000],
        ['instance-based', 'gib-second', 450000],
      ] as const
    ).map(([scope, unit, monthlyQuantity]) => ({
      provider: 'gcp' as const,
      service: 'CloudRun',
      scope,
      unit,
      monthlyQuantity,
      effectiveDate: '2026-07-06',
      origin: 'test free tier',
    })),
  ],
  fallbackRegions: {
    aws: { AmazonSageMaker: 'us-east-1', AmazonEC2: 'us-east-1' },
    gcp: { CloudRun: 'us-central1', ComputeEngine: 'us-central1' },
    azure: { ContainerInstances: 'eastus', VirtualMachines: 'eastus' },
  },
};
