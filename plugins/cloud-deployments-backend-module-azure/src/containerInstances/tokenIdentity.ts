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
import { decodeJwt } from 'jose';

const PRINCIPAL_TYPES: Record<string, string> = {
  app: 'ServicePrincipal',
  user: 'User',
};

/**
 * Who an Azure Resource Manager access token of Microsoft Entra ID says the
 * caller is: its tenant (`tid`), object id (`oid`, what role assignments
 * name), application (`appid`, or `azp` in v2 tokens), principal type
 * (`idtyp`) and, for a user, the user name. Throws, without quoting the
 * token, when it is not a JWT or names no tenant and object id.
 */
export function identityOfToken(token: string): Record<string, string> {
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(token);
  } catch (error) {
    // jose's messages describe the shape, never the token.
    throw new Error(
      `the access token is not a JWT (${(error as Error).message})`,
    );
  }
  const text = (name: string) =>
    typeof claims[name] === 'string' && claims[name] !== ''
      ? (claims[name] as string)
      : undefined;
  const tenantId = text('tid');
  const objectId = text('oid');
  if (!tenantId || !objectId) {
    throw new Error('the access token names no tenant (tid) or object (oid)');
  }
  const applicationId = text('appid') ?? text('azp');
  const principalType = PRINCIPAL_TYPES[text('idtyp') ?? ''];
  const user = text('upn') ?? text('unique_name');
  return {
    tenantId,
    objectId,
    ...(applicationId ? { applicationId } : {}),
    ...(principalType ? { principalType } : {}),
    ...(user ? { user } : {}),
  };
}
