// docs/cli.md is generated from the option table; the README names every command and uses only options it lists.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliMarkdown, COMMAND_SPECS, synopsis, type CommandName } from '../../../scripts/commands/spec.js';
import { ROOT } from '../check/cli-helpers.js';

describe('the option table', () => {
  it('docs/cli.md is what the table generates (npm run docs:cli)', () => {
    expect(readFileSync(join(ROOT, 'docs/cli.md'), 'utf8')).toBe(cliMarkdown());
  });

  it('gives every option help in both languages, and --jobs, --json, --lang, --as-of, --force one meaning', () => {
    const seen = new Map<string, unknown>();
    for (const [name, spec] of Object.entries(COMMAND_SPECS)) {
      expect(synopsis(name as CommandName)).toMatch(new RegExp(`^daicho ${name}\\b`));
      for (const [opt, o] of Object.entries(spec.options)) {
        expect(o.help.ja, `${name} --${opt}`).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        expect(o.help.en, `${name} --${opt}`).toMatch(/^[\x20-\x7e…–→]+$/u);
        if (opt === 'out') continue; // -o names a different output per command
        if (seen.has(opt)) expect(o, `${name} --${opt}`).toBe(seen.get(opt));
        else seen.set(opt, o);
      }
    }
  });

  it('the README names every command, and its command lines use only options the table gives that command', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const names = Object.keys(COMMAND_SPECS) as CommandName[];
    for (const name of names) {
      expect(readme, name).toMatch(name === 'demo' ? /npm run demo/ : new RegExp(`daicho ${name}\\b`));
    }
    const lines = [...readme.matchAll(/^(?:npx )?daicho (\w+)(.*)$/gmu)];
    expect(lines.length).toBeGreaterThan(10);
    for (const [line, name, rest] of lines) {
      expect(names, line).toContain(name);
      const options = COMMAND_SPECS[name as CommandName].options;
      const shorts = Object.values(options).flatMap((o) => (o.short ? [o.short] : []));
      for (const [, long, short] of rest.replace(/#.*$/u, '').matchAll(/(?:^|\s)(?:--([\w-]+)|-(\w)\b)/gu)) {
        if (long) expect(long === 'help' || long in options, `${line}: --${long}`).toBe(true);
        else expect(shorts, `${line}: -${short}`).toContain(short);
      }
    }
  });
});
