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
import { DeploymentSpec } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { CloudDeploymentProvider } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { ProviderRegistry } from '../jobs/ProviderRegistry';
import { resourceNameCandidates } from './resourceNameCandidates';

/** Whether deployments with engine `terraform` can run here, and if not, why. */
export type TerraformAvailability =
  | { available: true }
  | { available: false; reason: string };

/**
 * What a spec needs from the installed providers before it is stored: its
 * provider, its engine, and the provider's own rules.
 */
export class ProviderChecks {
  readonly #providers: ProviderRegistry;
  readonly #terraform: TerraformAvailability;

  constructor(options: {
    providers: ProviderRegistry;
    terraform?: TerraformAvailability;
  }) {
    this.#providers = options.providers;
    this.#terraform = options.terraform ?? {
      available: false,
      reason: 'the Terraform runner is not enabled',
    };
  }

  /** The provider that will provision a spec, or a 400 saying why none can. */
  providerFor(spec: DeploymentSpec, name: string) {
    const provider = this.#providers.get(spec.provider);
    if (!provider) {
      const installed = this.#providers.list().map(p => p.id);
      throw new InputError(
        `provider: ${spec.provider} is not installed in this portal${
          installed.length ? ` (installed: ${installed.join(', ')})` : ''
        }`,
      );
    }
    if (spec.engine === 'terraform') {
      if (!this.#terraform.available) {
        throw new InputError(
          `engine: terraform is not available in this portal: ${
            this.#terraform.reason
          }; use engine sdk`,
        );
      }
      if (!provider.render) {
        throw new InputError(
          `engine: ${provider.title} cannot render Terraform; use engine sdk`,
        );
      }
      if (provider.sandbox && !provider.sandboxTerraform) {
        throw new InputError(
          `engine: terraform needs real ${provider.title} accounts, and ${spec.provider} is in sandbox mode (no accounts are configured) with no Terraform sandbox; use engine sdk to deploy to the sandbox`,
        );
      }
    }
    const problems = provider.validate?.(spec, name) ?? [];
    if (problems.length) throw new InputError(problems.join('; '));
    return provider;
  }

  /**
   * The cloud names a new deployment's resources may carry, in order of
   * preference (see `resourceNameCandidates`), less those its provider
   * would refuse; `name` passed `providerFor`, so the list is never empty.
   */
  resourceNames(
    provider: CloudDeploymentProvider,
    spec: DeploymentSpec,
    name: string,
  ): string[] {
    return resourceNameCandidates(name, spec.environment).filter(
      candidate => (provider.validate?.(spec, candidate) ?? []).length === 0,
    );
  }
}
