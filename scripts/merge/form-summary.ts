// What a form summary needs from one validated form: its field values, score and the answers its template says to
// follow up. Small and structured-clone friendly (it crosses from a worker to the main thread).
import type { FollowUp, Issue, NormValue, Score, TemplateDef } from '../../templates/model/types.js';
import type { Validation } from '../../templates/model/validate.js';
import { answerFacts, type Answers } from '../round/compare.js';

export type { FollowUp };

export interface FormSummary {
  template: string;
  /** Raw text of every form field (all form sheets), by field key. */
  raw: Record<string, string | null>;
  /** Normalised values of the form fields. */
  values: Record<string, NormValue | null>;
  score: Score | null;
  issues: Issue[];
  /** Answers to follow up (the template's followUps; supplier checklist: いいえ / 一部実施). */
  followUps: FollowUp[];
  /** The supplier code of a checklist made by `daicho distribute` (its marker). */
  code: string | null;
  /** Each question's answer, evidence and target date, when the summary compares rounds (merge --previous). */
  facts?: Answers;
  mtime: number;
}

export function formSummary(def: TemplateDef, v: Validation, issues: Issue[], mtime: number): FormSummary {
  const raw: Record<string, string | null> = {};
  const values: Record<string, NormValue | null> = {};
  for (const sd of def.sheets) {
    if (sd.kind !== 'form') continue;
    const rec = v.data.sheets[sd.name]?.[0];
    for (const f of sd.fields) {
      raw[f.key] = rec?.raw[f.key] ?? null;
      values[f.key] = rec?.values[f.key] ?? null;
    }
  }
  const followUps = def.followUps?.(v.data) ?? [];
  const code = v.data.marker?.distribution?.supplier ?? null;
  const questions = def.sheets.flatMap((sd) => (sd.kind === 'questions' ? (v.data.sheets[sd.name] ?? []) : []));
  const facts = def.summary?.yearOverYear ? { facts: answerFacts(questions) } : {};
  return { template: def.id, raw, values, score: v.score ?? null, issues, followUps, code, ...facts, mtime };
}
