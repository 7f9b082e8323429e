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
import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { z } from 'zod/v3';
import {
  ILL_FORMED_TEXT_MESSAGE,
  NO_NUL,
  NUL_TEXT_MESSAGE,
  WELL_FORMED,
} from './text';
import {
  DEPLOYMENT_ENGINES,
  DEPLOYMENT_PROVIDERS,
  DEPLOYMENT_STATUSES,
} from './types';

/**
 * A string that can be stored and compared faithfully: well-formed Unicode,
 * no NUL. Every string of every input schema starts from this one.
 *
 * @public
 */
export const textSchema = () =>
  z
    .string()
    .regex(WELL_FORMED, ILL_FORMED_TEXT_MESSAGE)
    .regex(NO_NUL, NUL_TEXT_MESSAGE);

// Control characters (C0, DEL, C1) and bidi overrides have no place in names or
// titles shown to people or handed to a cloud API.
const HIDDEN_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const visibleText = (max: number) =>
  textSchema()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(v => !HIDDEN_CHARACTERS.test(v), {
      message: 'must not contain control or bidirectional-override characters',
    });

/**
 * A DNS-1123 label: what every target accepts as a resource name.
 *
 * @public
 */
export const deploymentNameSchema = textSchema()
  .max(63, 'must be at most 63 characters')
  .regex(
    /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    'must be lowercase letters, digits and dashes, start with a letter and not end with a dash',
  );

const catalogNames = makeValidator();

/**
 * An entity ref of one of `kinds` (the first is the default kind), returned
 * in its full lowercase `kind:namespace/name` form. Its namespace and name
 * must be ones the catalog accepts, so that every relation the catalog module
 * makes of it points at an entity that can exist.
 */
const entityRefSchema = (...kinds: [string, ...string[]]) => {
  const lower = kinds.map(k => k.toLocaleLowerCase('en-US'));
  const example = `"${lower[0]}:default/name"`;
  const kindsText =
    lower.length === 1
      ? `a ${lower[0]}`
      : `a ${lower.slice(0, -1).join(', ')} or ${lower[lower.length - 1]}`;
  return textSchema()
    .max(255, 'must be at most 255 characters')
    .transform((value, ctx) => {
      let ref;
      try {
        ref = parseEntityRef(value, {
          defaultKind: kinds[0],
          defaultNamespace: 'default',
        });
      } catch {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be an entity ref like ${example}`,
        });
        return z.NEVER;
      }
      if (!lower.includes(ref.kind.toLocaleLowerCase('en-US'))) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must refer to ${kindsText}, like ${example}`,
        });
        return z.NEVER;
      }
      if (
        // Refs are compared in lower case, as the catalog compares them.
        !catalogNames.isValidNamespace(
          ref.namespace.toLocaleLowerCase('en-US'),
        ) ||
        !catalogNames.isValidEntityName(ref.name)
      ) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be an entity ref like ${example}: names are letters, digits, "-", "_" and "." (at most 63), namespaces lowercase letters, digits and "-"`,
        });
        return z.NEVER;
      }
      return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    });
};

const regionSchema = textSchema().regex(
  /^[a-z][a-z0-9-]{1,39}$/,
  'must be a region id like "us-east-1"',
);

const environmentSchema = textSchema().regex(
  /^[a-z][a-z0-9-]{0,31}$/,
  'must be a lowercase word like "production" (letters, digits, dashes; at most 32)',
);

/**
 * An ISO 8601 duration such as `P7D` or `PT12H`; its groups capture the
 * years, months, weeks, days, hours, minutes and seconds.
 *
 * @public
 */
export const ISO_DURATION_PATTERN =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

const isoDurationSchema = textSchema().regex(
  ISO_DURATION_PATTERN,
  'must be an ISO 8601 duration like "P7D" or "PT12H"',
);

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

const accountSchema = textSchema().regex(
  /^[a-z0-9][a-z0-9-]{0,62}$/,
  'must be the id of an account configured for the provider, e.g. "prod"',
);

const int = (min: number, max: number) =>
  z
    .number()
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

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

const specShape = {
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
};

type SpecInput = {
  provider: (typeof DEPLOYMENT_PROVIDERS)[number];
  engine?: (typeof DEPLOYMENT_ENGINES)[number];
  artifact?: z.infer<typeof deploymentArtifactSchema>;
  compute: z.infer<typeof deploymentComputeSchema>;
};

/** The rules that depend on the target, shared by create, update and estimates. */
function checkTargetRules(spec: SpecInput, ctx: z.RefinementCtx) {
  checkComputeRules(spec, ctx);
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
function checkComputeRules(spec: SpecInput, ctx: z.RefinementCtx) {
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

/**
 * The body of `POST /deployments`.
 *
 * @public
 */
export const createDeploymentRequestSchema = z
  .object({
    name: deploymentNameSchema,
    title: visibleText(200).optional(),
    description: visibleText(2000).optional(),
    ...specShape,
  })
  .strict()
  .superRefine(checkTargetRules);

/**
 * A valid `POST /deployments` body.
 *
 * @public
 */
export type CreateDeploymentRequest = z.infer<
  typeof createDeploymentRequestSchema
>;

const immutable = (field: string) =>
  z
    .undefined({
      invalid_type_error: `${field} cannot be changed after creation; create a new deployment instead`,
    })
    .optional();

/**
 * The usage an estimate assumes, where the defaults do not fit.
 *
 * @public
 */
export const usageAssumptionsSchema = z
  .object({
    hoursPerMonth: z
      .number()
      .positive('must be greater than 0')
      .max(744, 'must be at most 744 (31 days)')
      .optional(),
    requestsPerMonth: int(0, 1e12).optional(),
    avgRequestDurationMs: z
      .number()
      .positive('must be greater than 0')
      .max(3_600_000, 'must be at most 3600000 (an hour)')
      .optional(),
    billing: z
      .enum(['request', 'instance'], {
        errorMap: () => ({ message: 'must be one of request, instance' }),
      })
      .optional(),
    os: z
      .enum(['linux', 'windows'], {
        errorMap: () => ({ message: 'must be one of linux, windows' }),
      })
      .optional(),
    applyFreeTier: z.boolean().optional(),
  })
  .strict();

/**
 * The body of `POST /estimates`: what is needed to price a deployment (target,
 * region, compute), optionally the rest of a deployment request, and the
 * usage to assume.
 *
 * @public
 */
export const estimateRequestSchema = z
  .object({
    provider: specShape.provider,
    region: regionSchema,
    account: accountSchema.optional(),
    compute: deploymentComputeSchema,
    engine: specShape.engine.optional(),
    artifact: deploymentArtifactSchema.optional(),
    name: deploymentNameSchema.optional(),
    title: visibleText(200).optional(),
    description: visibleText(2000).optional(),
    owner: specShape.owner.optional(),
    component: specShape.component.optional(),
    system: specShape.system,
    environment: environmentSchema.optional(),
    ttl: isoDurationSchema.optional(),
    usage: usageAssumptionsSchema.optional(),
  })
  .strict()
  .superRefine(checkComputeRules);

/**
 * A valid `POST /estimates` body.
 *
 * @public
 */
export type EstimateRequest = z.infer<typeof estimateRequestSchema>;

/**
 * The body of `PATCH /deployments/:id`: the fields to change, and the version
 * they were read at. `null` clears an optional field. The merged result is
 * validated again as a whole spec.
 *
 * @public
 */
export const updateDeploymentRequestSchema = z
  .object({
    version: int(1, Number.MAX_SAFE_INTEGER),
    title: visibleText(200).nullable().optional(),
    description: visibleText(2000).nullable().optional(),
    owner: specShape.owner.optional(),
    system: entityRefSchema('System').nullable().optional(),
    environment: environmentSchema.optional(),
    artifact: deploymentArtifactSchema.optional(),
    compute: deploymentComputeSchema.optional(),
    ttl: isoDurationSchema.nullable().optional(),
    name: immutable('name'),
    provider: immutable('provider'),
    region: immutable('region'),
    account: immutable('account'),
    component: immutable('component'),
    engine: immutable('engine'),
  })
  .strict();

/**
 * A valid `PATCH /deployments/:id` body.
 *
 * @public
 */
export type UpdateDeploymentRequest = z.infer<
  typeof updateDeploymentRequestSchema
>;

/** A query parameter given once or several times, as an array. */
const oneOrMany = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess(
    v => (v === undefined || Array.isArray(v) ? v : [v]),
    z.array(item).max(20, 'must be given at most 20 times'),
  );

/**
 * The query of `GET /deployments`.
 *
 * @public
 */
export const listDeploymentsQuerySchema = z
  .object({
    owner: oneOrMany(entityRefSchema('Group', 'User')).optional(),
    component: oneOrMany(entityRefSchema('Component')).optional(),
    provider: oneOrMany(specShape.provider).optional(),
    status: oneOrMany(
      z.enum(DEPLOYMENT_STATUSES, {
        errorMap: () => ({
          message: `must be one of ${DEPLOYMENT_STATUSES.join(', ')}`,
        }),
      }),
    ).optional(),
    environment: oneOrMany(environmentSchema).optional(),
    q: textSchema().max(100, 'must be at most 100 characters').optional(),
    cursor: textSchema().max(200, 'is not a valid cursor').optional(),
    limit: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .pipe(int(1, 200))
      .optional(),
  })
  .strict();

/**
 * A valid `GET /deployments` query.
 *
 * @public
 */
export type ListDeploymentsQuery = z.infer<typeof listDeploymentsQuerySchema>;

/**
 * The query of `GET /deployments/:id/events`.
 *
 * @public
 */
export const listEventsQuerySchema = z
  .object({
    after: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .pipe(int(0, Number.MAX_SAFE_INTEGER))
      .optional(),
    limit: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .pipe(int(1, 1000))
      .optional(),
  })
  .strict();

/**
 * Formats validation issues as one line naming each field, e.g.
 * `compute.cpu: must be greater than 0; provider: must be one of …`.
 *
 * @public
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map(issue => {
      const path = issue.path.join('.');
      const message =
        issue.code === z.ZodIssueCode.unrecognized_keys
          ? `unknown field(s) ${issue.keys.map(k => `"${k}"`).join(', ')}`
          : issue.message;
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}

const dnsLabel = textSchema()
  .max(63, 'must be at most 63 characters')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'must be lowercase letters, digits and dashes, starting and ending with a letter or digit',
  );

/**
 * The body of `POST /kubernetes/apply`: manifests applied server-side to one
 * of the portal's clusters.
 *
 * @public
 */
export const kubernetesApplyRequestSchema = z
  .object({
    cluster: accountSchema.optional(),
    namespace: dnsLabel.optional(),
    manifests: textSchema()
      .min(1, 'must not be empty')
      .max(1024 * 1024, 'must be at most 1 MiB'),
    applySet: dnsLabel,
    prune: z.boolean().default(false),
    dryRun: z.boolean().default(false),
    wait: z.boolean().default(false),
    timeoutSeconds: int(1, 3600).optional(),
  })
  .strict();

/**
 * A valid `POST /kubernetes/apply` body.
 *
 * @public
 */
export type KubernetesApplyRequest = z.input<
  typeof kubernetesApplyRequestSchema
>;
