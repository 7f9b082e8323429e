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
import { BudgetUse } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';

/**
 * The share of the amount a use stands for, in words no surer than the use:
 * a lower bound when partial, approximate when priced from other regions,
 * and never a number when nothing in it has a price.
 *
 * @internal
 */
export function describePercent(use: BudgetUse): string {
  if (use.percent === undefined) {
    return 'Share of the budget unknown';
  }
  switch (use.totalKind) {
    case 'approximate':
      return `≈ ${use.percent} % of the budget (approximate)`;
    case 'partial':
      return `≥ ${use.percent} % of the budget (partial: some costs unpriced)`;
    default:
      return `${use.percent} % of the budget`;
  }
}

/**
 * A budget's use: its description, and a bar of the share of the amount
 * when that share is known.
 *
 * @internal
 */
export function BudgetUseCell(props: { use: BudgetUse }) {
  const { use } = props;
  const percentText = describePercent(use);
  return (
    <Box minWidth={180}>
      <Typography variant="body2">{use.description}</Typography>
      {use.percent !== undefined && (
        <LinearProgress
          variant="determinate"
          value={Math.min(use.percent, 100)}
          color={use.crossed.length > 0 ? 'secondary' : 'primary'}
          aria-label={percentText}
        />
      )}
      <Typography variant="caption" color="textSecondary">
        {percentText}
      </Typography>
    </Box>
  );
}
