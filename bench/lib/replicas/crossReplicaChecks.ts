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
import { openStream } from '../sseProbe';

const api = '/api/cloud-deployments';

/** PATCHes on replica 1, timed until streams on replica 2 see them. */
export async function streamLatency(
  urls: string[],
  token: string,
  ids: string[],
): Promise<number[]> {
  const auth = { authorization: `Bearer ${token}` };
  const reader = urls[urls.length > 1 ? 1 : 0];
  const latencies: number[] = [];
  for (const id of ids) {
    const stream = await openStream(reader, token, id);
    const current = await (
      await fetch(`${urls[0]}${api}/deployments/${id}`, { headers: auth })
    ).json();
    const last = await (
      await fetch(`${urls[0]}${api}/deployments/${id}/events?limit=1000`, {
        headers: auth,
      })
    ).json();
    const lastId = Math.max(0, ...last.items.map((e: { id: number }) => e.id));
    await stream.seen(lastId);
    let arrived = 0;
    stream.onEvent = event => {
      if (event.type === 'updated' && !arrived) arrived = performance.now();
    };
    const started = performance.now();
    const res = await fetch(`${urls[0]}${api}/deployments/${id}`, {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        version: current.version,
        title: `Touched ${Date.now()}`,
      }),
    });
    await res.arrayBuffer();
    if (res.ok) {
      const deadline = Date.now() + 5000;
      while (!arrived && Date.now() < deadline) {
        await new Promise(r => setTimeout(r, 2));
      }
      latencies.push(arrived ? arrived - started : Infinity);
    }
    stream.close();
  }
  return latencies.sort((a, b) => a - b);
}

/** Takes a state lock through replica 1 and tries it through every replica. */
export async function lockAcrossReplicas(urls: string[], token: string) {
  const created = await fetch(`${urls[0]}${api}/terraform/workspaces`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ name: `bench-${Date.now().toString(36)}` }),
  });
  const workspace = await created.json();
  const basic = `Basic ${Buffer.from(
    `${workspace.name}:${workspace.token}`,
  ).toString('base64')}`;
  const lock = (url: string, id: string, method = 'LOCK') =>
    fetch(`${url}${api}/terraform/state/${workspace.name}`, {
      method,
      headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({
        ID: id,
        Operation: 'OperationTypeApply',
        Who: `bench@${id}`,
        Version: '1.11.4',
        Created: new Date().toISOString(),
        Path: '',
      }),
    });
  // Every replica at once: exactly one may win.
  const racers = await Promise.all(
    urls.flatMap((u, i) =>
      [0, 1, 2, 3, 4].map(j => lock(u, `racer-${i}-${j}`)),
    ),
  );
  const winners = racers.filter(r => r.status === 200).length;
  const refused = racers.filter(r => r.status === 423).length;
  const holder = racers.findIndex(r => r.status === 200);
  const holderId = `racer-${Math.floor(holder / 5)}-${holder % 5}`;
  const released = await lock(urls[urls.length - 1], holderId, 'UNLOCK');
  const again = await lock(urls[urls.length - 1], 'after');
  const ok =
    winners === 1 && refused === racers.length - 1 && released.ok && again.ok;
  return `${racers.length} LOCKs at once over ${
    urls.length
  } replica(s): ${winners} granted, ${refused} refused with the holder; released through another replica: ${
    released.status
  }; taken again: ${again.status} — ${ok ? 'held across replicas' : 'FAILED'}`;
}

/** Waits until no deployment is pending or provisioning (bounded). */
export async function settle(url: string, token: string, timeoutMs: number) {
  const started = Date.now();
  const auth = { authorization: `Bearer ${token}` };
  for (;;) {
    const summary = async (status: string) =>
      (
        await (
          await fetch(`${url}${api}/deployments/summary?status=${status}`, {
            headers: auth,
          })
        ).json()
      ).count as number;
    const inFlight =
      (await summary('pending')) + (await summary('provisioning'));
    if (!inFlight || Date.now() - started > timeoutMs) {
      const active = await summary('active');
      const all = (
        await (
          await fetch(
            `${url}${api}/deployments/summary?${[
              'pending',
              'provisioning',
              'active',
              'failed',
            ]
              .map(s => `status=${s}`)
              .join('&')}`,
            { headers: auth },
          )
        ).json()
      ).count as number;
      return {
        total: all,
        active,
        other: all - active,
        ms: Date.now() - started,
      };
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}
