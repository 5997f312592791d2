// Year over year: one supplier's checklist of this round against its checklist of the last round. Pure: the score and
// band change, answers that improved without evidence (いいえ → はい with 取組内容・根拠資料 empty), 改善予定日 that
// passed (as of a date) without the answer improving, and the red flags that are new or cleared. `status --previous`
// and `merge --previous` show it on the sheet 前回比較 (compare-sheet.ts).
import { compareIso } from '../../templates/model/dates.js';
import type { RecordRow, Score } from '../../templates/model/types.js';
import { BANDS, POINTS, QUESTIONS, scoredAnswer } from '../../templates/supplier-checklist/index.js';

/** What a comparison needs of one answer row. */
export interface AnswerFact {
  answer: string | null;
  /** 取組内容・根拠資料 holds something. */
  evidence: boolean;
  /** 改善予定日 (ISO) when it is a date. */
  plan: string | null;
}

/** Answer facts by question id. */
export type Answers = Record<string, AnswerFact>;

const filled = (rec: RecordRow, key: string): boolean => {
  const v = rec.values[key] ?? rec.raw[key];
  return v !== null && v !== undefined && String(v).trim() !== '';
};

/** The answer facts of one question row (as validated). */
export function answerFact(rec: RecordRow): AnswerFact {
  const a = rec.values['回答'];
  const p = rec.values['改善予定日'];
  return {
    answer: typeof a === 'string' ? a : null,
    evidence: filled(rec, '取組内容・根拠資料'),
    plan: typeof p === 'string' && /^\d{4}-\d\d-\d\d$/.test(p) ? p : null,
  };
}

/** The answer facts of a checklist's question rows. */
export function answerFacts(rows: readonly RecordRow[] | undefined): Answers {
  const out: Answers = {};
  for (const rec of rows ?? []) if (rec.id) out[rec.id] = answerFact(rec);
  return out;
}

/** One round's checklist of a supplier, as compared. */
export interface Side {
  path: string;
  score: Score | null;
  answers: Answers;
}

export interface AnswerChange {
  id: string;
  before: string;
  after: string | null;
}

export interface YearOverYear {
  before: Side | null;
  after: Side | null;
  /** This round's rate minus last round's (both complete), e.g. 0.05 = 5 points up. */
  rateChange: number | null;
  bandBefore: string | null;
  bandAfter: string | null;
  band: 'up' | 'down' | 'same' | null;
  /** Answers scored higher than last round whose 取組内容・根拠資料 is empty. */
  unevidenced: AnswerChange[];
  /** Last round's いいえ / 一部実施 whose 改善予定日 has passed, with the answer no better this round. */
  lapsed: (AnswerChange & { plan: string })[];
  newRedFlags: string[];
  clearedRedFlags: string[];
}

const byId = new Map(QUESTIONS.map((q) => [q.id, q]));

/** Points of an answer as the checklist scores it (該当なし where a critical clause bars it counts as いいえ). */
function points(id: string, answer: string | null): number | null {
  const q = byId.get(id);
  if (!q || answer === null) return null;
  return POINTS[scoredAnswer(q, answer)] ?? null;
}

const bandOf = (s: Score | null): string | null =>
  s?.complete !== false && typeof s?.band === 'string' ? s.band : null;
const rateOf = (s: Score | null): number | null =>
  s?.complete !== false && typeof s?.rate === 'number' ? s.rate : null;
const rank = (band: string): number => BANDS.findIndex((b) => b.band === band);

export function compareReturns(before: Side | null, after: Side | null, asOf: string): YearOverYear {
  const bandBefore = bandOf(before?.score ?? null);
  const bandAfter = bandOf(after?.score ?? null);
  const rb = rateOf(before?.score ?? null);
  const ra = rateOf(after?.score ?? null);
  const out: YearOverYear = {
    before,
    after,
    rateChange: rb !== null && ra !== null ? Math.round((ra - rb) * 10000) / 10000 : null,
    bandBefore,
    bandAfter,
    band:
      bandBefore && bandAfter
        ? rank(bandAfter) < rank(bandBefore)
          ? 'up'
          : rank(bandAfter) > rank(bandBefore)
            ? 'down'
            : 'same'
        : null,
    unevidenced: [],
    lapsed: [],
    newRedFlags: [],
    clearedRedFlags: [],
  };
  if (!before || !after) return out;
  for (const q of QUESTIONS) {
    const b = before.answers[q.id];
    const a = after.answers[q.id];
    if (!b?.answer) continue;
    const pb = points(q.id, b.answer);
    const pa = points(q.id, a?.answer ?? null);
    const improved = pb !== null && pa !== null && pa > pb;
    if (improved && !a!.evidence) out.unevidenced.push({ id: q.id, before: b.answer, after: a!.answer });
    if (pb !== null && pb < POINTS['はい'] && b.plan && compareIso(b.plan, asOf) < 0 && !improved)
      out.lapsed.push({ id: q.id, before: b.answer, after: a?.answer ?? null, plan: b.plan });
  }
  const flagsBefore = new Set(before.score?.redFlags ?? []);
  const flagsAfter = new Set(after.score?.redFlags ?? []);
  out.newRedFlags = [...flagsAfter].filter((f) => !flagsBefore.has(f));
  out.clearedRedFlags = [...flagsBefore].filter((f) => !flagsAfter.has(f));
  return out;
}

/** Whether a comparison holds anything the buyer should look at. */
export function needsReview(c: YearOverYear): boolean {
  return c.band === 'down' || c.unevidenced.length > 0 || c.lapsed.length > 0 || c.newRedFlags.length > 0;
}
