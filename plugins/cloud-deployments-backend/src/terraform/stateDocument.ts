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
import { createHash } from 'node:crypto';
import { InputError } from '@backstage/errors';
import {
  findTextIssue,
  textSchema,
} from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import { z } from 'zod/v3';
import {
  MAX_JSON_DEPTH,
  MAX_TERRAFORM_JSON_DEPTH,
} from '../service/jsonBodyGuard';
import { parseInput } from '../service/validation';
import { LockInfo, NewState } from './TerraformStateStore';

/** The largest serial a state may carry (Terraform's is a 64-bit int; ours fits every database's integer). */
export const MAX_STATE_SERIAL = 2 ** 31 - 1;

/** What is checked of a state: only what history and locking rely on. */
const stateSchema = z.object({
  version: z.number().int().min(3),
  serial: z.number().int().min(0).max(MAX_STATE_SERIAL),
  lineage: textSchema().min(1).max(64),
});

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text, refusing bytes that are not UTF-8 (Terraform sends only UTF-8). */
function utf8Text(body: Buffer, expected: string): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new InputError(`body: is not UTF-8 text; expected ${expected}`);
  }
}

/**
 * Checks a state Terraform posted: its `Content-MD5` when sent, and that it is
 * a JSON state with serial and lineage. Messages never quote the body, which
 * can hold secrets.
 */
export function parseStateDocument(
  body: Buffer,
  contentMd5: string | undefined,
): NewState {
  const digest = createHash('md5').update(body).digest();
  if (contentMd5 !== undefined) {
    const sent = Buffer.from(contentMd5, 'base64');
    if (sent.length !== 16 || !sent.equals(digest)) {
      throw new InputError('Content-MD5: does not match the body');
    }
  }
  if (body.length === 0) {
    throw new InputError('body: is empty; expected a Terraform state');
  }
  let json: unknown;
  try {
    json = JSON.parse(utf8Text(body, 'a Terraform state'));
  } catch (error) {
    if (error instanceof InputError) throw error;
    // (JSON.parse quotes the text around the error: not in our message.)
    throw new InputError('body: is not JSON; expected a Terraform state');
  }
  // Escaped in JSON, ill-formed text passes the UTF-8 check; Terraform would
  // read it back as other text. States nest deeper than API bodies.
  assertWellFormedJson(json, 'state', MAX_TERRAFORM_JSON_DEPTH);
  const { serial, lineage } = parseInput(stateSchema, json, 'state');
  return { state: body, serial, lineage, md5: digest.toString('hex') };
}

/**
 * A copy of a stored state with another serial, as Terraform would write it
 * (two-space JSON, a final newline), with its MD5. A rollback writes its copy
 * above every serial so far: a plan saved against any earlier state then
 * no longer matches, and Terraform refuses it as stale.
 */
export function withSerial(
  state: Buffer,
  serial: number,
  lineage: string,
): NewState {
  const json = JSON.parse(state.toString('utf8'));
  json.serial = serial;
  const body = Buffer.from(`${JSON.stringify(json, null, 2)}\n`, 'utf8');
  const md5 = createHash('md5').update(body).digest('hex');
  return { state: body, serial, lineage, md5 };
}

const lockInfoSchema = z.object({
  ID: textSchema().min(1).max(255),
  Operation: textSchema().max(255).optional(),
  Info: textSchema().max(4096).optional(),
  Who: textSchema().max(255).optional(),
  Version: textSchema().max(64).optional(),
  Created: textSchema().max(64).optional(),
  Path: textSchema().max(1024).optional(),
});

/** The LockInfo of a LOCK or UNLOCK body; undefined for an empty body. */
export function parseLockInfo(body: Buffer): LockInfo | undefined {
  if (body.length === 0) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(utf8Text(body, 'a Terraform LockInfo'));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('body: is not JSON; expected a Terraform LockInfo');
  }
  assertWellFormedJson(json, 'body', MAX_JSON_DEPTH);
  return parseInput(lockInfoSchema, json, 'lock info');
}

/** A 400 naming where `json` nests too deep or holds ill-formed text. */
function assertWellFormedJson(json: unknown, root: string, maxDepth: number) {
  const issue = findTextIssue(json, { root, maxDepth });
  if (issue) throw new InputError(`${issue.path}: ${issue.message}`);
}
