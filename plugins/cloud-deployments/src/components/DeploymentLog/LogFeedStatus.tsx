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
import { makeStyles } from '@material-ui/core/styles';
import FiberManualRecordIcon from '@material-ui/icons/FiberManualRecord';
import { EventFeedMode } from '../../hooks/followDeploymentEvents';

const useStyles = makeStyles(
  theme => ({
    live: { color: theme.palette.status.ok },
    waiting: { color: theme.palette.status.pending },
    off: { color: theme.palette.text.disabled },
  }),
  { name: 'CloudDeploymentsLogFeedStatus' },
);

const TEXT: Record<EventFeedMode, string> = {
  idle: 'Not following: nothing changes any more',
  connecting: 'Connecting…',
  live: 'Live',
  polling: 'Checking for new lines every 2 s',
};

/**
 * How the log gets new lines: live, polling, or not at all, and why reading
 * them fails, if it does.
 *
 * @internal
 */
export function LogFeedStatus(props: { mode: EventFeedMode; error?: Error }) {
  const { mode, error } = props;
  const classes = useStyles();
  let dot = classes.off;
  if (mode === 'live') dot = classes.live;
  if (mode === 'connecting' || mode === 'polling') dot = classes.waiting;
  return (
    <Box display="flex" alignItems="center" gridGap={4} component="span">
      <FiberManualRecordIcon fontSize="inherit" className={dot} aria-hidden />
      <Typography variant="caption" component="span" color="textSecondary">
        {TEXT[mode]}
      </Typography>
      {error && (
        <Typography variant="caption" component="span" color="error">
          — {error.message}
        </Typography>
      )}
    </Box>
  );
}
