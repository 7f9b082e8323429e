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
import { accountSchema, int, textSchema } from './fields';

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
