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
import { useEffect, useState } from 'react';
import { toError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  CompareOption,
  CompareRequest,
  CompareResult,
  CompareSort,
  DEPLOYMENT_PROVIDERS,
  DeploymentProvider,
  describeMonthlyCost,
  EstimateRequest,
  formatUsd,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Chip from '@material-ui/core/Chip';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { cloudDeploymentsApiRef } from '../../api';
import { EstimateError } from './estimatePanels';
import { ESTIMATE_DEBOUNCE_MS } from './useLiveEstimate';
import { TableScroll } from '../TableScroll';
import { useTableCellStyles } from '../tableCells';
import { describeEmissions, formatGrams } from '../../utils/formatEmissions';

/** Short names, as the comparison's title says them. */
const TARGET_NAMES: Record<DeploymentProvider, string> = {
  'aws-sagemaker': 'SageMaker',
  'gcp-cloud-run': 'Cloud Run',
  'azure-container-instances': 'ACI',
  kubernetes: 'Kubernetes',
};

/**
 * The compare request of the form's estimate request: its workload, in its
 * region on its own target (the others in their reference regions), or
 * undefined when the form gives no CPU and memory (a SageMaker form names an
 * instance type instead).
 */
export function toCompareRequest(
  request: EstimateRequest,
): CompareRequest | undefined {
  const {
    instanceType: _chosenPerTarget,
    cpu,
    memoryMiB,
    ...rest
  } = request.compute;
  if (cpu === undefined || memoryMiB === undefined) return undefined;
  return {
    compute: { ...rest, cpu, memoryMiB },
    ...(request.usage ? { usage: request.usage } : {}),
    ...(request.provider !== 'kubernetes'
      ? { regions: { [request.provider]: [request.region] } }
      : {}),
  };
}

const useStyles = makeStyles({ body: { width: '100%' } });

type CompareState = { result?: CompareResult; error?: Error; loading: boolean };

/** Compares `request` once it has stayed the same for the debounce, cancelling stale ones. */
function useCompare(request: CompareRequest | undefined): CompareState {
  const api = useApi(cloudDeploymentsApiRef);
  const key = request ? JSON.stringify(request) : undefined;
  const [state, setState] = useState<CompareState>({ loading: false });
  useEffect(() => {
    if (key === undefined) {
      setState({ loading: false });
      return undefined;
    }
    setState(current => ({ ...current, loading: true }));
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.compareEstimates(JSON.parse(key), { signal: controller.signal }).then(
        result => {
          if (!controller.signal.aborted) {
            setState({ result, loading: false });
          }
        },
        error => {
          if (!controller.signal.aborted) {
            setState({ error: toError(error), loading: false });
          }
        },
      );
    }, ESTIMATE_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, key]);
  return state;
}

const targetOf = (o: Pick<CompareOption, 'provider' | 'region'>) =>
  `${TARGET_NAMES[o.provider]} ${o.region}`;

/** The lower-carbon mark: what it saves in kg and %, and against what, in its title. */
function LowerCarbonChip(props: { option: CompareOption }) {
  const saving = props.option.carbonSaving;
  if (!props.option.lowerCarbon || !saving) return null;
  const extra =
    saving.extraMonthlyUsd > 0
      ? `, for ${formatUsd(saving.extraMonthlyUsd)} more a month`
      : ' at the same price';
  return (
    <Chip
      size="small"
      variant="outlined"
      label={`lower carbon: −${formatGrams(saving.grams)} (−${
        saving.percent
      } %)`}
      title={`${formatGrams(saving.grams)}/month (${
        saving.percent
      } %) less than ${targetOf(saving.comparedWith)}${extra}`}
    />
  );
}

/** How the lower-carbon option is chosen, with the band's prices. */
function PriceBandNote(props: { result: CompareResult }) {
  const band = props.result.priceBand;
  if (!band) return null;
  return (
    <Typography variant="caption" color="textSecondary" component="p">
      Lower carbon: the lowest known emissions among the options within{' '}
      {band.percent} % of the cheapest monthly total ({formatUsd(band.from)} to{' '}
      {formatUsd(band.upTo)}), when lower than the cheapest option's. Options
      whose emissions are not known are never marked.
    </Typography>
  );
}

function CompareTable(props: { request: CompareRequest }) {
  const { result, error, loading } = useCompare(props.request);
  const classes = useTableCellStyles();
  if (error) return <EstimateError error={error} />;
  if (!result) {
    return (
      <Typography variant="body2" color="textSecondary">
        {loading ? 'Comparing…' : ''}
      </Typography>
    );
  }
  if (result.options.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No target is installed to compare with.
      </Typography>
    );
  }
  return (
    <>
      <TableScroll label="The same workload on each target">
        <Table size="small" aria-label="The same workload on each target">
          <TableHead>
            <TableRow>
              <TableCell className={classes.figure}>Target</TableCell>
              <TableCell className={classes.figure}>Region</TableCell>
              <TableCell className={classes.words}>Priced as</TableCell>
              <TableCell className={classes.figure}>Monthly</TableCell>
              <TableCell className={classes.figure}>Emissions</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {result.options.map(option => (
              <TableRow key={`${option.provider} ${option.region}`}>
                <TableCell className={classes.figure}>
                  {TARGET_NAMES[option.provider]}
                </TableCell>
                <TableCell className={classes.figure}>
                  {option.region}
                </TableCell>
                <TableCell
                  title={option.fits ? option.reason : undefined}
                  className={classes.words}
                >
                  {option.pricedAs}
                </TableCell>
                <TableCell
                  className={option.estimate ? classes.figure : classes.words}
                >
                  {option.estimate
                    ? describeMonthlyCost(option.estimate)
                    : `not priced: ${option.reason ?? 'cannot run it'}`}
                </TableCell>
                <TableCell className={classes.figure}>
                  {option.estimate
                    ? describeEmissions(option.estimate.emissions)
                    : 'not estimated'}
                </TableCell>
                <TableCell>
                  {option.cheapestExact && (
                    <Chip size="small" color="primary" label="cheapest exact" />
                  )}
                  <LowerCarbonChip option={option} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableScroll>
      <PriceBandNote result={result} />
    </>
  );
}

/** Cost or emissions first: the backend orders, unknown figures last either way. */
function SortChoice(props: {
  sort: CompareSort;
  onChange: (sort: CompareSort) => void;
}) {
  return (
    <FormControl component="fieldset">
      <FormLabel component="legend">Sort by</FormLabel>
      <RadioGroup
        row
        aria-label="Sort by"
        value={props.sort}
        onChange={event => props.onChange(event.target.value as CompareSort)}
      >
        <FormControlLabel
          value="cost"
          control={<Radio size="small" />}
          label="Monthly cost"
        />
        <FormControlLabel
          value="emissions"
          control={<Radio size="small" />}
          label="Emissions"
        />
      </RadioGroup>
    </FormControl>
  );
}

/**
 * "The same on Cloud Run / ACI / Kubernetes": the form's workload priced on
 * every installed target, side by side, with its emissions, sorted by cost
 * or emissions; the cheapest exact option and the lower-carbon one at the
 * cheapest's price band are marked.
 * Folded until opened, so that it asks the backend only when someone looks.
 *
 * @internal
 */
export function CompareTargets(props: { request: EstimateRequest }) {
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  const [sort, setSort] = useState<CompareSort>('cost');
  const compare = toCompareRequest(props.request);
  const others = DEPLOYMENT_PROVIDERS.filter(p => p !== props.request.provider)
    .map(p => TARGET_NAMES[p])
    .join(' / ');
  return (
    <Accordion
      expanded={open}
      onChange={(_event, expanded) => setOpen(expanded)}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="subtitle2">The same on {others}</Typography>
      </AccordionSummary>
      <AccordionDetails>
        {compare ? (
          <div className={classes.body}>
            <SortChoice sort={sort} onChange={setSort} />
            <CompareTable
              request={sort === 'cost' ? compare : { ...compare, sort }}
            />
          </div>
        ) : (
          <Typography variant="body2" color="textSecondary">
            The comparison needs the workload's CPU and memory.
          </Typography>
        )}
      </AccordionDetails>
    </Accordion>
  );
}
