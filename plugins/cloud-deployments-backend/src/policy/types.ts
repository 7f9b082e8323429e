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
import { IacCheck } from './iacFinding';

/**
 * What the policies are asked about: a change to one deployment.
 *
 * @public
 */
export type PolicyRequest = {
  operation:
    | 'create'
    | 'update'
    | 'redeploy'
    | 'rollback'
    | 'start'
    | 'terraform-apply'
    | 'kubernetes-apply';
  /** The requester: its user entity ref and its ownership refs. */
  principal: { ref: string; groups: string[] };
  deployment: {
    name: string;
    owner: string;
    system?: string;
    environment?: string;
    provider: string;
    region: string;
    engine: string;
    instanceType?: string;
    /** GPUs of one replica, counting those of its instance type. */
    gpuCount: number;
    replicas: number;
  };
  /** Monthly USD: the priced lower bound, whether every line was priced, and the change from what runs now (0 for a create). */
  cost: { monthly: number; complete: boolean; increase: number };
  findings: Array<{ check: IacCheck; resource: string; detail: string }>;
  /** The budget the deployment draws on, when one applies. */
  budget?: {
    scope: string;
    amount: number;
    useBefore: number;
    useAfter: number;
    exceeded: boolean;
  };
};

// The decision's wire types live in -common: the frontend shows them.
export type {
  PolicyDecision,
  PolicyReason,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
