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
  DeploymentCompute,
  DeploymentProvider,
  EmissionsEstimate,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { KubernetesNodeType, UsageAssumptions } from '../estimators/types';
import { PriceCatalog } from '../PriceCatalog';
import { CarbonCoefficients } from './CarbonCoefficients';
import { cloudRunEmissions } from './cloudRun';
import { containerInstancesEmissions } from './containerInstances';
import { kubernetesEmissions } from './kubernetes';
import { CarbonContext } from './lines';
import { loadCarbonCoefficients } from './loadCoefficients';
import { sagemakerEmissions } from './sagemaker';

/**
 * Estimates a deployment's monthly emissions from the embedded coefficients,
 * by Cloud Carbon Footprint's method, beside its price: one estimator per
 * target, each line exact, approximate (what stands in, and why) or missing.
 */
export class CarbonEstimator {
  readonly #coefficients: CarbonCoefficients;
  readonly #catalog?: PriceCatalog;

  constructor(
    options: { coefficients?: CarbonCoefficients; catalog?: PriceCatalog } = {},
  ) {
    this.#coefficients = options.coefficients ?? loadCarbonCoefficients();
    this.#catalog = options.catalog;
  }

  get coefficients(): CarbonCoefficients {
    return this.#coefficients;
  }

  estimate(
    target: {
      provider: DeploymentProvider;
      region: string;
      compute: DeploymentCompute;
    },
    usage: UsageAssumptions,
    kubernetesNode: KubernetesNodeType,
  ): EmissionsEstimate {
    const ctx: CarbonContext = {
      coefficients: this.#coefficients,
      utilization: usage.cpuUtilization,
      hoursPerMonth: usage.hoursPerMonth,
      used: new Set(),
      gridYears: new Set(),
    };
    switch (target.provider) {
      case 'aws-sagemaker': {
        const ec2Type = target.compute.instanceType?.replace(/^ml\./, '');
        const spec = ec2Type
          ? this.#catalog?.machineSpec('aws', ec2Type)
          : undefined;
        return sagemakerEmissions(target, ctx, spec);
      }
      case 'gcp-cloud-run':
        return cloudRunEmissions(target, ctx, usage);
      case 'azure-container-instances':
        return containerInstancesEmissions(target, ctx);
      case 'kubernetes':
        return kubernetesEmissions(
          target,
          ctx,
          kubernetesNode,
          this.#catalog?.machineSpec(
            kubernetesNode.provider,
            kubernetesNode.instanceType,
          )?.gpu,
        );
      default:
        throw new Error(`No emissions estimator for ${target.provider}`);
    }
  }
}
