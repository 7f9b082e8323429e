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
import { PolicyDecision } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatPolicyValue } from './policyValues';

/**
 * Why a request waits: each policy that asked for an approval (its id and
 * message), and the values the policies saw.
 *
 * @internal
 */
export function PolicyDecisionView(props: { decision: PolicyDecision }) {
  const { reasons, values } = props.decision;
  const entries = Object.entries(values);
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        Policies that ask for approval
      </Typography>
      <ul aria-label="Policies">
        {reasons.map(r => (
          <li key={r.policy}>
            <Typography variant="body2">
              <code>{r.policy}</code>: {r.message}
            </Typography>
          </li>
        ))}
      </ul>
      {entries.length > 0 && (
        <>
          <Typography variant="subtitle2" component="h3">
            What the policies saw
          </Typography>
          <Table size="small" aria-label="Values the policies saw">
            <TableBody>
              {entries.map(([name, value]) => (
                <TableRow key={name}>
                  <TableCell component="th" scope="row">
                    {name}
                  </TableCell>
                  <TableCell>{formatPolicyValue(name, value)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </>
  );
}
