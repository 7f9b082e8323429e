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

/**
 * What `POST /render` writes: `engine`, the files of the spec's engine
 * (Terraform or Kubernetes manifests, as its provider renders them), or
 * `compose`, a `docker-compose.yaml` to run the deployment locally.
 *
 * @public
 */
export const RENDER_FORMATS = ['engine', 'compose'] as const;

/**
 * A render format; see {@link RENDER_FORMATS}.
 *
 * @public
 */
export type RenderFormat = (typeof RENDER_FORMATS)[number];

/**
 * The query of `POST /render`.
 *
 * @public
 */
export const renderQuerySchema = z
  .object({
    format: z
      .enum(RENDER_FORMATS, {
        errorMap: () => ({
          message: `must be one of ${RENDER_FORMATS.join(', ')}`,
        }),
      })
      .optional()
      .describe(
        'engine (the default): the Terraform or manifests of the spec; compose: a docker-compose.yaml to run it locally',
      ),
  })
  .strict();

/**
 * A valid `POST /render` query.
 *
 * @public
 */
export type RenderQuery = z.infer<typeof renderQuerySchema>;
