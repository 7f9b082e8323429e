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
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { JsonValue } from '@backstage/types';
import { z } from 'zod/v3';
import {
  booleanConfig,
  ownConfigMessage,
  positiveIntegerConfig,
  readConfigWithSchema,
} from './readConfigWithSchema';

const schema = z.object({
  regions: z.array(z.string().min(2, 'too short')).min(1, 'list one'),
  attempts: positiveIntegerConfig(),
});
const KEY = 'cloudDeployments.pricing.test';
const read = (test: JsonValue | undefined) =>
  readConfigWithSchema(
    new ConfigReader({ cloudDeployments: { pricing: { test } } }),
    KEY,
    schema.optional(),
  );

describe('readConfigWithSchema', () => {
  it('returns what the schema makes of the subtree, or undefined when absent', () => {
    expect(read({ regions: ['eu'], attempts: 3 })).toEqual({
      regions: ['eu'],
      attempts: 3,
    });
    expect(read(undefined)).toBeUndefined();
    expect(
      readConfigWithSchema(new ConfigReader({}), KEY, schema.optional()),
    ).toBeUndefined();
  });

  it('reads numbers written as text, as Backstage does', () => {
    expect(read({ regions: ['eu'], attempts: '4' })).toEqual({
      regions: ['eu'],
      attempts: 4,
    });
  });

  it('throws an InputError naming the full key path of the first problem', () => {
    expect(() => read({ regions: [] })).toThrow(
      new InputError(`Invalid config ${KEY}.regions: list one`),
    );
    expect(() => read({ regions: ['eu', 'x'] })).toThrow(
      `Invalid config ${KEY}.regions[1]: too short`,
    );
    expect(() => read({ regions: ['eu'], attempts: 0 })).toThrow(
      `Invalid config ${KEY}.attempts: expected a positive integer, got 0`,
    );
    expect(() => read({ regions: ['eu'], attempts: 1.5 })).toThrow(
      `Invalid config ${KEY}.attempts: expected a positive integer, got 1.5`,
    );
    expect(() => read({ regions: ['eu'], attempts: 'many' })).toThrow(
      `Invalid config ${KEY}.attempts: expected a positive integer`,
    );
    expect(() => read('eu')).toThrow(
      `Invalid config ${KEY}: Expected object, received string`,
    );
  });

  it('throws the whole message a custom issue gives with ownConfigMessage', () => {
    const ports = z.object({
      ports: z.array(
        z.number().superRefine((port, ctx) => {
          if (port > 65535) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              params: ownConfigMessage(
                path => `${path} ${port} must be a port number`,
              ),
            });
          }
        }),
      ),
    });
    const config = new ConfigReader({ app: { ports: [80, 70000] } });
    expect(() => readConfigWithSchema(config, 'app', ports)).toThrow(
      new InputError('app.ports[1] 70000 must be a port number'),
    );
  });

  it('says a required value is missing as Backstage config does', () => {
    expect(() => read({})).toThrow(
      `Missing required config value at '${KEY}.regions'`,
    );
    expect(() =>
      readConfigWithSchema(new ConfigReader({}), KEY, schema),
    ).toThrow(`Missing required config value at '${KEY}'`);
  });

  it('reads booleans written as text, as Backstage does', () => {
    const flag = z.object({ sandbox: booleanConfig() });
    const readFlag = (sandbox: JsonValue | undefined) =>
      readConfigWithSchema(new ConfigReader({ a: { sandbox } }), 'a', flag)
        .sandbox;
    expect(readFlag(true)).toBe(true);
    expect(readFlag('false')).toBe(false);
    expect(readFlag(undefined)).toBeUndefined();
    expect(() => readFlag('yes')).toThrow(
      'Invalid config a.sandbox: Expected boolean, received string',
    );
  });

  it('is an InputError', () => {
    expect(() => read({ regions: [] })).toThrow(InputError);
  });
});
