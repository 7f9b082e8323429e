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
import { EmissionsEstimate } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { EmissionsLinesTable } from './EmissionsLinesTable';
import { EmissionsNotes } from './EmissionsNotes';
import { EmissionsTotal } from './EmissionsTotal';

/**
 * Props of {@link EmissionsSection}.
 *
 * @internal
 */
export type EmissionsSectionProps = {
  /** Absent on estimates stored before emissions were estimated. */
  emissions?: EmissionsEstimate;
  /** One level below the heading the section sits under (a card's is h2). */
  headingLevel?: 'h3' | 'h4';
  /** Prefix of the heading's id, unique on the page. */
  idPrefix?: string;
};

/**
 * A deployment's estimated emissions a month, beside its price: the total
 * as sure as its coefficients, a line per component with the coefficients
 * it used, the assumptions and the coefficients' age. An estimate stored
 * before emissions were estimated says so, rather than showing 0.
 *
 * @internal
 */
export function EmissionsSection(props: EmissionsSectionProps) {
  const { emissions, headingLevel = 'h3', idPrefix = 'emissions' } = props;
  const headingId = `${idPrefix}-heading`;
  return (
    <Box component="section" aria-labelledby={headingId} mt={3}>
      <Typography
        id={headingId}
        variant="h6"
        component={headingLevel}
        gutterBottom
      >
        Estimated emissions
      </Typography>
      {!emissions ? (
        <Typography variant="body2" color="textSecondary">
          Not estimated: this estimate was made before emissions were estimated.
        </Typography>
      ) : (
        <>
          <EmissionsTotal emissions={emissions} />
          {emissions.lines.length === 0 ? (
            <Typography variant="body2">
              This estimate has no emissions lines.
            </Typography>
          ) : (
            <EmissionsLinesTable lines={emissions.lines} />
          )}
          <EmissionsNotes emissions={emissions} />
        </>
      )}
    </Box>
  );
}
