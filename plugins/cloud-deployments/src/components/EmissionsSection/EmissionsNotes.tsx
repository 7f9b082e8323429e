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
import { WarningPanel } from '@backstage/core-components';
import { EmissionsEstimate } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { breakableWords } from '../breakableId';
import {
  describeAssumptions,
  describeDataset,
} from '../../utils/formatEmissions';

/**
 * What an emissions estimate assumes (defaults labelled), the estimator's
 * warnings, and how old its coefficients are and where they come from.
 *
 * @internal
 */
export function EmissionsNotes(props: { emissions: EmissionsEstimate }) {
  const { emissions } = props;
  const assumptions = describeAssumptions(emissions.assumptions);
  return (
    <Box mt={2}>
      {emissions.warnings.length > 0 && (
        <Box mb={1}>
          <WarningPanel
            severity="warning"
            title="About these emissions"
            defaultExpanded
          >
            <Typography component="ul" variant="body2">
              {emissions.warnings.map(w => (
                <li key={w}>{breakableWords(w)}</li>
              ))}
            </Typography>
          </WarningPanel>
        </Box>
      )}
      {assumptions.length > 0 && (
        <Typography variant="body2" color="textSecondary" paragraph>
          Assumes{' '}
          {assumptions
            .map(a => `${a.text}${a.isDefault ? ' (default)' : ''}`)
            .join('; ')}
          .
        </Typography>
      )}
      <Typography variant="caption" color="textSecondary" component="p">
        {describeDataset(emissions.dataset)} Estimated from published
        coefficients before the deployment runs, not measured.
      </Typography>
    </Box>
  );
}
