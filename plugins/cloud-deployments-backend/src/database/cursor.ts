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
import { InputError } from '@backstage/errors';
import { DeploymentSortField } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';

/** The order of a list: a column, its direction, and `seq` to break ties. */
export type ListOrder = { sort: DeploymentSortField; order: 'asc' | 'desc' };

/** Where a page starts: after the row with this sort key and `seq`. */
export type ListPosition = { key: string | number | null; seq: number };

/**
 * Cursors are opaque to clients: base64url of a small JSON document holding the
 * position after which the next page starts, and the order it belongs to.
 * Version 1 (`seq` alone) is the default order's, from before sorting.
 */
type CursorData =
  | { v: 1; seq: number }
  | ({ v: 2; key: string | number | null; seq: number } & ListOrder);

/** Encodes the keyset position of the last row of a page, in its order. */
export function encodeCursor(order: ListOrder, position: ListPosition): string {
  const data: CursorData = { v: 2, ...order, ...position };
  return Buffer.from(JSON.stringify(data), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor from a client for the order it asks for; anything malformed,
 * a key the order cannot compare (`accepts`), or a cursor of another order is
 * a 400 naming `cursor`.
 */
export function decodeCursor(
  cursor: string,
  order: ListOrder,
  accepts: (position: ListPosition) => boolean,
): ListPosition {
  const invalid = (why = 'is not a valid cursor') =>
    new InputError(
      `cursor: ${why}; pass the nextCursor of a previous page with the same sort and order`,
    );
  if (!/^[A-Za-z0-9_-]{1,600}$/.test(cursor)) throw invalid();
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const d = (data ?? {}) as Partial<Record<string, unknown>>;
  const seq = d.seq as number;
  if (!Number.isSafeInteger(seq) || seq < 1) throw invalid();
  if (d.v === 1) {
    if (order.sort !== 'createdAt' || order.order !== 'desc') {
      throw invalid('belongs to another sort');
    }
    return { key: null, seq };
  }
  if (d.v !== 2) throw invalid();
  if (d.sort !== order.sort || d.order !== order.order) {
    throw invalid('belongs to another sort');
  }
  const position = { key: d.key as ListPosition['key'], seq };
  if (!accepts(position)) throw invalid();
  return position;
}
