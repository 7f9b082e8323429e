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
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatUsd } from '../../utils/formatMonthlyCost';

/**
 * A monthly total in large type; marked as a lower bound when some costs are
 * not in it.
 *
 * @internal
 */
export function MonthlyTotal(props: { monthly: number; complete: boolean }) {
  const { monthly, complete } = props;
  return (
    <Box mb={2}>
      <Typography variant="h4" component="p">
        {complete ? '' : '≥ '}
        {formatUsd(monthly)}
        <Typography variant="body1" component="span" color="textSecondary">
          {' '}
          per month
        </Typography>
      </Typography>
      {!complete && (
        <Typography variant="body2" color="textSecondary">
          A lower bound: some costs have no price and are not included.
        </Typography>
      )}
    </Box>
  );
}
