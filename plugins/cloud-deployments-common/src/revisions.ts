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
import { EstimateTotalKind } from './pricing';
import { DeploymentSpec } from './types';

/**
 * What applying a revision came to: `pending` until the task that applies it
 * settles, then `active` or `failed`; `superseded` when a newer spec replaced
 * it before it settled (it never ran to the end).
 *
 * @public
 */
export const REVISION_OUTCOMES = [
  'pending',
  'active',
  'failed',
  'superseded',
] as const;

/**
 * See {@link REVISION_OUTCOMES}.
 *
 * @public
 */
export type RevisionOutcome = (typeof REVISION_OUTCOMES)[number];

/**
 * The change that made a revision: a create, an update of the spec, a
 * rollback to an earlier revision, or `recorded` for the spec a deployment
 * had when revisions were introduced.
 *
 * @public
 */
export type RevisionChange = 'create' | 'update' | 'rollback' | 'recorded';

/**
 * One spec a deployment was given to apply, numbered from 1 per deployment.
 *
 * @public
 */
export type DeploymentRevision = {
  deploymentId: string;
  number: number;
  spec: DeploymentSpec;
  /**
   * The monthly estimate of the spec when it was made: the priced subtotal,
   * absent when nothing of it has a price (never 0 for unknown).
   */
  monthlyCost?: number;
  currency: 'USD';
  /** How sure `monthlyCost` is; `unknown` when the spec had no estimate. */
  costKind: EstimateTotalKind;
  change: RevisionChange;
  /** For a rollback: the revision whose spec it restores. */
  rollbackTo?: number;
  /** When the change waited for approval: who approved it. */
  approvedBy?: string;
  /** Why, in the words of who made the change (a rollback's reason). */
  reason?: string;
  createdBy: string;
  createdAt: string;
  outcome: RevisionOutcome;
  /** When the outcome was last set. */
  settledAt?: string;
};

/**
 * A deployment's revisions, newest first, and which one is current (the
 * deployment's spec).
 *
 * @public
 */
export type RevisionPage = {
  items: DeploymentRevision[];
  /** The number of the current revision; absent before the first one. */
  current?: number;
  /** Pass as `before` for the next (older) page. */
  nextBefore?: number;
};
