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
import {
  EmissionsCoefficient,
  EmissionsLine,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { TableScroll } from '../TableScroll';
import { useTableCellStyles } from '../tableCells';
import {
  emissionsComponentLabel,
  formatCoefficient,
  formatGrams,
  formatKwh,
} from '../../utils/formatEmissions';
import { wholeWords } from './wholeWords';

/**
 * `PUE: 1.135 ratio (2021)`, and ` — <source>` when the line's coefficients
 * do not all come from one source (which is then said once, under them).
 */
function describeCoefficient(
  c: EmissionsCoefficient,
  withSource: boolean,
): string {
  const about = [c.year, c.basis, c.region && `region ${c.region}`]
    .filter(Boolean)
    .join(', ');
  return `${c.name}: ${formatCoefficient(c.value, c.unit)} (${about})${
    withSource ? ` — ${c.source}` : ''
  }`;
}

/** The one source of all of a line's coefficients, if they have one. */
function commonSource(
  coefficients: EmissionsCoefficient[],
): string | undefined {
  const sources = new Set(coefficients.map(c => c.source));
  return sources.size === 1 ? coefficients[0].source : undefined;
}

const useStyles = makeStyles({
  // A narrow cell (a card at 1024 px) has little room for a list's indent.
  coefficients: { margin: '4px 0', paddingLeft: '1.25em' },
});

/** What a reader must know about a line beside its description. */
function lineNotes(line: EmissionsLine): string[] {
  return [
    ...(line.approximation
      ? [
          // e.g. `Approximate PUE of me-central-1: no published PUE …`
          `Approximate ${line.approximation.requested}: ${line.approximation.reason}`,
        ]
      : []),
    ...(line.note ? [line.note] : []),
  ];
}

/** Energy is for operational lines only: `—` for embodied, `missing` when unknown. */
function energy(line: EmissionsLine): string {
  if (line.kwhPerMonth === undefined) return '—';
  if (line.kwhPerMonth === null) return 'missing';
  return formatKwh(line.kwhPerMonth);
}

function monthly(line: EmissionsLine): string {
  if (line.gramsPerMonth === null) return 'missing';
  return `${line.kind === 'approximate' ? '≈ ' : ''}${formatGrams(
    line.gramsPerMonth,
  )}`;
}

/**
 * The lines of an emissions estimate: CPU, memory, GPU and embodied, each
 * with its figure and, folded away, the coefficients it was computed with.
 *
 * @internal
 */
export function EmissionsLinesTable(props: { lines: EmissionsLine[] }) {
  const { lines } = props;
  const classes = useTableCellStyles();
  const styles = useStyles();
  return (
    // Scrolls inside its card rather than breaking words and figures.
    <TableScroll label="Emissions breakdown">
      <Table size="small" aria-label="Emissions breakdown">
        <TableHead>
          <TableRow>
            <TableCell className={classes.figure}>Component</TableCell>
            <TableCell className={classes.words}>What is counted</TableCell>
            <TableCell align="right" className={classes.figure}>
              Energy
            </TableCell>
            <TableCell align="right" className={classes.figure}>
              Monthly
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {lines.map((line, i) => (
            <TableRow key={`${line.component}-${i}`}>
              <TableCell
                component="th"
                scope="row"
                // MUI marks a cell given a component as a plain cell.
                role="rowheader"
                className={classes.figure}
              >
                {emissionsComponentLabel[line.component]}
              </TableCell>
              <TableCell className={classes.words}>
                {wholeWords(line.description)}
                {lineNotes(line).map(note => (
                  <Typography
                    key={note}
                    variant="body2"
                    color="textSecondary"
                    component="span"
                    display="block"
                  >
                    {wholeWords(note)}
                  </Typography>
                ))}
                {line.coefficients.length > 0 && (
                  // A native disclosure: keyboard-operable, closed by default.
                  <Typography
                    variant="body2"
                    color="textSecondary"
                    component="details"
                  >
                    <summary>
                      {line.coefficients.length === 1
                        ? '1 coefficient'
                        : `${line.coefficients.length} coefficients`}
                    </summary>
                    <ul className={styles.coefficients}>
                      {line.coefficients.map((c, j) => (
                        <li key={`${c.name}-${j}`}>
                          {wholeWords(
                            describeCoefficient(
                              c,
                              !commonSource(line.coefficients),
                            ),
                          )}
                        </li>
                      ))}
                    </ul>
                    {commonSource(line.coefficients) &&
                      wholeWords(`From ${commonSource(line.coefficients)}.`)}
                  </Typography>
                )}
              </TableCell>
              <TableCell align="right" className={classes.figure}>
                {energy(line)}
              </TableCell>
              <TableCell align="right" className={classes.figure}>
                {monthly(line)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableScroll>
  );
}
