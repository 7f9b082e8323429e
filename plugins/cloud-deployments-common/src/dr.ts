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
import { CostEstimate } from './pricing';

/**
 * How a standby waits: `pilot-light` runs nothing (the spec is ready, so a
 * failover provisions it); `warm-standby` runs the spec at its minimum
 * capacity (one instance or replica), so a failover only scales it.
 *
 * @public
 */
export const DR_MODES = ['pilot-light', 'warm-standby'] as const;

/** @public */
export type DrMode = (typeof DR_MODES)[number];

/**
 * What a standby is doing:
 * - `syncing`: being brought to the primary's current revision (warm) or
 *   taken down to nothing (pilot light);
 * - `ready`: waiting in its mode, following the primary;
 * - `promoting`: being brought to full capacity by a failover;
 * - `serving`: it serves the deployment's endpoint (after a failover);
 * - `returning`: the primary is being brought back by a failback;
 * - `drilling`: brought up by a drill, without touching the primary;
 * - `failed`: the last DR step failed (see the plan's reason).
 *
 * @public
 */
export type DrStandbyState =
  | 'syncing'
  | 'ready'
  | 'promoting'
  | 'serving'
  | 'returning'
  | 'drilling'
  | 'failed';

/** @public */
export type DrRunKind = 'failover' | 'failback' | 'drill';

/**
 * How a DR run went: `met` or `missed` its recovery-time objective, `failed`
 * before what it brought up was ready, `cancelled` (superseded by a change
 * of the deployment), or still `running`.
 *
 * @public
 */
export type DrRunOutcome =
  | 'running'
  | 'met'
  | 'missed'
  | 'failed'
  | 'cancelled';

/**
 * One failover, failback or drill, with its measured recovery time: from the
 * request to the moment what it brought up answered as ready.
 *
 * @public
 */
export type DrRun = {
  id: number;
  kind: DrRunKind;
  outcome: DrRunOutcome;
  standbyRegion: string;
  /** The objective when it ran. */
  rtoSeconds: number;
  startedAt: string;
  recoveredAt?: string;
  /** Measured recovery time; absent until recovered. */
  recoverySeconds?: number;
  finishedAt?: string;
  reason?: string;
  requestedBy: string;
};

/**
 * A deployment's disaster-recovery plan, as the API shows it.
 *
 * @public
 */
export type DrPlan = {
  deploymentId: string;
  standbyRegion: string;
  /** The standby's account; absent: the primary's. */
  standbyAccount?: string;
  mode: DrMode;
  /** The recovery-time objective. */
  rtoSeconds: number;
  /** Which side serves the deployment's endpoint. */
  activeSide: 'primary' | 'standby';
  standbyState: DrStandbyState;
  standbyEndpoint?: string;
  /** The primary's endpoint, kept while the standby serves. */
  primaryEndpoint?: string;
  /** The primary's revision the standby was last made from. */
  standbyRevision?: number;
  /** Why the standby is in its state (e.g. a failure's reason). */
  statusReason?: string;
  /**
   * What the standby costs a month in its mode, priced like any deployment
   * (exact, approximate from another region, or missing lines); a pilot
   * light's is an exact $0 with nothing running.
   */
  standbyEstimate?: CostEstimate;
  /**
   * What the standby costs a month once it serves (a failover runs the
   * whole spec in the standby's region), as sure as its prices.
   */
  failoverEstimate?: CostEstimate;
  /** The most recent drill. */
  lastDrill?: DrRun;
  /** The most recent drills, failovers and failbacks, newest first (up to 10). */
  runs: DrRun[];
  version: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
};
