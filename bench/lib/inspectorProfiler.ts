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

/*
 * CPU profiles of a backend process over a chosen window only (not its start),
 * through the inspector protocol: the backend runs with `--inspect=<port>`,
 * and the benchmark starts and stops the V8 profiler around what it measures.
 */

type Profile = {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  startTime: number;
  endTime: number;
};

/** A connection to a process's inspector, able to profile windows of it. */
export class InspectorProfiler {
  #ws: WebSocket;
  #next = 0;
  #pending = new Map<number, (result: any) => void>();

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.addEventListener('message', event => {
      const msg = JSON.parse(String(event.data));
      this.#pending.get(msg.id)?.(msg.result);
      this.#pending.delete(msg.id);
    });
  }

  static async connect(inspectPort: number): Promise<InspectorProfiler> {
    const [target] = await (
      await fetch(`http://127.0.0.1:${inspectPort}/json/list`)
    ).json();
    const ws = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      ws.addEventListener('open', resolve, { once: true });
      ws.addEventListener('error', reject, { once: true });
    });
    const profiler = new InspectorProfiler(ws);
    await profiler.#send('Profiler.enable');
    // 200 µs between samples: fine enough for per-request costs of ~ms.
    await profiler.#send('Profiler.setSamplingInterval', { interval: 200 });
    return profiler;
  }

  #send(method: string, params: object = {}): Promise<any> {
    const id = ++this.#next;
    return new Promise(resolve => {
      this.#pending.set(id, resolve);
      this.#ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Profiles what `work` makes the process do. */
  async profile(work: () => Promise<void>): Promise<Profile> {
    await this.#send('Profiler.start');
    await work();
    const { profile } = await this.#send('Profiler.stop');
    return profile;
  }

  close() {
    this.#ws.close();
  }
}

const where = (url: string) => {
  if (!url) return '(native)';
  const pkg = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  const ours = url.match(/\/plugins\/([^/]+)\//);
  if (ours) return ours[1];
  return url.startsWith('node:') ? 'node' : url.replace(/^.*\//, '');
};

/**
 * Where a profile's time went: self time per package (or node / native),
 * and the functions with the most self time, as shares of the window.
 */
export function summarizeProfile(profile: Profile, top = 15) {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const total = profile.samples.length;
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const id of profile.samples) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const pkg = where(url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + 1);
    const fn = `${functionName || '(anonymous)'} (${pkg}:${lineNumber + 1})`;
    functions.set(fn, (functions.get(fn) ?? 0) + 1);
  }
  const share = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => ({ name, share: n / total }));
  return {
    seconds: (profile.endTime - profile.startTime) / 1e6,
    packages: share(packages),
    functions: share(functions),
  };
}
