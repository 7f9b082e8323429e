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
import { EstimateLine } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { formatUsd } from '../../utils/formatMonthlyCost';
import { formatQuantity, formatUnitPrice } from '../../utils/formatPrice';
import { TableScroll } from '../TableScroll';
import { useTableCellStyles } from '../tableCells';

/**
 * The billed lines of an estimate: what, how much, at what price, per month.
 *
 * @internal
 */
export function EstimateLinesTable(props: { lines: EstimateLine[] }) {
  const { lines } = props;
  const classes = useTableCellStyles();
  return (
    // Scrolls inside its card rather than breaking words and figures.
    <TableScroll label="Cost breakdown">
      <Table size="small" aria-label="Cost breakdown">
        <TableHead>
          <TableRow>
            <TableCell className={classes.words}>Description</TableCell>
            <TableCell align="right" className={classes.figure}>
              Quantity
            </TableCell>
            <TableCell align="right" className={classes.figure}>
              Unit price
            </TableCell>
            <TableCell align="right" className={classes.figure}>
              Monthly
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {lines.map((line, i) => (
            <TableRow key={`${line.sku}-${i}`}>
              <TableCell
                component="th"
                scope="row"
                title={line.note}
                className={classes.words}
              >
                {line.description}
              </TableCell>
              <TableCell align="right" className={classes.figure}>
                {formatQuantity(line.quantity, line.unit)}
              </TableCell>
              <TableCell align="right" className={classes.figure}>
                {formatUnitPrice(line.unitPrice, line.unit)}
              </TableCell>
              <TableCell align="right" className={classes.figure}>
                {line.monthlyCost === null ? '—' : formatUsd(line.monthlyCost)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableScroll>
  );
}
