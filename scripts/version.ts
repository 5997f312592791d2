// The package's version, for --version and the reports: package.json is two folders up from dist/scripts/ (one up
// from scripts/ when the TypeScript runs directly, as in the tests).
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function version(): string {
  if (cached) return cached;
  for (const up of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'daicho' && pkg.version) return (cached = pkg.version);
    } catch {
      // not this one
    }
  }
  return 'unknown';
}
