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
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import OutlinedInput from '@material-ui/core/OutlinedInput';
import Select from '@material-ui/core/Select';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(
  theme => ({
    root: { minWidth: 160, maxWidth: 280 },
    // On the page's grey the default grey label is under 4.5:1.
    label: { color: theme.palette.text.primary },
  }),
  { name: 'CloudDeploymentsFilterSelect' },
);

/**
 * Props of {@link FilterSelect}.
 *
 * @internal
 */
export type FilterSelectProps = {
  id: string;
  label: string;
  options: { value: string; label: string }[];
  selected: string[];
  onChange(selected: string[]): void;
};

/**
 * A labelled multiple choice; nothing chosen means no filter ("All").
 *
 * @internal
 */
export function FilterSelect(props: FilterSelectProps) {
  const { id, label, options, selected, onChange } = props;
  const classes = useStyles();
  const labelId = `${id}-label`;
  const labelOf = (value: string) =>
    options.find(o => o.value === value)?.label ?? value;

  return (
    <FormControl variant="outlined" size="small" className={classes.root}>
      <InputLabel id={labelId} shrink classes={{ root: classes.label }}>
        {label}
      </InputLabel>
      <Select
        id={id}
        labelId={labelId}
        multiple
        displayEmpty
        value={selected}
        input={<OutlinedInput notched label={label} />}
        onChange={e => onChange(e.target.value as string[])}
        renderValue={value => {
          const values = value as string[];
          return values.length ? values.map(labelOf).join(', ') : 'All';
        }}
      >
        {options.map(option => (
          <MenuItem key={option.value} value={option.value} dense>
            <Checkbox
              size="small"
              checked={selected.includes(option.value)}
              inputProps={{ 'aria-hidden': true }}
              tabIndex={-1}
            />
            <ListItemText primary={option.label} />
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
