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
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_PREFIX = 'tfws_';

/**
 * A new workspace token and the hash that is stored instead of it. The token
 * is 256 random bits, so a fast hash is enough: nothing can be guessed from
 * it, and Terraform's every request does not pay for a slow one.
 */
export function createWorkspaceToken(): { token: string; hash: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashWorkspaceToken(token) };
}

export function hashWorkspaceToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares in constant time; a missing hash still costs a comparison. */
export function workspaceTokenMatches(
  token: string,
  hash: string | undefined,
): boolean {
  const expected = Buffer.from(hash ?? '0'.repeat(64), 'hex');
  const actual = Buffer.from(hashWorkspaceToken(token), 'hex');
  return (
    expected.length === actual.length &&
    timingSafeEqual(expected, actual) &&
    hash !== undefined
  );
}

/** The user name and password of an HTTP Basic `Authorization` header. */
export function parseBasicAuth(
  header: string | undefined,
): { username: string; password: string } | undefined {
  const match = header?.match(/^Basic[ ]+([A-Za-z0-9+/=]+)$/i);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    username: decoded.slice(0, colon),
    password: decoded.slice(colon + 1),
  };
}
