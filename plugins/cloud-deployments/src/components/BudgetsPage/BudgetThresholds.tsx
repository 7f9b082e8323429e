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
import { Budget } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/Warning';

const useStyles = makeStyles(
  theme => ({
    // White on the secondary colour itself is under WCAG AA's 4.5:1; on its
    // darker shade it is readable.
    reached: {
      backgroundColor: theme.palette.secondary.dark,
      color: theme.palette.secondary.contrastText,
    },
  }),
  { name: 'CloudDeploymentsBudgetThresholds' },
);

/**
 * A budget's alert thresholds, the ones its use has reached marked. From a
 * partial use these are reached at least; an unknown use reaches none.
 *
 * @internal
 */
export function BudgetThresholds(props: {
  budget: Pick<Budget, 'thresholds' | 'use'>;
}) {
  const { thresholds, use } = props.budget;
  const classes = useStyles();
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {thresholds.map(threshold =>
        use.crossed.includes(threshold) ? (
          <Chip
            key={threshold}
            size="small"
            color="secondary"
            className={classes.reached}
            icon={<WarningIcon />}
            label={`${threshold} % reached`}
          />
        ) : (
          <Chip
            key={threshold}
            size="small"
            variant="outlined"
            label={`${threshold} %`}
          />
        ),
      )}
    </Box>
  );
}
