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
import { protos, ServicesClient } from '@google-cloud/run';
import {
  Deployment,
  DeploymentSpec,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import {
  ProviderError,
  resourceNameOf,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-node';
import { GCP_REGION_PATTERN } from '../gcpRegion';
import { isServiceOf } from './cloudRunService';
import { ServiceLocation } from './observeService';
import { CloudRunAccount } from './readCloudRunConfig';

type IService = protos.google.cloud.run.v2.IService;

/** The fields of credentials JSON that are secret. */
const SECRET_FIELDS = [
  'private_key',
  'private_key_id',
  'client_secret',
  'refresh_token',
];

/** A deployment's service: where it lives and which client reaches it. */
export type Target = {
  account: CloudRunAccount;
  client: ServicesClient;
  location: ServiceLocation;
  parent: string;
  serviceId: string;
  name: string;
};

/**
 * The configured projects of the Cloud Run provider, and one API client
 * per project: which project a spec names, what the config allows there,
 * and where a deployment's service lives.
 */
export class CloudRunTargets {
  readonly #accounts: CloudRunAccount[];
  readonly #clients = new Map<string, ServicesClient>();
  readonly #createClient: (account: CloudRunAccount) => ServicesClient;

  constructor(
    accounts: CloudRunAccount[],
    createClient: (account: CloudRunAccount) => ServicesClient,
  ) {
    this.#accounts = accounts;
    this.#createClient = createClient;
  }

  /** Values that must never reach a message: credential fields. */
  secrets(): string[] {
    return this.#accounts.flatMap(a =>
      SECRET_FIELDS.map(field => a.credentials?.[field]).filter(
        (v): v is string => typeof v === 'string' && v.length >= 8,
      ),
    );
  }

  /** The account of that id; the first when none is given. */
  find(id?: string): CloudRunAccount | undefined {
    return id === undefined
      ? this.#accounts[0]
      : this.#accounts.find(a => a.id === id);
  }

  unknownAccount(id?: string): string {
    return `no Google Cloud project '${id}' is configured for Cloud Run (configured: ${this.#accounts
      .map(a => a.id)
      .join(', ')})`;
  }

  /** What the config refuses in the spec's account and region. */
  problems(spec: DeploymentSpec): string[] {
    const problems: string[] = [];
    const account = this.find(spec.account);
    if (!account) {
      problems.push(`account: ${this.unknownAccount(spec.account)}`);
    }
    if (!GCP_REGION_PATTERN.test(spec.region)) {
      problems.push(
        `region: '${spec.region}' is not a Google Cloud region such as us-central1`,
      );
    } else if (account?.regions && !account.regions.includes(spec.region)) {
      problems.push(
        `region: ${spec.region} is not allowed in Google Cloud project ${
          account.id
        } (allowed: ${account.regions.join(', ')})`,
      );
    }
    return problems;
  }

  /** Where the deployment's service lives; throws when the config has no place for it. */
  target(deployment: Deployment): Target {
    const { spec } = deployment;
    const account = this.find(spec.account);
    if (!account) {
      throw new ProviderError(this.unknownAccount(spec.account), {
        kind: 'permanent',
        code: 'UNKNOWN_ACCOUNT',
      });
    }
    if (!GCP_REGION_PATTERN.test(spec.region)) {
      throw new ProviderError(
        `'${spec.region}' is not a Google Cloud region such as us-central1`,
        { kind: 'permanent', code: 'INVALID_REGION' },
      );
    }
    const client = this.client(account);
    const parent = `projects/${account.projectId}/locations/${spec.region}`;
    return {
      account,
      client,
      location: {
        account: account.id,
        projectId: account.projectId,
        region: spec.region,
      },
      parent,
      serviceId: resourceNameOf(deployment),
      name: `${parent}/services/${resourceNameOf(deployment)}`,
    };
  }

  /** Every configured account, the default first. */
  accounts(): readonly CloudRunAccount[] {
    return this.#accounts;
  }

  /** The API client of an account, made once. */
  client(account: CloudRunAccount): ServicesClient {
    let client = this.#clients.get(account.id);
    if (!client) {
      client = this.#createClient(account);
      this.#clients.set(account.id, client);
    }
    return client;
  }

  /** Closes the API clients. */
  async close(): Promise<void> {
    const clients = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.all(clients.map(client => client.close()));
  }
}

/** Throws unless the service of the target's name is the deployment's. */
export function assertOwned(
  service: IService,
  deployment: Deployment,
  target: Target,
): void {
  if (!isServiceOf(service, deployment)) {
    throw new ProviderError(
      `A Cloud Run service named ${target.serviceId} already exists in project ${target.location.projectId}, region ${target.location.region}, and does not belong to this deployment; choose another name or delete that service`,
      { kind: 'permanent', code: 'ALREADY_EXISTS' },
    );
  }
}
