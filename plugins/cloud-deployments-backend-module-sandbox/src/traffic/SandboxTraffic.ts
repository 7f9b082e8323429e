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
import { createHash } from 'node:crypto';

const DAY_MS = 86_400_000;

/**
 * What a sandbox resource serves, set explicitly instead of the synthetic
 * traffic: the same amount on every day it exists (0 makes it idle), or the
 * amount of each day, by `YYYY-MM-DD` (days left out have no data).
 *
 * @public
 */
export type SandboxTrafficSetting = number | Readonly<Record<string, number>>;

/**
 * The unit a sandbox's metrics API serves traffic in: requests (CloudWatch
 * `Invocations`, Cloud Monitoring `request_count`) or bytes received (Azure
 * Monitor `NetworkBytesReceivedPerSecond`, never 0 because of health
 * probes).
 *
 * @public
 */
export type SandboxTrafficUnit = 'requests' | 'bytes';

/** One UTC day of a resource's traffic, and how much of the day it existed. */
export type SandboxTrafficDay = {
  day: string;
  /** Epoch milliseconds the day starts. */
  start: number;
  amount: number;
  /** The part of the day the resource existed, `[liveFrom, liveTo)`. */
  liveFrom: number;
  liveTo: number;
};

/** A number in [0, 1) from a hash of the parts. */
function unit(...parts: string[]): number {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/**
 * Whether the sandboxes make the resource of this name idle: about one in
 * four, chosen by a hash of the name, so that a demo always shows some idle
 * deployments, and the same ones.
 *
 * @public
 */
export function isIdleInSandbox(name: string): boolean {
  return unit('idle', name) < 0.25;
}

/**
 * The synthetic traffic of a resource over a whole UTC day (`YYYY-MM-DD`),
 * from hashes of its name and the day: steady per resource, varying from
 * day to day, lower at weekends. Requests: 0 when idle, else between about
 * 40 and 41,000 a day. Bytes: health probes (2.5 to 4.5 MiB a day), plus,
 * unless idle, 19 MB to 4.1 GB of traffic.
 *
 * @public
 */
export function syntheticDailyTraffic(
  name: string,
  day: string,
  trafficUnit: SandboxTrafficUnit,
): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const dayFactor =
    (0.7 + 0.6 * unit('day', name, day)) *
    (weekday === 0 || weekday === 6 ? 0.55 : 1);
  const idle = isIdleInSandbox(name);
  if (trafficUnit === 'requests') {
    if (idle) return 0;
    // Log-uniform: a few quiet services, a few busy ones.
    const perDay = 10 ** (2 + 2.5 * unit('level', name));
    return Math.round(perDay * dayFactor);
  }
  const probes = (2.5 + 2 * unit('probes', name, day)) * 2 ** 20;
  if (idle) return Math.round(probes);
  const perDay = 10 ** (7.7 + 1.8 * unit('level', name));
  return Math.round(probes + perDay * dayFactor);
}

/**
 * The traffic of a sandbox's resources, by name: synthetic (see
 * {@link syntheticDailyTraffic}) unless set explicitly, and only for the days
 * a resource existed, prorated for the day it was created and the day in
 * progress.
 */
export class SandboxTraffic {
  readonly #unit: SandboxTrafficUnit;
  readonly #settings = new Map<string, SandboxTrafficSetting>();

  constructor(
    trafficUnit: SandboxTrafficUnit,
    settings: Readonly<Record<string, SandboxTrafficSetting>> = {},
  ) {
    this.#unit = trafficUnit;
    for (const [name, setting] of Object.entries(settings)) {
      this.set(name, setting);
    }
  }

  /** Sets a resource's traffic; undefined goes back to the synthetic one. */
  set(name: string, setting: SandboxTrafficSetting | undefined): void {
    if (setting === undefined) {
      this.#settings.delete(name);
      return;
    }
    checkTrafficSetting(name, setting);
    this.#settings.set(name, setting);
  }

  /**
   * The traffic of the resource `name`, which exists over `[createdAt,
   * until)`, on each UTC day that starts in `[from, to)` (epoch
   * milliseconds) and overlaps its existence. A day it existed only in part
   * gets that part of its synthetic amount; an amount set explicitly is
   * served as it is. Days set explicitly but left out have no entry.
   */
  days(
    name: string,
    createdAt: number,
    until: number,
    from: number,
    to: number,
  ): SandboxTrafficDay[] {
    const setting = this.#settings.get(name);
    const result: SandboxTrafficDay[] = [];
    for (
      let start = Math.floor(from / DAY_MS) * DAY_MS;
      start < to;
      start += DAY_MS
    ) {
      if (start < from) continue;
      const liveFrom = Math.max(start, createdAt);
      const liveTo = Math.min(start + DAY_MS, until);
      if (liveTo <= liveFrom) continue;
      const day = new Date(start).toISOString().slice(0, 10);
      let amount: number | undefined;
      if (typeof setting === 'number') {
        amount = setting;
      } else if (setting) {
        amount = setting[day];
      } else {
        const full = syntheticDailyTraffic(name, day, this.#unit);
        amount = Math.round((full * (liveTo - liveFrom)) / DAY_MS);
      }
      if (amount !== undefined) {
        result.push({ day, start, amount, liveFrom, liveTo });
      }
    }
    return result;
  }
}

/** Throws, naming the resource, unless `setting` is amounts of 0 or more. */
export function checkTrafficSetting(name: string, setting: unknown): void {
  const amounts =
    typeof setting === 'object' && setting !== null
      ? Object.values(setting)
      : [setting];
  if (amounts.some(a => typeof a !== 'number' || !(a >= 0))) {
    throw new Error(
      `The traffic of ${name} must be amounts of 0 or more, got ${JSON.stringify(
        setting,
      )}`,
    );
  }
  if (typeof setting === 'object' && setting !== null) {
    for (const day of Object.keys(setting)) {
      if (!isDay(day)) {
        throw new Error(
          `The traffic of ${name} names '${day}', not a day (YYYY-MM-DD)`,
        );
      }
    }
  }
}

function isDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(day) &&
    !Number.isNaN(date.getTime()) &&
    date.toISOString().startsWith(day)
  );
}
