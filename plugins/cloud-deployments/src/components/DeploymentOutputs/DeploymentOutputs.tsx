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
import { CopyTextButton } from '@backstage/core-components';
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { breakableId } from '../breakableId';
import { EndpointLink } from '../EndpointLink';
import { useTableCellStyles } from '../tableCells';

const useStyles = makeStyles(
  theme => ({
    heading: {
      marginTop: theme.spacing(2),
    },
    copy: {
      width: 1,
      whiteSpace: 'nowrap',
    },
  }),
  { name: 'CloudDeploymentsOutputs' },
);

/** An output value as text: strings as they are, anything else as JSON. */
function outputText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Where a deployment answers, as a link, and the outputs of its provider
 * (resource ids, addresses) as a table; each with a button to copy it.
 *
 * @internal
 */
export function DeploymentOutputs(props: { deployment: Deployment }) {
  const { endpoint, outputs, status } = props.deployment;
  const classes = useStyles();
  const cells = useTableCellStyles();
  const entries = Object.entries(outputs ?? {});

  return (
    <>
      <Typography variant="subtitle2" component="h3">
        Endpoint
      </Typography>
      {endpoint ? (
        <Box display="flex" alignItems="center" gridGap={8}>
          <EndpointLink deployment={props.deployment} />
          <CopyTextButton
            text={endpoint}
            aria-label="Copy the endpoint URL"
            tooltipText="Endpoint URL copied"
          />
        </Box>
      ) : (
        <Typography variant="body2" color="textSecondary">
          {status === 'destroyed'
            ? 'None: the deployment is destroyed.'
            : 'None yet: the endpoint is known once the deployment is active.'}
        </Typography>
      )}

      <Typography
        variant="subtitle2"
        component="h3"
        className={classes.heading}
      >
        Outputs
      </Typography>
      {entries.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No outputs yet.
        </Typography>
      ) : (
        // Scrolls inside its card rather than breaking names and values.
        <div className={cells.scroll}>
          <Table size="small" aria-label="Outputs">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Value</TableCell>
                <TableCell className={classes.copy}>
                  <Typography variant="srOnly">Copy</Typography>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {entries.map(([key, value]) => {
                const text = outputText(value);
                return (
                  <TableRow key={key}>
                    <TableCell
                      component="th"
                      scope="row"
                      className={cells.name}
                      title={key}
                    >
                      {key}
                    </TableCell>
                    <TableCell className={cells.id}>
                      {breakableId(text)}
                    </TableCell>
                    <TableCell className={classes.copy}>
                      <CopyTextButton
                        text={text}
                        aria-label={`Copy ${key}`}
                        tooltipText={`${key} copied`}
                      />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
