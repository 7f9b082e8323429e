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
import { z } from 'zod/v3';
import {
  MAX_JSON_DEPTH,
  MAX_TERRAFORM_JSON_DEPTH,
  nestsDeeperThan,
} from '../service/jsonBodyGuard';
import { parseInput } from '../service/validation';
import { LockInfo, NewState } from './TerraformStateStore';

/** Lone surrogates (and NUL) cannot be stored as text: PostgreSQL refuses NUL. */
const ILL_FORMED =
  // eslint-disable-next-line no-control-regex
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\u0000/;

const text = (max: number, min = 0) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine(v => !ILL_FORMED.test(v), {
      message: 'must be well-formed Unicode without NUL',
    });

/** What is checked of a state: only what history and locking rely on. */
const stateSchema = z.object({
  version: z.number().int().min(3),
  serial: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  lineage: text(64, 1),
});

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
    json = JSON.parse(body.toString('utf8'));
  } catch {
    // (JSON.parse quotes the text around the error: not in our message.)
    throw new InputError('body: is not JSON; expected a Terraform state');
  }
  if (nestsDeeperThan(json, MAX_TERRAFORM_JSON_DEPTH)) {
    throw new InputError(
      `body: is nested deeper than ${MAX_TERRAFORM_JSON_DEPTH} levels`,
    );
  }
  const { serial, lineage } = parseInput(stateSchema, json, 'state');
  return { state: body, serial, lineage, md5: digest.toString('hex') };
}

const lockInfoSchema = z.object({
  ID: text(255, 1),
  Operation: text(255).optional(),
  Info: text(4096).optional(),
  Who: text(255).optional(),
  Version: text(64).optional(),
  Created: text(64).optional(),
  Path: text(1024).optional(),
});

/** The LockInfo of a LOCK or UNLOCK body; undefined for an empty body. */
export function parseLockInfo(body: Buffer): LockInfo | undefined {
  if (body.length === 0) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new InputError('body: is not JSON; expected a Terraform LockInfo');
  }
  if (nestsDeeperThan(json, MAX_JSON_DEPTH)) {
    throw new InputError(
      `body: is nested deeper than ${MAX_JSON_DEPTH} levels`,
    );
  }
  return parseInput(lockInfoSchema, json, 'lock info');
}
