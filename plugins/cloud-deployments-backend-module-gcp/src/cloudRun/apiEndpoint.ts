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

/** Where a client sends its requests. */
export type ApiEndpoint = {
  apiEndpoint: string;
  port?: number;
  protocol?: 'http' | 'https';
};

/**
 * Reads an endpoint given as a host (`europe-west1-run.googleapis.com`), a
 * host and port, or a URL (`http://127.0.0.1:8123`).
 */
export function parseApiEndpoint(value: string): ApiEndpoint {
  const text = value.trim();
  const url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`'${value}' must be an http or https URL or a host name`);
  }
  if (url.pathname !== '/' || url.search || url.username || url.password) {
    throw new Error(
      `'${value}' must be a host, host:port or URL without a path`,
    );
  }
  return {
    apiEndpoint: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    ...(url.port ? { port: Number(url.port) } : {}),
    ...(/^[a-z]+:\/\//i.test(text)
      ? { protocol: url.protocol.slice(0, -1) as 'http' | 'https' }
      : {}),
  };
}
