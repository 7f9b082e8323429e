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
import { SageMakerApiError } from './awsErrors';
import { SandboxResources } from './SandboxResources';

// CloudWatch's GetMetricData for the SageMaker endpoints of the sandbox, as
// @aws-sdk/client-cloudwatch sends it: awsJson1_0 with the awsQuery
// compatibility of CloudWatch (X-Amz-Target GraniteServiceVersion20100801.*,
// `x-amzn-query-mode: true`, errors with `x-amzn-query-error`), times as
// epoch seconds.

/** The X-Amz-Target prefix of CloudWatch's operations. */
export const CLOUDWATCH_TARGET_PREFIX = 'GraniteServiceVersion20100801.';

const DAY_SECONDS = 86_400;
const MAX_QUERIES = 500;
/** CloudWatch's default MaxDatapoints. */
const DEFAULT_MAX_DATAPOINTS = 100_800;
const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;

/** What GetMetricData needs of the sandbox. */
export type CloudWatchContext = {
  resources: SandboxResources;
  traffic: SandboxTraffic;
  region: string;
  now: number;
};

function invalid(message: string): SageMakerApiError {
  return new SageMakerApiError('InvalidParameterValueException', message);
}

type Query = {
  id: string;
  label: string;
  points: Array<{ timestamp: number; value: number }>;
};

/**
 * Answers GetMetricData: the daily `Sum` of `AWS/SageMaker` `Invocations`
 * of the endpoints named by the `EndpointName` (and `VariantName`)
 * dimensions, from the sandbox's traffic; an endpoint or variant that does
 * not exist has no data, as in CloudWatch. Pages by `MaxDatapoints` with a
 * `NextToken`. Only daily periods from a UTC midnight are served.
 */
export function getMetricData(
  body: Record<string, any>,
  ctx: CloudWatchContext,
): Record<string, unknown> {
  const queries = body.MetricDataQueries;
  if (
    !Array.isArray(queries) ||
    queries.length === 0 ||
    queries.length > MAX_QUERIES
  ) {
    throw invalid(
      `MetricDataQueries must list 1 to ${MAX_QUERIES} queries, got ${
        Array.isArray(queries) ? queries.length : typeof queries
      }`,
    );
  }
  const start = body.StartTime;
  const end = body.EndTime;
  if (typeof start !== 'number' || typeof end !== 'number' || start >= end) {
    throw invalid(
      'StartTime and EndTime must be timestamps (epoch seconds), StartTime before EndTime',
    );
  }
  if (start % DAY_SECONDS !== 0) {
    throw invalid(
      'The sandbox serves daily sums from a UTC midnight: StartTime must be 00:00:00Z',
    );
  }
  const maxDatapoints = body.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
  if (!Number.isInteger(maxDatapoints) || maxDatapoints < 1) {
    throw invalid(`MaxDatapoints must be a positive integer`);
  }

  const ids = new Set<string>();
  const answered: Query[] = queries.map((query: any, index: number) => {
    const id = query?.Id;
    if (typeof id !== 'string' || !QUERY_ID.test(id) || ids.has(id)) {
      throw invalid(
        `The Id of MetricDataQueries.member.${
          index + 1
        } must be unique and match ${QUERY_ID.source}, got ${JSON.stringify(
          id,
        )}`,
      );
    }
    ids.add(id);
    return {
      id,
      label: query.Label ?? query.MetricStat?.Metric?.MetricName ?? id,
      points: pointsOf(query, index, start, end, ctx),
    };
  });
  const ascending = body.ScanBy === 'TimestampAscending';
  for (const query of answered) {
    query.points.sort((a, b) =>
      ascending ? a.timestamp - b.timestamp : b.timestamp - a.timestamp,
    );
  }

  // The points of all queries in order, cut into pages of MaxDatapoints.
  const total = answered.reduce((n, q) => n + q.points.length, 0);
  const offset =
    body.NextToken === undefined
      ? 0
      : readPageToken(String(body.NextToken), total);
  if (offset === undefined) {
    throw new SageMakerApiError(
      'InvalidNextToken',
      'The service couldn’t process your request because the NextToken is invalid.',
    );
  }
  const pageEnd = Math.min(offset + maxDatapoints, total);
  const results: Record<string, unknown>[] = [];
  let seen = 0;
  for (const query of answered) {
    const first = Math.max(offset - seen, 0);
    const last = Math.min(pageEnd - seen, query.points.length);
    seen += query.points.length;
    const empty = query.points.length === 0;
    // A query without data is answered on the first page only.
    if (first >= last && !(empty && offset === 0)) continue;
    const page = query.points.slice(first, Math.max(first, last));
    results.push({
      Id: query.id,
      Label: query.label,
      Timestamps: page.map(p => p.timestamp),
      Values: page.map(p => p.value),
      StatusCode: last < query.points.length ? 'PartialData' : 'Complete',
    });
  }
  return {
    MetricDataResults: results,
    Messages: [],
    ...(pageEnd < total ? { NextToken: writePageToken(pageEnd, total) } : {}),
  };
}

function pointsOf(
  query: any,
  index: number,
  start: number,
  end: number,
  ctx: CloudWatchContext,
): Query['points'] {
  const where = `MetricDataQueries.member.${index + 1}`;
  if (query.Expression !== undefined) {
    throw invalid(`${where}: the sandbox serves MetricStat queries only`);
  }
  const stat = query.MetricStat;
  const metric = stat?.Metric;
  if (!metric || typeof metric.MetricName !== 'string') {
    throw invalid(`${where}.MetricStat.Metric.MetricName is required`);
  }
  if (stat.Period !== DAY_SECONDS) {
    throw invalid(
      `${where}: the sandbox serves daily sums only (Period 86400), got ${stat.Period}`,
    );
  }
  if (query.ReturnData === false) return [];
  const dimensions = new Map<string, string>();
  for (const d of metric.Dimensions ?? []) {
    dimensions.set(String(d?.Name), String(d?.Value));
  }
  const endpointName = dimensions.get('EndpointName');
  if (
    metric.Namespace !== 'AWS/SageMaker' ||
    metric.MetricName !== 'Invocations' ||
    stat.Stat !== 'Sum' ||
    endpointName === undefined
  ) {
    // CloudWatch has no data for metrics nobody publishes.
    return [];
  }
  const endpoint = ctx.resources
    .listEndpoints(ctx.region, 'Name', false)
    .find(e => e.name === endpointName);
  if (!endpoint) return [];
  const variant = dimensions.get('VariantName');
  if (variant !== undefined) {
    const config = ctx.resources
      .listEndpointConfigs(ctx.region)
      .find(c => c.name === endpoint.configName);
    if (!config?.variants.some(v => v.variantName === variant)) return [];
  }
  return ctx.traffic
    .days(endpoint.name, endpoint.createdAt, ctx.now, start * 1000, end * 1000)
    .map(day => ({ timestamp: day.start / 1000, value: day.amount }));
}
