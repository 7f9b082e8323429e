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

/**
 * Cursors are opaque to clients: base64url of a small JSON document holding the
 * position after which the next page starts.
 */
type CursorData = { v: 1; seq: number };

/** Encodes the keyset position of the last row of a page. */
export function encodeCursor(seq: number): string {
  const data: CursorData = { v: 1, seq };
  return Buffer.from(JSON.stringify(data), 'utf8').toString('base64url');
}

/** Decodes a cursor from a client; anything malformed is a 400 naming `cursor`. */
export function decodeCursor(cursor: string): number {
  const invalid = () =>
    new InputError(
      'cursor: is not a valid cursor; pass the nextCursor of a previous page',
    );
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw invalid();
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { v, seq } = (data ?? {}) as Partial<CursorData>;
  if (v !== 1 || !Number.isSafeInteger(seq) || (seq as number) < 1) {
    throw invalid();
  }
  return seq as number;
}
