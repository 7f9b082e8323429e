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
import { Answer } from './send';
import { ConcreteRequest } from './world';

/*
 * What every answer must be. Each rule returns the problem, or nothing.
 */

/**
 * Where a 400 must say the problem is: after an optional `Invalid <what>: `
 * (or `The manifests are not valid: `), a field path (`compute.cpu`,
 * `plan.resource_changes[0].type`, `query["odd key"]`), a part of the request (`body`, `query`,
 * `id`, `path`, a header such as `Content-MD5`), or a manifest (`Deployment/web`,
 * `document 2`), followed by `: `.
 */
const NAMED_400 =
  /^(?:Invalid [\w -]+: |The manifests are not valid: )?(?:document \d+|(?:\["(?:[^"\\]|\\.)*"\]|[^\s:;])+): \S/;

/** Signs of a stack trace or a path on the server, in an error body. */
const LEAKS: Array<[string, RegExp]> = [
  ['a stack trace', /\n\s+at \S+ \(|"stack"\s*:/],
  [
    'a file path',
    /\/work\/|\/home\/|\/tmp\/|node_modules|[\w-]+\.(?:ts|js|cjs|mjs):\d+/,
  ],
];

/** The problems with one answer, or an empty list. */
export function check(request: ConcreteRequest, answer: Answer): string[] {
  // Node's HTTP parser answers a head over 16 KiB with 431 and closes the
  // socket at once: a client still sending a body then sees the reset, not
  // the 431. The same refusal, lost in transport (that nothing was written
  // is still checked).
  if (
    answer.failure &&
    /ECONNRESET|EPIPE/.test(answer.failure) &&
    headerBytes(request) > 16 * 1024
  ) {
    return [];
  }
  if (answer.failure) return [answer.failure];
  const problems: string[] = [];
  const { status, text } = answer;
  if (status >= 500) problems.push(`answered ${status}`);
  if (status >= 400) {
    for (const [what, pattern] of LEAKS) {
      const leak = pattern.exec(text);
      // Unless the client sent that text itself (and it was echoed).
      if (leak && !request.sentText.includes(leak[0])) {
        problems.push(`the error body shows ${what}: ${leak[0].trim()}`);
      }
    }
  }
  // HEAD answers carry no body; 423 carries the lock holder's LockInfo, as
  // Terraform's protocol has it; Node's HTTP parser refuses a request line and
  // headers over 16 KiB with a bare 431 before any handler sees them.
  if (status < 400 || request.method === 'HEAD') return problems;
  if (status === 431 && headerBytes(request) > 16 * 1024) return problems;
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return [...problems, `answered ${status} without a JSON body`];
  }
  if (status === 423) {
    if (typeof body?.ID !== 'string') {
      problems.push('answered 423 without the holder’s LockInfo');
    }
    return problems;
  }
  const message = body?.error?.message;
  if (typeof message !== 'string' || message.trim() === '') {
    problems.push(`answered ${status} without error.message`);
  } else if (status === 400 && !NAMED_400.test(message)) {
    problems.push(
      `answered 400 without naming where the problem is: "${message.slice(
        0,
        200,
      )}"`,
    );
  }
  return problems;
}

function headerBytes(request: ConcreteRequest): number {
  return Object.entries(request.headers).reduce(
    (n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v) + 4,
    Buffer.byteLength(request.url) + 20,
  );
}
