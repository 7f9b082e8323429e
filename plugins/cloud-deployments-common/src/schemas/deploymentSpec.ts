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
import { z } from 'zod/v3';
import {
  DEPLOYMENT_ENGINES,
  DEPLOYMENT_PROVIDERS,
  DRIFT_REMEDIATIONS,
} from '../types';
import { usageAssumptionsSchema } from './usageAssumptions';
import {
  accountSchema,
  entityRefSchema,
  environmentSchema,
  int,
  isoDurationSchema,
  regionSchema,
  textSchema,
} from './fields';

const imageSchema = textSchema()
  .max(512, 'must be at most 512 characters')
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9._\-/:@]*$/,
    'must be an image reference like "registry.example.com/team/app:1.0"',
  );

const modelDataUrlSchema = textSchema()
  .max(1024, 'must be at most 1024 characters')
  .regex(
    /^(s3|gs|https?):\/\/[^\s]+$/,
    'must be an s3://, gs:// or https:// URL',
  );

/**
 * What is deployed.
 *
 * @public
 */
export const deploymentArtifactSchema = z
  .object({
    image: imageSchema.optional(),
    modelDataUrl: modelDataUrlSchema.optional(),
  })
  .strict();

/**
 * The compute a deployment asks for, with sane bounds on every number.
 *
 * @public
 */
export const deploymentComputeSchema = z
  .object({
    instanceType: textSchema()
      .regex(
        /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$/,
        'must be an instance type like "ml.m5.large"',
      )
      .optional(),
    instanceCount: int(1, 100).optional(),
    cpu: z
      .number()
      .positive('must be greater than 0')
      .max(96, 'must be at most 96')
      .optional(),
    memoryMiB: int(128, 786432).optional(),
    minInstances: int(0, 1000).optional(),
    maxInstances: int(1, 1000).optional(),
    concurrency: int(1, 1000).optional(),
    gpu: int(0, 16).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (
      c.minInstances !== undefined &&
      c.maxInstances !== undefined &&
      c.minInstances > c.maxInstances
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['minInstances'],
        message: 'must not be greater than maxInstances',
      });
    }
  });

/** The most environment variables a deployment may set. */
const MAX_ENV = 100;

/**
 * Environment variables of the deployed container: POSIX-style names, text
 * values. Values are part of the spec, so everyone who may read the
 * deployment sees them: they are not the place for secrets.
 *
 * @public
 */
export const deploymentEnvSchema = z
  .record(
    z
      .string()
      // __proto__ would be lost on its way into an object.
      .regex(
        /^(?!__proto__$)[A-Za-z_][A-Za-z0-9_]{0,127}$/,
        'must be a name of letters, digits and _ (not starting with a digit), at most 128 characters',
      ),
    textSchema().max(4096, 'must be at most 4096 characters'),
  )
  .refine(env => Object.keys(env).length <= MAX_ENV, {
    message: `must have at most ${MAX_ENV} variables`,
  });

// The fields of a spec, shared by the request schemas.
export const specShape = {
  owner: entityRefSchema('Group', 'User'),
  component: entityRefSchema('Component'),
  system: entityRefSchema('System').optional(),
  environment: environmentSchema,
  provider: z.enum(DEPLOYMENT_PROVIDERS, {
    errorMap: () => ({
      message: `must be one of ${DEPLOYMENT_PROVIDERS.join(', ')}`,
    }),
  }),
  region: regionSchema,
  account: accountSchema.optional(),
  artifact: deploymentArtifactSchema,
  compute: deploymentComputeSchema,
  engine: z.enum(DEPLOYMENT_ENGINES, {
    errorMap: () => ({
      message: `must be one of ${DEPLOYMENT_ENGINES.join(', ')}`,
    }),
  }),
  ttl: isoDurationSchema.optional(),
  env: deploymentEnvSchema.optional(),
  /** The usage its estimate assumes, where the defaults do not fit. */
  usage: usageAssumptionsSchema.optional(),
  /** What reconciliation does when the resources drift from the spec. */
  driftRemediation: z
    .enum(DRIFT_REMEDIATIONS, {
      errorMap: () => ({
        message: `must be one of ${DRIFT_REMEDIATIONS.join(', ')}`,
      }),
    })
    .optional(),
};

type SpecInput = {
  provider: (typeof DEPLOYMENT_PROVIDERS)[number];
  env?: Record<string, string>;
  engine?: (typeof DEPLOYMENT_ENGINES)[number];
  artifact?: z.infer<typeof deploymentArtifactSchema>;
  compute: z.infer<typeof deploymentComputeSchema>;
};

/** The rules that depend on the target, shared by create, update and estimates. */
export function checkTargetRules(spec: SpecInput, ctx: z.RefinementCtx) {
  checkComputeRules(spec, ctx);
  // Cloud Run sets PORT itself and refuses a service that sets it; the
  // portal sets it on Container Instances to the port it exposes.
  if (
    spec.env &&
    spec.env.PORT !== undefined &&
    (spec.provider === 'gcp-cloud-run' ||
      spec.provider === 'azure-container-instances')
  ) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['env', 'PORT'],
      message: `is set by the platform on ${spec.provider}`,
    });
  }
  if (!spec.artifact) return;
  if (spec.provider === 'aws-sagemaker') {
    if (!spec.artifact.image && !spec.artifact.modelDataUrl) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['artifact', 'image'],
        message: `is required for provider ${spec.provider} (or artifact.modelDataUrl)`,
      });
    }
  } else if (!spec.artifact.image) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['artifact', 'image'],
      message: `is required for provider ${spec.provider}`,
    });
  }
}

/** The rules on compute and engine that depend on the target. */
export function checkComputeRules(spec: SpecInput, ctx: z.RefinementCtx) {
  const addMissing = (path: string[], what: string) =>
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path,
      message: `is required for provider ${spec.provider}${what}`,
    });
  if (spec.engine === 'kubernetes' && spec.provider !== 'kubernetes') {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['engine'],
      message: 'kubernetes is only valid with provider kubernetes',
    });
  }
  if (spec.provider === 'aws-sagemaker') {
    if (!spec.compute.instanceType) addMissing(['compute', 'instanceType'], '');
    else if (!spec.compute.instanceType.startsWith('ml.')) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['compute', 'instanceType'],
        message: 'must be a SageMaker instance type like "ml.m5.large"',
      });
    }
  } else {
    if (spec.compute.cpu === undefined) addMissing(['compute', 'cpu'], '');
    if (spec.compute.memoryMiB === undefined) {
      addMissing(['compute', 'memoryMiB'], '');
    }
  }
}

/**
 * A deployment spec as declared by a person (the `CloudDeployment` entity spec).
 *
 * @public
 */
export const deploymentSpecSchema = z
  .object(specShape)
  .strict()
  .superRefine(checkTargetRules);
