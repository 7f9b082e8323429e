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
import { useState } from 'react';
import {
  DeploymentRevision,
  specChanges,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  label: { color: theme.palette.text.primary },
}));

/**
 * The fields two revisions of a deployment differ in, picked by the user
 * (the one before the current and the current one at first).
 *
 * @internal
 */
export function RevisionDiff(props: { revisions: DeploymentRevision[] }) {
  const { revisions } = props;
  const classes = useStyles();
  // Newest first: the current is the first, the one before it the second.
  const [from, setFrom] = useState(revisions[1]?.number ?? revisions[0].number);
  const [to, setTo] = useState(revisions[0].number);
  const before = revisions.find(r => r.number === from) ?? revisions[0];
  const after = revisions.find(r => r.number === to) ?? revisions[0];
  const changes = specChanges(before.spec, after.spec);

  const picker = (
    label: string,
    value: number,
    onChange: (n: number) => void,
  ) => (
    <TextField
      select
      id={`revision-diff-${label.toLocaleLowerCase('en-US')}`}
      label={label}
      value={value}
      onChange={e => onChange(Number(e.target.value))}
      SelectProps={{ native: true }}
      variant="outlined"
      size="small"
      // On the page's grey the default grey label is under 4.5:1.
      InputLabelProps={{ classes: { root: classes.label } }}
      style={{ minWidth: 160, marginRight: 16 }}
    >
      {revisions.map(r => (
        <option key={r.number} value={r.number}>
          Revision {r.number}
        </option>
      ))}
    </TextField>
  );

  return (
    <Box mt={3}>
      <Typography variant="h6" component="h2" gutterBottom>
        Compare revisions
      </Typography>
      <Box display="flex" mb={2}>
        {picker('From', from, setFrom)}
        {picker('To', to, setTo)}
      </Box>
      {changes.length === 0 ? (
        <Typography variant="body2">
          {from === to
            ? 'The same revision: pick two to compare.'
            : `Revisions ${from} and ${to} have the same spec.`}
        </Typography>
      ) : (
        <ul aria-label={`Changes from revision ${from} to revision ${to}`}>
          {changes.map(c => (
            <li key={c.path}>
              <Typography variant="body2">
                <code>{c.path}</code>: {c.before} → {c.after}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </Box>
  );
}
