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

/**
 * An opaque page token of the metrics APIs: where the next page starts, and
 * the size of the answer it belongs to, so that a token of another answer is
 * refused rather than read.
 */
export function writePageToken(offset: number, total: number): string {
  return Buffer.from(JSON.stringify({ offset, total })).toString('base64url');
}

/** Where the page of a token starts; undefined for a token not of this answer. */
export function readPageToken(
  token: string,
  total: number,
): number | undefined {
  try {
    const read = JSON.parse(Buffer.from(token, 'base64url').toString());
    if (
      Number.isInteger(read.offset) &&
      read.offset > 0 &&
      read.offset < total &&
      read.total === total
    ) {
      return read.offset;
    }
  } catch {
    // Not a token of ours.
  }
  return undefined;
}
