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
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { formatUsd } from '../../utils/formatMonthlyCost';

const useStyles = makeStyles(
  theme => ({
    list: {
      listStyle: 'none',
      margin: 0,
      padding: 0,
    },
    // Fixed column widths, so that the bars of all rows line up.
    item: {
      display: 'grid',
      gridTemplateColumns: '40% 1fr 6.5em',
      alignItems: 'center',
      columnGap: theme.spacing(1),
      marginBottom: theme.spacing(0.5),
    },
    label: {
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    },
    track: {
      height: theme.spacing(1.5),
      backgroundColor: theme.palette.action.hover,
      borderRadius: theme.shape.borderRadius,
      overflow: 'hidden',
    },
    bar: {
      height: '100%',
      backgroundColor: theme.palette.primary.main,
    },
    missing: {
      height: '100%',
      backgroundImage: `repeating-linear-gradient(45deg, ${theme.palette.warning.main} 0 4px, transparent 4px 8px)`,
    },
    value: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  }),
  { name: 'CloudDeploymentsCostBars' },
);

/**
 * One bar: a label and a monthly cost, `null` when it has no price.
 *
 * @internal
 */
export type CostBar = { key: string; label: string; monthly: number | null };

/**
 * Props of {@link CostBars}.
 *
 * @internal
 */
export type CostBarsProps = {
  /** Names the chart for assistive technology. */
  title: string;
  bars: CostBar[];
};

/**
 * A small horizontal bar chart of monthly costs, drawn with CSS: each bar is
 * as long as its share of the largest. The amounts are text too, so the chart
 * reads as a list without seeing it.
 *
 * @internal
 */
export function CostBars(props: CostBarsProps) {
  const { title, bars } = props;
  const classes = useStyles();
  const largest = Math.max(0, ...bars.map(b => b.monthly ?? 0));

  return (
    <ul className={classes.list} aria-label={title}>
      {bars.map(bar => (
        <li key={bar.key} className={classes.item}>
          <Typography
            variant="body2"
            component="span"
            className={classes.label}
            title={bar.label}
          >
            {bar.label}
          </Typography>
          <span className={classes.track} aria-hidden>
            {bar.monthly === null ? (
              <span className={classes.missing} style={{ display: 'block' }} />
            ) : (
              <span
                className={classes.bar}
                style={{
                  display: 'block',
                  width: `${largest ? (bar.monthly / largest) * 100 : 0}%`,
                }}
              />
            )}
          </span>
          <Typography
            variant="body2"
            component="span"
            className={classes.value}
          >
            {bar.monthly === null ? 'no price' : formatUsd(bar.monthly)}
          </Typography>
        </li>
      ))}
    </ul>
  );
}
