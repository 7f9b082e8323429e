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
import { DailyCostRecord } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { useTheme } from '@material-ui/core/styles';
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

const money = (value: unknown) =>
  typeof value === 'number' ? formatDailyCost(value) : 'not known';

/**
 * Daily actual cost as bars and the estimate as a line; a day with no
 * figure is a gap, never a zero.
 *
 * @internal
 */
export function CostHistoryChart(props: { days: DailyCostRecord[] }) {
  const theme = useTheme();
  const data = props.days.map(d => ({
    day: d.complete ? d.day.slice(5) : `${d.day.slice(5)} so far`,
    actual: d.actual,
    estimated: d.estimated,
  }));
  return (
    <ResponsiveContainer width="100%" height={240}>
      <ComposedChart data={data} margin={{ top: 8, right: 16, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="day" />
        <YAxis tickFormatter={v => formatDailyCost(Number(v))} width={72} />
        <Tooltip formatter={money} />
        <Legend />
        <Bar
          dataKey="actual"
          name="Actual"
          fill={theme.palette.primary.main}
          isAnimationActive={false}
        />
        <Line
          dataKey="estimated"
          name="Estimated"
          stroke={theme.palette.secondary.main}
          strokeWidth={2}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
