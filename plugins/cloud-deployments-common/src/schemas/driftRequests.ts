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
import { int } from './fields';

/**
 * The body of `POST /deployments/:id/drift/accept`: the version the drift
 * was read at, so that what is accepted is what the person saw.
 *
 * @public
 */
export const acceptDriftRequestSchema = z
  .object({ version: int(1, Number.MAX_SAFE_INTEGER) })
  .strict();

/**
 * A valid `POST /deployments/:id/drift/accept` body.
 *
 * @public
 */
export type AcceptDriftRequest = z.infer<typeof acceptDriftRequestSchema>;
