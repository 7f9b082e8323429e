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
import { ConcreteRequest } from './world';

/** What came back, or that nothing did in time. */
export type Answer = {
  status: number;
  contentType: string;
  text: string;
  ms: number;
  /** Set when the request got no answer: a timeout or a dropped connection. */
  failure?: string;
};

/**
 * Sends a request and reads the answer within `timeoutMs`. An event stream
 * that opened is answered: its first bytes are read and it is closed.
 */
export async function send(
  request: ConcreteRequest,
  timeoutMs: number,
): Promise<Answer> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      redirect: 'manual',
    });
    const contentType = res.headers.get('content-type') ?? '';
    let text: string;
    if (contentType.startsWith('text/event-stream') && res.ok) {
      const reader = res.body!.getReader();
      const first = await reader.read();
      text = new TextDecoder().decode(first.value ?? new Uint8Array());
      await reader.cancel();
    } else {
      text = await res.text();
    }
    return {
      status: res.status,
      contentType,
      text,
      ms: performance.now() - started,
    };
  } catch (error) {
    return {
      status: 0,
      contentType: '',
      text: '',
      ms: performance.now() - started,
      failure: controller.signal.aborted
        ? `no answer within ${timeoutMs} ms`
        : `connection failed: ${(error as Error).cause ?? error}`,
    };
  } finally {
    clearTimeout(timer);
  }
}
