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
import { Deployment } from '@cloud-deployments-for-backstage/plugin-cloud-deployments-common';
import Ajv from 'ajv';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { HOSTILE_VALUES } from '../testUtils/hostileValues';
import { escapeComposeInterpolation } from './composeFile';
import { COMPOSE_FILE_NAME, renderComposeFile } from './renderComposeFile';

// The Compose Specification's JSON schema, as the maintained linter dclint
// ships it (its exports name no path to it, so it is found by its package).
const schemaPath = join(
  dirname(require.resolve('dclint/package.json')),
  'schemas/compose.schema.json',
);
const { $schema: _draft, ...composeSchema } = JSON.parse(
  readFileSync(schemaPath, 'utf8'),
);
const validateCompose = new Ajv({ strict: false, allErrors: true }).compile(
  composeSchema,
);

/** Values Compose and YAML read specially, beyond the renderers' list. */
const COMPOSE_HOSTILE: Record<string, string> = {
  ...HOSTILE_VALUES,
  variable: '$HOME',
  'braced variable': '${HOME}',
  'variable with default': '${VAR:-x}',
  'required variable': '${VAR:?missing}',
  'command substitution': '$(rm -rf /)',
  'trailing dollar': 'a$',
  'mapping token': 'key: value',
  'sequence token': '- item',
  anchor: '&anchor',
  alias: '*alias',
  tag: '!!python/object:os.system',
  templates: '{{ .Env.HOME }}',
  'flow mapping': '{a: 1}',
  comment: 'a # b',
  'boolean-like': 'yes',
  'number-like': '0x1F',
  'null-like': '~',
  'unicode names': 'Grüße-名前-🚀',
  'leading and trailing spaces': '  x  ',
};

/**
 * What Compose makes of a value: `$$` is one `$`, and `$NAME` or `${…}`
 * would be replaced (here by a marker a test cannot mistake for text).
 */
function interpolated(value: string): string {
  return value.replace(/\$(\$|\{|[A-Za-z_])?/g, (_, next) => {
    if (next === '$') return '$';
    return next ? '\u0000SUBSTITUTED\u0000' : '$';
  });
}

function deploymentOf(spec: Partial<Deployment['spec']> = {}) {
  return {
    name: 'web-api',
    spec: {
      owner: 'group:default/web-team',
      component: 'component:default/web-api',
      environment: 'staging',
      provider: 'gcp-cloud-run',
      region: 'europe-west1',
      engine: 'terraform',
      artifact: { image: 'europe-docker.pkg.dev/acme/web/api:2.3.1' },
      compute: { cpu: 1, memoryMiB: 512 },
      ...spec,
    },
  } as Deployment;
}

/** The file of a render, parsed, after checking it is valid Compose. */
function rendered(deployment: Deployment): any {
  const { files } = renderComposeFile(deployment);
  expect(Object.keys(files)).toEqual([COMPOSE_FILE_NAME]);
  const document = parse(files[COMPOSE_FILE_NAME], { maxAliasCount: 0 });
  if (!validateCompose(document)) {
    throw new Error(JSON.stringify(validateCompose.errors));
  }
  return document;
}

describe('renderComposeFile', () => {
  it('runs a Cloud Run service as Cloud Run would: PORT, limits, a TCP-like check', () => {
    const document = rendered(deploymentOf({ env: { LOG_LEVEL: 'debug' } }));
    expect(document).toEqual({
      name: 'web-api',
      services: {
        'web-api': {
          image: 'europe-docker.pkg.dev/acme/web/api:2.3.1',
          ports: [
            {
              target: 8080,
              published: '8080',
              host_ip: '127.0.0.1',
              protocol: 'tcp',
            },
          ],
          environment: { LOG_LEVEL: 'debug', PORT: '8080' },
          deploy: { resources: { limits: { cpus: 1, memory: '512M' } } },
          healthcheck: {
            test: [
              'CMD',
              'curl',
              '--silent',
              '--output',
              '/dev/null',
              'http://127.0.0.1:8080/',
            ],
            interval: '10s',
            timeout: '2s',
            retries: 3,
            start_period: '30s',
          },
        },
      },
    });
  });

  it('runs a SageMaker model as SageMaker would: serve, GET /ping, the model in /opt/ml/model, a GPU', () => {
    const service = rendered(
      deploymentOf({
        provider: 'aws-sagemaker',
        region: 'us-east-1',
        engine: 'sdk',
        artifact: {
          image:
            '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3-gpu',
          modelDataUrl: 's3://models/fraud/model.tar.gz',
        },
        compute: { instanceType: 'ml.g5.xlarge', instanceCount: 2, gpu: 1 },
      }),
    ).services['web-api'];
    expect(service.command).toEqual(['serve']);
    expect(service.healthcheck.test).toEqual([
      'CMD',
      'curl',
      '--fail',
      '--silent',
      '--output',
      '/dev/null',
      'http://127.0.0.1:8080/ping',
    ]);
    expect(service.volumes).toEqual([
      {
        type: 'bind',
        source: './model',
        target: '/opt/ml/model',
        read_only: true,
      },
    ]);
    expect(service.environment).toBeUndefined();
    expect(service.deploy).toEqual({
      resources: {
        reservations: {
          devices: [{ driver: 'nvidia', count: 1, capabilities: ['gpu'] }],
        },
      },
    });
  });

  it('gives each target its defaults: Container Instances 1 CPU and 1536M, Kubernetes a CPU reservation and 128M', () => {
    const aci = rendered(
      deploymentOf({
        provider: 'azure-container-instances',
        region: 'westeurope',
        compute: {},
      }),
    ).services['web-api'];
    expect(aci.deploy.resources).toEqual({
      limits: { cpus: 1, memory: '1536M' },
    });
    expect(aci.environment).toEqual({ PORT: '8080' });
    const kubernetes = rendered(
      deploymentOf({
        provider: 'kubernetes',
        engine: 'kubernetes',
        compute: { cpu: 0.5 },
      }),
    ).services['web-api'];
    expect(kubernetes.deploy.resources).toEqual({
      limits: { memory: '128M' },
      reservations: { cpus: 0.5 },
    });
  });

  it('asks for an image when the spec has only model data', () => {
    expect(() =>
      renderComposeFile(
        deploymentOf({
          provider: 'aws-sagemaker',
          artifact: { modelDataUrl: 's3://models/m.tar.gz' },
        }),
      ),
    ).toThrow(
      'artifact.image: is required for a Compose file, which runs a container image (the model data is mounted into it, never run alone)',
    );
  });

  describe.each(Object.entries(COMPOSE_HOSTILE))('with %s', (_label, value) => {
    it('keeps it as data in env values and the image, literal after interpolation', () => {
      const document = rendered(
        deploymentOf({
          artifact: { image: value },
          env: { VALUE: value, OTHER: value },
        }),
      );
      const service = document.services['web-api'];
      expect(Object.keys(document)).toEqual(['name', 'services']);
      expect(Object.keys(document.services)).toEqual(['web-api']);
      expect(service.image).toBe(escapeComposeInterpolation(value));
      expect(interpolated(service.image)).toBe(value);
      expect(interpolated(service.environment.VALUE)).toBe(value);
      expect(interpolated(service.environment.OTHER)).toBe(value);
      expect(Object.keys(service.environment).sort()).toEqual([
        'OTHER',
        'PORT',
        'VALUE',
      ]);
    });
  });

  // Some hostile values (`yes`, a megabyte of `x`) are names Compose can hold.
  const split = (name: RegExp) => {
    const entries = Object.entries(COMPOSE_HOSTILE);
    return [
      entries.filter(([, value]) => name.test(value)),
      entries.filter(([, value]) => !name.test(value)),
    ];
  };
  const [envNames, notEnvNames] = split(/^[A-Za-z_][A-Za-z0-9_]*$/);
  const [projectNames, notProjectNames] = split(/^[a-z0-9][a-z0-9_-]*$/);

  it.each(envNames)('keeps %s as a variable name', (_label, value) => {
    expect(
      rendered(deploymentOf({ env: { [value]: 'x' } })).services['web-api']
        .environment[value],
    ).toBe('x');
  });

  it.each(notEnvNames)(
    'refuses %s as a variable name, saying so',
    (_label, value) => {
      expect(() =>
        renderComposeFile(deploymentOf({ env: { [value]: 'x' } })),
      ).toThrow(/^env: ".*" is not a variable name/s);
    },
  );

  it.each(projectNames)(
    'keeps %s as the project and service name',
    (_label, value) => {
      expect(
        Object.keys(rendered({ ...deploymentOf(), name: value }).services),
      ).toEqual([value]);
    },
  );

  it.each(notProjectNames)(
    'refuses %s as a project name, saying so',
    (_label, value) => {
      expect(() =>
        renderComposeFile({ ...deploymentOf(), name: value }),
      ).toThrow(/^name: a Compose project name must be/);
    },
  );

  it('refuses NUL, which no process can be given', () => {
    expect(() =>
      renderComposeFile(deploymentOf({ env: { A: 'a\u0000b' } })),
    ).toThrow('env.A: cannot hold a NUL character');
    expect(() =>
      renderComposeFile(deploymentOf({ artifact: { image: 'a\u0000' } })),
    ).toThrow('artifact.image: cannot hold a NUL character');
  });

  it('reads back any image and environment exactly', () => {
    const text = fc
      .string({ unit: 'binary', maxLength: 200 })
      .map(s => s.replaceAll('\u0000', ''));
    fc.assert(
      fc.property(
        text.filter(s => s.length > 0),
        fc.dictionary(
          fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/),
          text,
          {
            maxKeys: 8,
          },
        ),
        (image, env) => {
          const { PORT: _port, ...specEnv } = env;
          const document = rendered(
            deploymentOf({ artifact: { image }, env: specEnv }),
          );
          const service = document.services['web-api'];
          expect(interpolated(service.image)).toBe(image);
          expect(
            Object.fromEntries(
              Object.entries(service.environment as Record<string, string>)
                .filter(([key]) => key !== 'PORT')
                .map(([key, value]) => [key, interpolated(value)]),
            ),
          ).toEqual(specEnv);
        },
      ),
      { numRuns: 200 },
    );
  });
});
