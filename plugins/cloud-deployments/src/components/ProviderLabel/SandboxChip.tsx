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
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  // The secondary colour itself is 4.2:1 on white, under WCAG AA's 4.5:1:
  // its darker (on a dark theme, lighter) shade for the text and border.
  chip: {
    color:
      theme.palette.type === 'dark'
        ? theme.palette.secondary.light
        : theme.palette.secondary.dark,
    borderColor: 'currentColor',
  },
  // On a page header's coloured banner the outlined chip needs its own
  // background to keep its text readable (WCAG AA contrast).
  onHeader: { backgroundColor: theme.palette.background.paper },
}));

/**
 * A label saying a deployment lives in a local sandbox, not a real cloud.
 *
 * @internal
 */
export function SandboxChip(props: { onHeader?: boolean }) {
  const classes = useStyles();
  return (
    <Tooltip title="Deployed into a local sandbox, not a real cloud: nothing is billed">
      <Chip
        size="small"
        label="Sandbox"
        color="secondary"
        variant="outlined"
        className={
          props.onHeader ? `${classes.chip} ${classes.onHeader}` : classes.chip
        }
      />
    </Tooltip>
  );
}
