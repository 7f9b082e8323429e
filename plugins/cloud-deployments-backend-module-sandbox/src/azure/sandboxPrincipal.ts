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

/**
 * Who the sandbox's callers are, as the claims of a Microsoft Entra ID
 * access token for Azure Resource Manager name them: a service principal
 * (application) in the sandbox tenant.
 */
export const SANDBOX_PRINCIPAL = {
  tid: '5a4db0c5-0000-4000-8000-000000000001',
  oid: '5a4db0c5-0000-4000-8000-000000000002',
  appid: '5a4db0c5-0000-4000-8000-000000000003',
  idtyp: 'app',
} as const;

const base64url = (value: object) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The bearer token the sandbox hands out: shaped as Entra ID's (a JWT whose
 * claims name {@link SANDBOX_PRINCIPAL}), so that a client reads who it is
 * from it as it would from Azure's, but unsigned: the sandbox accepts any
 * bearer token and trusts nothing in it.
 */
export function sandboxAccessToken(): string {
  const header = { alg: 'none', typ: 'JWT' };
  const claims = {
    aud: 'https://management.azure.com/',
    iss: `https://sts.windows.net/${SANDBOX_PRINCIPAL.tid}/`,
    sub: SANDBOX_PRINCIPAL.oid,
    ...SANDBOX_PRINCIPAL,
  };
  return `${base64url(header)}.${base64url(claims)}.`;
}
