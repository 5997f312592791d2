// A package-lock.json for a folder that installs only the packed daicho tarball: the tarball's entry plus the
// production dependency closure copied from the repository's own lock (same versions, `resolved` and `integrity`).
// With it, `npm ci --offline` installs from the npm cache that `npm ci` of the repository filled, so the install
// test needs no registry access of its own.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  optional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  [k: string]: unknown;
}

interface Lock {
  packages: Record<string, LockEntry>;
}

/** Where Node would find `dep` from the package at `from` (a lock path such as node_modules/a/node_modules/b). */
function resolveIn(packages: Lock['packages'], from: string, dep: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${dep}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const k = base.lastIndexOf('/node_modules/');
    base = k < 0 ? '' : base.slice(0, k);
  }
}

export function installLock(
  repoLockPath: string,
  repoPackage: {
    name: string;
    version: string;
    dependencies: Record<string, string>;
    bin?: unknown;
    engines?: unknown;
    license?: string;
  },
  tarball: string,
  tarballName: string,
): object {
  const lock = JSON.parse(readFileSync(repoLockPath, 'utf8')) as Lock;
  const closure = new Map<string, LockEntry>();
  const queue: [string, string][] = Object.keys(repoPackage.dependencies).map((d) => ['', d]);
  while (queue.length) {
    const [from, dep] = queue.shift()!;
    const at = resolveIn(lock.packages, from, dep);
    if (!at) continue; // an optional or peer dependency the repository does not install
    if (closure.has(at)) continue;
    const entry = lock.packages[at];
    closure.set(at, entry);
    for (const d of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) queue.push([at, d]);
  }
  const packages: Record<string, LockEntry> = {
    '': { name: 'daicho-install-test', dependencies: { daicho: `file:${tarballName}` } },
    'node_modules/daicho': {
      version: repoPackage.version,
      resolved: `file:${tarballName}`,
      integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
      license: repoPackage.license,
      dependencies: repoPackage.dependencies,
      bin: repoPackage.bin,
      engines: repoPackage.engines,
    },
  };
  for (const [path, entry] of [...closure].sort(([a], [b]) => a.localeCompare(b))) {
    const { dev: _dev, devOptional: _devOptional, ...rest } = entry;
    packages[path] = rest;
  }
  return { name: 'daicho-install-test', lockfileVersion: 3, requires: true, packages };
}
