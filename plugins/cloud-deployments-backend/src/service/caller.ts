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
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';

/** A request of any route, typed by the OpenAPI spec or not. */
export type AnyRequest = Request<any, any, any, any, any>;

/**
 * Who makes a request, and the request itself (for the audit log). The
 * credentials are read when first asked for, inside the audited change, so a
 * request without valid credentials is audited as a failed change too.
 */
export type Caller = {
  request: AnyRequest;
  /** A user or another plugin; 401 otherwise. */
  credentials(): Promise<BackstageCredentials>;
};

/** The caller of a request. */
export function callerOf(
  httpAuth: HttpAuthService,
  request: AnyRequest,
): Caller {
  let credentials: Promise<BackstageCredentials> | undefined;
  return {
    request,
    credentials: () =>
      (credentials ??= httpAuth.credentials(request, {
        allow: ['user', 'service'],
      })),
  };
}

/** Who does something, for the event log. */
export async function actorOf(caller: Caller): Promise<{ ref: string }> {
  return { ref: actorRef(await caller.credentials()) };
}

/** Who did something, for the event log: a user's entity ref or the service's subject. */
export function actorRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return `service:${principal.subject ?? 'unknown'}`;
}

/**
 * Runs a change and records it in the audit log (auditor service), whether
 * it succeeds, is denied or fails. `resultMeta` adds what the result says
 * (e.g. the id of what was made).
 */
export async function audited<T>(
  auditor: AuditorService,
  options: {
    eventId: string;
    caller: Caller;
    meta?: JsonObject;
    resultMeta?: (result: T) => JsonObject;
  },
  change: () => Promise<T>,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId: options.eventId,
    severityLevel: 'medium',
    request: options.caller.request,
    meta: options.meta ?? {},
  });
  try {
    const result = await change();
    await event.success(
      options.resultMeta ? { meta: options.resultMeta(result) } : undefined,
    );
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
