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
/** Answers counted by route and status. */
export class Histogram {
  readonly #counts = new Map<string, Map<string, number>>();

  add(route: string, status: number | string) {
    const row = this.#counts.get(route) ?? new Map<string, number>();
    row.set(String(status), (row.get(String(status)) ?? 0) + 1);
    this.#counts.set(route, row);
  }

  get total(): number {
    let n = 0;
    for (const row of this.#counts.values()) {
      for (const c of row.values()) n += c;
    }
    return n;
  }

  /** A table: one row per route and a total, one column per status seen. */
  format(): string {
    const statuses = [
      ...new Set([...this.#counts.values()].flatMap(r => [...r.keys()])),
    ].sort();
    const routes = [...this.#counts.keys()].sort(
      (a, b) =>
        a.replace(/^\S+ /, '').localeCompare(b.replace(/^\S+ /, '')) ||
        a.localeCompare(b),
    );
    const totals = new Map<string, number>();
    const rows = routes.map(route => {
      const row = this.#counts.get(route)!;
      let sum = 0;
      const cells = statuses.map(s => {
        const n = row.get(s) ?? 0;
        sum += n;
        totals.set(s, (totals.get(s) ?? 0) + n);
        return n ? String(n) : '.';
      });
      return [route, String(sum), ...cells];
    });
    rows.push([
      'total',
      String(this.total),
      ...statuses.map(s => String(totals.get(s) ?? 0)),
    ]);
    const header = ['route', 'requests', ...statuses];
    const widths = header.map((h, i) =>
      Math.max(h.length, ...rows.map(r => r[i].length)),
    );
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
        .join('  ');
    return [
      line(header),
      line(widths.map(w => '-'.repeat(w))),
      ...rows.slice(0, -1).map(line),
      line(widths.map(w => '-'.repeat(w))),
      line(rows[rows.length - 1]),
    ].join('\n');
  }
}
