// What a form summary needs from one validated form: its field values, score and, for a supplier checklist, the
// answers to follow up. Small and structured-clone friendly (it crosses from a worker to the main thread).
import type { Issue, NormValue, Score, TemplateDef } from '../../templates/model/types.js';
import type { Validation } from '../../templates/model/validate.js';
import { scoredAnswer } from '../../templates/supplier-checklist/index.js';

export interface FollowUp {
  /** 項番 and the cell of its answer. */
  id: string;
  sheet: string;
  cell: string | null;
  critical: boolean;
  answer: string;
  evidence: string | null;
  plan: string | null;
  /** ISO date of 改善予定日 when it is a date. */
  planIso: string | null;
  comment: string | null;
}

export interface FormSummary {
  template: string;
  /** Raw text of every form field (all form sheets), by field key. */
  raw: Record<string, string | null>;
  /** Normalised values of the form fields. */
  values: Record<string, NormValue | null>;
  score: Score | null;
  issues: Issue[];
  /** Answers to follow up (supplier checklist: いいえ / 一部実施). */
  followUps: FollowUp[];
  /** Answer per question id (for section charts and follow-up counts). */
  answers: Record<string, string | null>;
  mtime: number;
}

const FOLLOW_UP = new Set(['いいえ', '一部実施']);

export function formSummary(def: TemplateDef, v: Validation, issues: Issue[], mtime: number): FormSummary {
  const raw: Record<string, string | null> = {};
  const values: Record<string, NormValue | null> = {};
  const followUps: FollowUp[] = [];
  const answers: Record<string, string | null> = {};
  for (const sd of def.sheets) {
    const rows = v.data.sheets[sd.name] ?? [];
    if (sd.kind === 'form') {
      const rec = rows[0];
      for (const f of sd.fields) {
        raw[f.key] = rec?.raw[f.key] ?? null;
        values[f.key] = rec?.values[f.key] ?? null;
      }
    } else if (sd.kind === 'questions' && def.id === 'supplier-checklist') {
      for (const rec of rows) {
        const q = sd.questions.find((x) => x.id === rec.id);
        if (!q) continue;
        const answer = typeof rec.values['回答'] === 'string' ? (rec.values['回答'] as string) : null;
        answers[q.id] = answer;
        // 該当なし where a critical clause bars it scores and flags as いいえ (the checklist's own scoring): follow it up too.
        const flagged = answer !== null && FOLLOW_UP.has(scoredAnswer(q, answer));
        if (!flagged) continue;
        const plan = rec.values['改善予定日'];
        followUps.push({
          id: q.id,
          sheet: rec.sheet,
          cell: rec.cells['回答'] ?? null,
          critical: q.critical === true,
          answer,
          evidence: rec.raw['取組内容・根拠資料'] ?? null,
          plan: rec.raw['改善予定日'] ?? null,
          planIso: typeof plan === 'string' ? plan : null,
          comment: rec.raw['コメント'] ?? null,
        });
      }
    }
  }
  return { template: def.id, raw, values, score: v.score ?? null, issues, followUps, answers, mtime };
}
