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
import { CostTimeline } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { formatDailyCost } from '../../utils/formatDailyCost';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

// Distinguishable on light and dark themes; groups beyond them share "Other".
const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
];
const OTHER = 'Other';

/**
 * Each day's actual cost stacked by group, and the estimate as a line.
 *
 * @internal
 */
export function GroupedCostChart(props: { timeline: CostTimeline }) {
  const { timeline } = props;
  const shown = timeline.keys.slice(0, COLORS.length - 1);
  const rest = timeline.keys.slice(COLORS.length - 1);
  const series = rest.length ? [...shown, OTHER] : shown;
  const data = timeline.days.map(day => {
    const row: Record<string, number | string> = {
      day: day.complete ? day.day.slice(5) : `${day.day.slice(5)} so far`,
      estimated: day.estimated,
    };
    for (const key of shown) row[key] = day.groups[key]?.actual ?? 0;
    if (rest.length) {
      row[OTHER] = rest.reduce(
        (sum, key) => sum + (day.groups[key]?.actual ?? 0),
        0,
      );
    }
    return row;
  });
  return (
    <ResponsiveContainer width="100%" height={320}>
      <ComposedChart data={data} margin={{ top: 8, right: 16, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="day" />
        <YAxis tickFormatter={v => formatDailyCost(Number(v))} width={80} />
        <Tooltip formatter={v => formatDailyCost(Number(v))} />
        <Legend />
        {series.map((key, i) => (
          <Bar
            key={key}
            dataKey={key}
            name={key}
            stackId="actual"
            fill={COLORS[i]}
            isAnimationActive={false}
          />
        ))}
        <Line
          dataKey="estimated"
          name="Estimated (all)"
          stroke="#555"
          strokeDasharray="5 3"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
