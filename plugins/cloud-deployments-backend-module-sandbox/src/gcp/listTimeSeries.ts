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
import { readPageToken, writePageToken } from '../pageToken';
import { SandboxTraffic } from '../traffic/SandboxTraffic';
import { googleApiError, GoogleApiError } from './googleErrors';
import { ServiceStore } from './ServiceStore';

/** The path of Cloud Monitoring's `projects.timeSeries.list`. */
export const TIME_SERIES_PATH = /^\/v3\/projects\/([^/]+)\/timeSeries$/;

const REQUEST_COUNT = 'run.googleapis.com/request_count';
const DAY_MS = 86_400_000;
/** Cloud Monitoring's largest (and default) page, in points. */
const MAX_PAGE_POINTS = 100_000;
/** The labels of `cloud_run_revision` an answer can be grouped by. */
const GROUPABLE = ['project_id', 'service_name', 'location'] as const;
// The enums as names, or as numbers with `$alt=json;enum-encoding=int`.
const ALIGN_SUM = ['ALIGN_SUM', '14'];
const REDUCE_SUM = ['REDUCE_SUM', '4'];
const FULL_VIEW = ['FULL', '0'];

/** What the handler needs of the sandbox. */
export type TimeSeriesContext = {
  store: ServiceStore;
  traffic: SandboxTraffic;
  now: number;
};

type Clause = { key: string; values: string[] };

function invalid(message: string): GoogleApiError {
  return googleApiError('INVALID_ARGUMENT', message, {
    fieldViolation: 'filter',
  });
}

/**
 * Answers `GET /v3/projects/{project}/timeSeries` as Cloud Monitoring does
 * for `run.googleapis.com/request_count` of `cloud_run_revision`, aligned to
 * daily sums (`ALIGN_SUM`, 86400s) and summed across series (`REDUCE_SUM`)
 * by service (and location, project): one series per service with a point
 * per UTC day it had requests, newest first, from the sandbox's traffic.
 * Days without requests have no point, as in Cloud Monitoring. The filter
 * may name the metric, the resource type and the `project_id`,
 * `service_name` and `location` labels (`=` a string or `one_of(...)`),
 * joined by `AND`. Pages by `pageSize` points with `pageToken`.
 */
export function listTimeSeries(
  ctx: TimeSeriesContext,
  project: string,
  url: URL,
): GoogleApiError | { ok: unknown } {
  const params = url.searchParams;
  const clauses = parseFilter(params.get('filter') ?? '');
  if ('httpStatus' in clauses) return clauses;
  const byKey = new Map(clauses.map(c => [c.key, c.values]));
  if (byKey.get('metric.type')?.join() !== REQUEST_COUNT) {
    return invalid(
      `The sandbox serves metric.type = "${REQUEST_COUNT}" only; name it in the filter`,
    );
  }
  const resourceType = byKey.get('resource.type');
  if (resourceType && !resourceType.includes('cloud_run_revision')) {
    return { ok: { timeSeries: [], nextPageToken: '', unit: '1' } };
  }

  const start = Date.parse(params.get('interval.startTime') ?? '');
  const end = Date.parse(params.get('interval.endTime') ?? '');
  if (!Number.isFinite(start) || !Number.isFinite(end) || start >= end) {
    return googleApiError(
      'INVALID_ARGUMENT',
      'interval.startTime and interval.endTime must be RFC 3339 times, the start before the end',
      { fieldViolation: 'interval' },
    );
  }
  const groupBy = params.getAll('aggregation.groupByFields');
  const grouped = GROUPABLE.filter(label =>
    groupBy.includes(`resource.labels.${label}`),
  );
  if (
    params.get('aggregation.alignmentPeriod') !== '86400s' ||
    !ALIGN_SUM.includes(params.get('aggregation.perSeriesAligner') ?? '') ||
    !REDUCE_SUM.includes(params.get('aggregation.crossSeriesReducer') ?? '') ||
    !grouped.includes('service_name') ||
    grouped.length !== groupBy.length ||
    start % DAY_MS !== 0 ||
    end % DAY_MS !== 0 ||
    !FULL_VIEW.includes(params.get('view') ?? 'FULL')
  ) {
    return googleApiError(
      'INVALID_ARGUMENT',
      'The sandbox serves daily sums only: an interval from and to UTC midnights, ' +
        'aggregation.alignmentPeriod 86400s, perSeriesAligner ALIGN_SUM, crossSeriesReducer REDUCE_SUM, ' +
        `groupByFields resource.labels.service_name (and ${GROUPABLE.filter(
          l => l !== 'service_name',
        )
          .map(l => `resource.labels.${l}`)
          .join(', ')}), view FULL`,
      { fieldViolation: 'aggregation' },
    );
  }

  const matches = (label: string, value: string) => {
    const wanted = byKey.get(`resource.labels.${label}`);
    return !wanted || wanted.includes(value);
  };
  const series: Array<{ labels: Record<string, string>; points: unknown[] }> =
    [];
  for (const service of ctx.store.all(ctx.now)) {
    const [, serviceProject, , location] = service.parent.split('/');
    const labels: Record<string, string> = {
      project_id: serviceProject,
      service_name: service.id,
      location,
    };
    if (
      serviceProject !== project ||
      !GROUPABLE.every(label => matches(label, labels[label]))
    ) {
      continue;
    }
    const points = ctx.traffic
      .days(
        service.id,
        service.createTime,
        Math.min(ctx.now, service.deleteTime ?? Infinity),
        start,
        end,
      )
      .filter(day => day.amount > 0)
      .reverse()
      .map(day => ({
        interval: {
          startTime: new Date(day.start).toISOString(),
          endTime: new Date(day.start + DAY_MS).toISOString(),
        },
        value: { int64Value: String(day.amount) },
      }));
    if (points.length === 0) continue;
    series.push({
      labels: Object.fromEntries(grouped.map(label => [label, labels[label]])),
      points,
    });
  }
  series.sort((a, b) =>
    JSON.stringify(a.labels) < JSON.stringify(b.labels) ? -1 : 1,
  );

  const pageSize = Number(params.get('pageSize') ?? 0);
  const maxPoints =
    pageSize > 0 ? Math.min(pageSize, MAX_PAGE_POINTS) : MAX_PAGE_POINTS;
  const token = params.get('pageToken') ?? '';
  const offset = token ? readPageToken(token, series.length) : 0;
  if (offset === undefined) {
    return googleApiError(
      'INVALID_ARGUMENT',
      'The page token is not valid for this request',
      { fieldViolation: 'page_token' },
    );
  }
  // Whole series, as many as fit (at least one).
  let next = offset;
  let points = 0;
  while (
    next < series.length &&
    (next === offset || points + series[next].points.length <= maxPoints)
  ) {
    points += series[next].points.length;
    next += 1;
  }
  return {
    ok: {
      timeSeries: series.slice(offset, next).map(s => ({
        metric: { type: REQUEST_COUNT, labels: {} },
        resource: { type: 'cloud_run_revision', labels: s.labels },
        metricKind: 'DELTA',
        valueType: 'INT64',
        points: s.points,
      })),
      nextPageToken:
        next < series.length ? writePageToken(next, series.length) : '',
      unit: '1',
    },
  };
}

/**
 * The clauses of a filter of `key = "value"` and `key = one_of("a", "b")`
 * joined by `AND`; anything else is refused with the part not understood.
 */
function parseFilter(filter: string): Clause[] | GoogleApiError {
  const clauses: Clause[] = [];
  const string = /^"((?:[^"\\]|\\.)*)"\s*/;
  let rest = filter.trim();
  while (rest) {
    const head = /^([a-z_.]+)\s*=\s*/.exec(rest);
    if (!head) break;
    rest = rest.slice(head[0].length);
    const values: string[] = [];
    const oneOf = /^one_of\s*\(\s*/.exec(rest);
    if (oneOf) {
      rest = rest.slice(oneOf[0].length);
      for (let m = string.exec(rest); m; m = string.exec(rest)) {
        values.push(m[1].replace(/\\(.)/g, '$1'));
        rest = rest.slice(m[0].length).replace(/^,\s*/, '');
      }
      if (!rest.startsWith(')')) break;
      rest = rest.slice(1).trim();
    } else {
      const m = string.exec(rest);
      if (!m) break;
      values.push(m[1].replace(/\\(.)/g, '$1'));
      rest = rest.slice(m[0].length);
    }
    clauses.push({ key: head[1], values });
    const and = /^AND\s+/.exec(rest);
    if (!and) break;
    rest = rest.slice(and[0].length);
  }
  const known = [
    'metric.type',
    'resource.type',
    ...GROUPABLE.map(l => `resource.labels.${l}`),
  ];
  const unknown = clauses.find(c => !known.includes(c.key));
  if (rest || unknown) {
    return invalid(
      `The sandbox understands filters of ${known.join(
        ', ',
      )} = "value" or one_of("a", ...) joined by AND; could not read: ${
        unknown ? unknown.key : rest
      }`,
    );
  }
  return clauses;
}
