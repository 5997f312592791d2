// The rule catalogue against the spec's rule list, against the rules the templates and the engine raise, and against
// the checked-in docs/rules.md.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULES, ruleMeta, type RuleId } from '../../templates/catalogue.js';
import { templates } from '../../templates/index.js';
import { CRITICAL } from '../../templates/supplier-checklist/questions.js';
import { EDITION } from '../../templates/supplier-checklist/index.js';
import { rulesMarkdown } from '../../scripts/docs/rules.js';

const repo = resolve(fileURLToPath(import.meta.url), '../../..');
const spec = readFileSync(resolve(repo, '../shared/spec/TEMPLATES.md'), 'utf8');
const ID = /\b(?:V|COLUMN|SHEET|TEMPLATE|FILE|RULE|PL|LR|CE|SC)-[A-Z]+\b/g;
const specIds = new Set(spec.match(ID));

// Ids the catalogue holds beyond those the spec names: the spec describes these without an id (a marker lost, a
// question changed, an extra column), or they were added with the implementation (SL-*: the supplier list, issue 14).
const BEYOND_SPEC: readonly RuleId[] = [
  'TEMPLATE-MARKER',
  'TEMPLATE-TAMPER',
  'COLUMN-EXTRA',
  'RULE-FAILED',
  'FINDINGS-OMITTED',
  'CE-ANSWER',
  'SC-APPROVAL',
  'PL-LEAK',
  'PL-NOTICE',
  'PL-RECORD',
  'PL-LOCATION',
  'PL-RESIDUAL',
  // Review §6 [MISSING]: 再委託 of 受託 data (the client's consent; 番号法10条 for My Number data).
  'PL-REENTRUST',
  'SL-CORPNO',
  // Contractor evaluation version 2 (Amendment 8: the spec names the fields, not rule ids).
  'CE-LOCATION',
  'CE-START',
  'CE-MYNUMBER',
];

// A misspelt rule id does not compile (npm run typecheck fails if this line stops being an error).
// @ts-expect-error 'PL-REVEIW' is not a RuleId
const _typo: RuleId = 'PL-REVEIW';

describe('the rule catalogue', () => {
  it('holds every rule id of the spec, and beyond them only the listed ones', () => {
    expect(specIds.size).toBeGreaterThan(40);
    expect([...specIds].filter((id) => !(id in RULES))).toEqual([]);
    expect(RULE_IDS.filter((id) => !specIds.has(id)).sort()).toEqual([...BEYOND_SPEC].sort());
  });

  it('gives each rule a severity the spec names for it, and the clause the spec cites', () => {
    // Rule bullets: "- PL-REVIEW (warning): … (§4.3.3 …)" and "- PL-THIRDPARTY / PL-JOINT / PL-FOREIGN (error): …".
    let bullets = 0;
    for (const line of spec.split('\n')) {
      const m = /^- ((?:[A-Z]+-[A-Z]+)(?: \/ [A-Z]+-[A-Z]+)*) \(/.exec(line);
      if (!m) continue;
      const ids = m[1].split(' / ') as RuleId[];
      const severities = [...line.matchAll(/\((error|warning|info)(?:\/(error|warning|info))?\)/g)].flatMap((x) =>
        x.slice(1).filter(Boolean),
      );
      const clause = /\((§[\d.]+(?:\(\d+\))?)/.exec(line)?.[1];
      for (const id of ids) {
        bullets++;
        expect(severities, id).toContain(RULES[id].severity);
        if (clause && ids.length === 1) expect(ruleMeta(id).clause, id).toBe(clause);
      }
    }
    expect(bullets).toBeGreaterThan(30);
  });

  it('has a Japanese and an English title for every rule, none shared by two rules', () => {
    for (const lang of ['ja', 'en'] as const) {
      const titles = RULE_IDS.map((id) => RULES[id].title[lang]);
      expect(
        titles.every((t) => t.trim().length > 1),
        lang,
      ).toBe(true);
      expect(new Set(titles).size, lang).toBe(titles.length);
    }
  });

  it('says where each rule is raised: every template rule is in the catalogue under its template, and back', () => {
    for (const def of templates) {
      const tamper = def.sheets.flatMap((s) =>
        s.kind === 'questions' && s.tamperRule && s.tamperRule !== 'TEMPLATE-TAMPER' ? [s.tamperRule] : [],
      );
      const raised = [...def.rules.map((r) => r.id), ...tamper];
      expect(new Set(raised).size, def.id).toBe(raised.length);
      const listed = RULE_IDS.filter((id) => (RULES[id].raisedBy as readonly string[]).includes(def.id));
      expect([...raised].sort(), def.id).toEqual([...listed].sort());
    }
  });

  it('names in every entry an id that some code raises (no entry is left behind when a rule goes)', () => {
    const source: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('catalogue.ts')) source.push(readFileSync(p, 'utf8'));
      }
    };
    walk(resolve(repo, 'templates'));
    walk(resolve(repo, 'scripts'));
    const all = source.join('\n');
    expect(RULE_IDS.filter((id) => !all.includes(`'${id}'`))).toEqual([]);
  });

  it('cites for SC-NA and SC-EVIDENCE the critical clauses, and for SC-EDITION the edition, as the checklist defines them', () => {
    expect(ruleMeta('SC-NA').clause).toBe(CRITICAL.join(', '));
    expect(ruleMeta('SC-EVIDENCE').clause).toBe(CRITICAL.join(', '));
    expect(ruleMeta('SC-EDITION').clause).toBe(EDITION);
  });
});

describe('docs/rules.md', () => {
  it('is what npm run docs:rules writes from the catalogue (run it after changing a rule)', () => {
    expect(readFileSync(resolve(repo, 'docs/rules.md'), 'utf8')).toBe(rulesMarkdown());
  });

  it('lists every rule with its titles', () => {
    const md = rulesMarkdown();
    for (const id of RULE_IDS) expect(md, id).toContain(`| \`${id}\` | ${RULES[id].severity} `);
    expect(md).toContain('全局面のリスク分析<br>Risk analysis for every lifecycle stage');
  });
});
