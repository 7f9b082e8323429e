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

/**
 * Cell styles that keep a table readable in a narrow card: figures and
 * words never break inside, the table scrolls sideways within its card
 * rather than squeezing its columns, and long identifiers break only after
 * their separators.
 *
 * @internal
 */
export const useTableCellStyles = makeStyles(
  {
    /** Wraps a table: scrolls it sideways when the card is narrower. */
    scroll: {
      overflowX: 'auto',
      maxWidth: '100%',
    },
    /** Money, quantities, dates: one line, never broken. */
    figure: {
      whiteSpace: 'nowrap',
      fontVariantNumeric: 'tabular-nums',
    },
    /** Prose (descriptions, messages): breaks between words only. */
    words: {
      wordBreak: 'normal',
      overflowWrap: 'normal',
      hyphens: 'manual',
      minWidth: '12em',
    },
    /** A name: one line, cut with an ellipsis; the full name is its title. */
    name: {
      whiteSpace: 'nowrap',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      maxWidth: '20em',
    },
    /**
     * A long identifier or address: breaks only where `breakableId` put a
     * break opportunity (after '/', '-', ':', '.', '?', '&', '='), never
     * inside a word or number.
     */
    id: {
      wordBreak: 'keep-all',
      overflowWrap: 'normal',
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    },
  },
  { name: 'CloudDeploymentsTableCells' },
);
