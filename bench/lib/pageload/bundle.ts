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
/* eslint-disable no-console */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

// The production build of the frontend, and how much of it is the plugin's.

const repoRoot = resolve(__dirname, '../../..');
const appDist = join(repoRoot, 'packages/app/dist');
const pluginSrc = join(repoRoot, 'plugins/cloud-deployments/src');
const appSrc = join(repoRoot, 'packages/app/src');
const NODE_TRANSFORM = '@backstage/cli-node/config/nodeTransform.cjs';
/** The npm scope of this repository's workspaces. */
const OWN_SCOPE = '@cloud-deployments-for-backstage';

// ---------------------------------------------------------------- the build

/** Whether a build has the brotli files `yarn workspace app build` writes. */
function hasPrecompressedFiles(dist: string): boolean {
  const staticDir = join(dist, 'static');
  return (
    existsSync(staticDir) &&
    readdirSync(staticDir).some(f => f.endsWith('.js.br'))
  );
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs,
    );
  }
  return newest;
}

export function ensureBuild() {
  const index = join(appDist, 'index.html');
  // A build from before the app's build precompressed its assets is stale too.
  const precompressed = hasPrecompressedFiles(appDist);
  const stale =
    existsSync(index) &&
    (Math.max(newestMtime(pluginSrc), newestMtime(appSrc)) >
      statSync(index).mtimeMs ||
      !precompressed);
  if (existsSync(index) && !stale && !process.env.BENCH_BUILD) {
    console.log(
      `frontend: the production build in packages/app/dist (${new Date(
        statSync(index).mtimeMs,
      ).toISOString()})`,
    );
    return;
  }
  console.log(
    `frontend: ${
      stale ? 'the build is older than the app or the plugin; ' : ''
    }building (yarn workspace app build)…`,
  );
  const start = performance.now();
  const result = spawnSync('yarn', ['workspace', 'app', 'build'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('the frontend build failed');
  console.log(
    `  built in ${((performance.now() - start) / 1000).toFixed(0)} s`,
  );
}

/**
 * The app as built at an earlier commit (`ref`), for the before variant: a
 * git worktree of `ref` in `dir`, built as `yarn workspace app build` builds
 * it (then precompressed, as it is served). When `ref` has this checkout's
 * lockfile, its node_modules link to this checkout's, except our own
 * workspaces, which point into the worktree, so the plugin is built from
 * `ref`'s sources; otherwise it gets its own install (from yarn's cache,
 * a few minutes), so that it runs on its own dependencies.
 */
export function buildAtRef(ref: string, dir: string): string {
  const git = (...args: string[]) => {
    const result = spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    }
    return result.stdout.trim();
  };
  const run = (command: string, args: string[], cwd: string) => {
    const result = spawnSync(command, args, {
      cwd,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: withoutYarnRunEnv(),
    });
    if (result.status !== 0) {
      throw new Error(`${command} ${args.join(' ')} failed at ${ref}`);
    }
  };
  console.log(
    `before: building the app at ${ref} (${git('rev-parse', '--short', ref)})…`,
  );
  const start = performance.now();
  git('worktree', 'add', '--detach', dir, ref);
  // Against the working tree, so that uncommitted changes count too.
  if (git('diff', '--name-only', ref, '--', 'yarn.lock', 'package.json')) {
    console.log('  its dependencies differ from this checkout’s: installing…');
    run('yarn', ['install', '--immutable'], dir);
    run('yarn', ['workspace', 'app', 'build'], dir);
  } else {
    linkDependencies(dir);
    const app = join(dir, 'packages/app');
    const cli = require.resolve('@backstage/cli/bin/backstage-cli');
    run(process.execPath, [cli, 'package', 'build'], app);
    const precompress = 'scripts/precompressAssets.ts';
    run(process.execPath, ['--require', NODE_TRANSFORM, precompress], app);
  }
  const dist = join(dir, 'packages/app/dist');
  if (!hasPrecompressedFiles(dist)) {
    throw new Error(`the app built at ${ref} has no precompressed files`);
  }
  console.log(
    `  built in ${((performance.now() - start) / 1000).toFixed(0)} s`,
  );
  return dist;
}

/**
 * This process's environment without what `yarn bench:pageload` set for
 * this checkout's script run (its project folder, package and lifecycle),
 * which would otherwise steer a yarn run in the worktree back here. The
 * `npm_config_*` settings stay: native builds need them.
 */
function withoutYarnRunEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !/^(npm_package_|npm_lifecycle_|BERRY_BIN_FOLDER$)/.test(key) &&
        !['PROJECT_CWD', 'INIT_CWD', 'npm_execpath'].includes(key),
    ),
  );
}

/** The worktree's node_modules: this checkout's, but for our workspaces. */
function linkDependencies(dir: string) {
  const modules = join(dir, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(join(repoRoot, 'node_modules'))) {
    if (entry === OWN_SCOPE) continue;
    symlinkSync(join(repoRoot, 'node_modules', entry), join(modules, entry));
  }
  // Relative links, as yarn makes them: into the worktree's own folders.
  mkdirSync(join(modules, OWN_SCOPE));
  for (const entry of readdirSync(join(repoRoot, 'node_modules', OWN_SCOPE))) {
    symlinkSync(
      readlinkSync(join(repoRoot, 'node_modules', OWN_SCOPE, entry)),
      join(modules, OWN_SCOPE, entry),
    );
  }
  const appModules = join(repoRoot, 'packages/app/node_modules');
  if (existsSync(appModules)) {
    symlinkSync(appModules, join(dir, 'packages/app/node_modules'));
  }
}

/** Removes the worktree `buildAtRef` made. */
export function removeWorktree(dir: string) {
  spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: repoRoot });
  spawnSync('git', ['worktree', 'prune'], { cwd: repoRoot });
}

/**
 * A copy of a build (`dist`) as the package `name` under `<dir>/node_modules`,
 * for a second backend (found through NODE_PATH): each backend injects its
 * own config into its build's files at startup, so two cannot share one.
 */
export function copyBuildAsPackage(dir: string, name: string, dist: string) {
  const packageDir = join(dir, 'node_modules', name);
  mkdirSync(packageDir, { recursive: true });
  writeFileSync(
    join(packageDir, 'package.json'),
    JSON.stringify({ name, version: '0.0.0', private: true }),
  );
  // With their times: the backend skips a compressed file older than its
  // original, and a copy would date them in whatever order it wrote them.
  cpSync(dist, join(packageDir, 'dist'), {
    recursive: true,
    preserveTimestamps: true,
  });
  return join(dir, 'node_modules');
}

// ------------------------------------------------------------ the plugin's share

export type ChunkShare = {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** Generated bytes mapped to the plugin's sources (and -common's). */
  pluginBytes: number;
  commonBytes: number;
};

const BASE64 =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes one source-map segment's base64 VLQ fields. */
function decodeSegment(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64_VALUES.get(char)!;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

/**
 * The generated bytes of a chunk attributed to each source: a segment covers
 * its line from its column to the next segment's.
 */
function bytesBySource(code: string, map: any): Map<string, number> {
  const lines = code.split('\n');
  const sizes = new Map<string, number>();
  let source = 0;
  map.mappings.split(';').forEach((line: string, lineIndex: number) => {
    const length = lines[lineIndex]?.length ?? 0;
    const segments = line ? line.split(',').map(decodeSegment) : [];
    let column = 0;
    const starts: { column: number; source?: number }[] = [];
    for (const fields of segments) {
      column += fields[0];
      if (fields.length >= 4) {
        source += fields[1];
        starts.push({ column, source });
      } else {
        starts.push({ column });
      }
    }
    starts.forEach((start, i) => {
      const end = i + 1 < starts.length ? starts[i + 1].column : length;
      const name =
        start.source === undefined ? '(unmapped)' : map.sources[start.source];
      sizes.set(name, (sizes.get(name) ?? 0) + Math.max(0, end - start.column));
    });
  });
  return sizes;
}

export function analyseBundle(): ChunkShare[] {
  const staticDir = join(appDist, 'static');
  const chunks: ChunkShare[] = [];
  for (const file of readdirSync(staticDir)) {
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(staticDir, file), 'utf8');
    const share: ChunkShare = {
      file,
      bytes: Buffer.byteLength(code),
      gzipBytes: gzipSync(code).length,
      pluginBytes: 0,
      commonBytes: 0,
    };
    const mapFile = join(staticDir, `${file}.map`);
    if (existsSync(mapFile)) {
      const map = JSON.parse(readFileSync(mapFile, 'utf8'));
      for (const [source, bytes] of bytesBySource(code, map)) {
        if (source.includes('plugins/cloud-deployments/src/')) {
          share.pluginBytes += bytes;
        } else if (source.includes('plugins/cloud-deployments-common/src/')) {
          share.commonBytes += bytes;
        }
      }
    }
    chunks.push(share);
  }
  return chunks;
}
