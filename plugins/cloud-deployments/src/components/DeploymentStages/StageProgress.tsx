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
import { ReactNode } from 'react';
import CircularProgress from '@material-ui/core/CircularProgress';
import Step from '@material-ui/core/Step';
import StepContent from '@material-ui/core/StepContent';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useNow } from '../../hooks/useNow';
import { breakableWords } from '../breakableId';
import { formatAge } from '../../utils/formatAge';
import { formatDuration } from '../../utils/formatDuration';
import { Stage, StageState } from './stages';

const useStyles = makeStyles(
  theme => ({
    stepper: {
      padding: 0,
      backgroundColor: 'transparent',
    },
    steps: {
      margin: 0,
      paddingLeft: theme.spacing(2),
      fontFamily: theme.typography.fontFamily,
      fontSize: theme.typography.body2.fontSize,
      color: theme.palette.text.secondary,
      '& li:last-child': {
        color: theme.palette.text.primary,
      },
    },
  }),
  { name: 'CloudDeploymentsStageProgress' },
);

/** What a screen reader hears after a stage's name. */
const STATE_TEXT: Record<StageState, string> = {
  done: 'done',
  current: 'in progress',
  failed: 'failed',
  upcoming: 'not started',
};

const Time = (props: { at: string; children: ReactNode }) => (
  <time dateTime={props.at} title={new Date(props.at).toLocaleString()}>
    {props.children}
  </time>
);

/** How long the stage took, has taken so far, or since when it holds. */
function timing(stage: Stage, now: number): ReactNode {
  const { startedAt, endedAt, working, state } = stage;
  if (!startedAt) {
    return undefined;
  }
  if (!working) {
    return <Time at={startedAt}>{formatAge(startedAt, now)}</Time>;
  }
  if (endedAt) {
    return (
      <Time at={startedAt}>
        took {formatDuration(Date.parse(endedAt) - Date.parse(startedAt))}
      </Time>
    );
  }
  if (state === 'current') {
    return (
      <Time at={startedAt}>
        {formatDuration(now - Date.parse(startedAt))} so far
      </Time>
    );
  }
  return undefined;
}

/**
 * The stages of what a deployment is going through, e.g. Queued →
 * Provisioning → Active, with the time each took (counting up live for the
 * one under way), the steps the provider logged, and where it failed.
 *
 * @internal
 */
export function StageProgress(props: { stages: Stage[] }) {
  const { stages } = props;
  const classes = useStyles();
  const ticking = stages.some(s => s.state === 'current' && s.working);
  const now = useNow(1000, ticking);

  return (
    <Stepper
      orientation="vertical"
      className={classes.stepper}
      role="list"
      aria-label="Stages"
    >
      {stages.map((stage, index) => {
        const inProgress = stage.state === 'current' && stage.working;
        const time = timing(stage, now);
        return (
          <Step
            key={stage.status}
            active={stage.state === 'current'}
            completed={stage.state === 'done'}
            expanded
            role="listitem"
            aria-current={stage.state === 'current' ? 'step' : undefined}
          >
            <StepLabel
              error={stage.state === 'failed'}
              icon={
                inProgress ? (
                  <CircularProgress size={24} aria-hidden />
                ) : (
                  index + 1
                )
              }
              optional={
                time ? (
                  <Typography variant="caption" color="textSecondary">
                    {time}
                  </Typography>
                ) : undefined
              }
            >
              {stage.label}
              <Typography variant="srOnly">
                {` (${STATE_TEXT[stage.state]})`}
              </Typography>
            </StepLabel>
            <StepContent>
              {stage.reason && (
                <Typography variant="body2" color="error">
                  {breakableWords(stage.reason)}
                </Typography>
              )}
              {stage.steps.length > 0 && (
                <ul
                  className={classes.steps}
                  aria-label={`${stage.label} steps`}
                >
                  {stage.steps.map(step => (
                    // A URL or resource id breaks at its separators, within
                    // the card, never past its edge.
                    <li key={step.id}>{breakableWords(step.message)}</li>
                  ))}
                </ul>
              )}
            </StepContent>
          </Step>
        );
      })}
    </Stepper>
  );
}
