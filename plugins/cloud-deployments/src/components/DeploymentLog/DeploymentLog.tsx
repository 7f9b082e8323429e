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
import { useLayoutEffect, useRef, useState } from 'react';
import { DeploymentEvent } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { darken, makeStyles } from '@material-ui/core/styles';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';

const useStyles = makeStyles(
  theme => ({
    log: {
      height: 360,
      overflowY: 'auto',
      padding: theme.spacing(1, 1.5),
      backgroundColor: theme.palette.background.default,
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      fontSize: '0.8125rem',
      lineHeight: 1.6,
      whiteSpace: 'pre-wrap',
      wordBreak: 'break-word',
      '&:focus-visible': {
        outline: `2px solid ${theme.palette.primary.main}`,
      },
    },
    time: {
      color: theme.palette.text.secondary,
      marginRight: theme.spacing(1.5),
    },
    status: {
      fontWeight: theme.typography.fontWeightBold as number,
      // info.main (#2196f3) is 2.9:1 on the log's grey: primary reads at AA.
      color: theme.palette.primary.main,
    },
    // A failed attempt the engine retries, or work it had to take over or
    // stop: not a status change, but worth the eye of someone waiting.
    attention: {
      // warning.dark is under 3:1 on the log's grey in the light theme.
      color:
        theme.palette.type === 'dark'
          ? theme.palette.warning.light
          : darken(theme.palette.warning.dark, 0.45),
    },
    jump: {
      marginTop: theme.spacing(1),
    },
  }),
  { name: 'CloudDeploymentsLog' },
);

/** Within this many pixels of the end, the log counts as scrolled down. */
const AT_END_SLACK = 24;

/** `HH:MM:SS` in the user's time zone. */
function formatLogTime(timestamp: string): string {
  return new Date(timestamp).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

/** A status line in words, e.g. `Status changed from provisioning to active`. */
function describeStatusChange(event: DeploymentEvent): string {
  const { from, to, reason } = event.data ?? {};
  if (typeof from !== 'string' || typeof to !== 'string') {
    return event.message;
  }
  return `Status changed from ${from} to ${to}${reason ? `: ${reason}` : ''}`;
}

/** Status changes stand out; retries, takeovers and stopped work are marked. */
function lineClass(
  event: DeploymentEvent,
  classes: { status: string; attention: string },
): string | undefined {
  if (event.type === 'status') return classes.status;
  const { retry, takeover, stopped } = event.data ?? {};
  return retry || takeover || stopped ? classes.attention : undefined;
}

/**
 * Props of {@link DeploymentLog}.
 *
 * @internal
 */
export type DeploymentLogProps = {
  /** The events to show, oldest first. */
  events: DeploymentEvent[];
  /** Accessible name of the log. */
  label?: string;
};

/**
 * The events of a deployment as a log: one timestamped line each, in a
 * monospace box that follows new lines unless the user scrolled up to read,
 * with a button to follow again. Status changes stand out, and the newest is
 * announced politely to screen readers; other lines are not, as providers
 * can log a lot.
 *
 * @internal
 */
export function DeploymentLog(props: DeploymentLogProps) {
  const { events, label = 'Deployment log' } = props;
  const classes = useStyles();
  const logRef = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const lastStatus = [...events].reverse().find(e => e.type === 'status');

  useLayoutEffect(() => {
    const log = logRef.current;
    if (following && log) {
      log.scrollTop = log.scrollHeight;
    }
  }, [events.length, following]);

  const onScroll = () => {
    const log = logRef.current;
    if (!log) return;
    setFollowing(
      log.scrollHeight - log.scrollTop - log.clientHeight <= AT_END_SLACK,
    );
  };

  return (
    <>
      <div
        ref={logRef}
        role="log"
        aria-label={label}
        // Each provider line would be read out; status changes are, below.
        aria-live="off"
        // A scrolling region must be focusable to scroll from the keyboard.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        className={classes.log}
        onScroll={onScroll}
      >
        {events.length === 0 && (
          <Typography variant="body2" color="textSecondary" component="span">
            Nothing logged yet.
          </Typography>
        )}
        {events.map(event => (
          <div key={event.id} className={lineClass(event, classes)}>
            <time
              dateTime={event.createdAt}
              className={classes.time}
              title={event.createdAt}
            >
              {formatLogTime(event.createdAt)}
            </time>
            {event.message}
          </div>
        ))}
      </div>
      {!following && (
        <Button
          size="small"
          className={classes.jump}
          startIcon={<ArrowDownwardIcon />}
          onClick={() => setFollowing(true)}
        >
          Follow new lines
        </Button>
      )}
      <Typography variant="srOnly" role="status" aria-live="polite">
        {lastStatus && describeStatusChange(lastStatus)}
      </Typography>
    </>
  );
}
