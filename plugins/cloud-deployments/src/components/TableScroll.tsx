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
import { useTableCellStyles } from './tableCells';

/**
 * A table's sideways scroll within its card. It can take the focus, so that
 * the keyboard can scroll it too, and is a region named after its table.
 *
 * @internal
 */
export function TableScroll(props: { label: string; children: ReactNode }) {
  const classes = useTableCellStyles();
  return (
    <div
      className={classes.scroll}
      // A scrollable region must be reachable by the keyboard (WCAG 2.1.1).
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      role="region"
      aria-label={props.label}
    >
      {props.children}
    </div>
  );
}
