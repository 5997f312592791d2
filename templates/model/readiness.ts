// Whether a returned form (a supplier checklist) is ready to send back: what the pane's 「送信前チェック」 tells the
// supplier. Ready means no error at all — the same line `daicho status` draws between 要修正 and the rest (an
// unanswered question is SC-ANSWER, an empty 責任者確認 V-REQUIRED: both errors). Warnings do not hold a return back;
// they are listed as worth a look.
import { compareIso } from './dates.js';
import type { Distribution, Issue, Score } from './types.js';

export interface Readiness {
  ready: boolean;
  /** Questions answered of all, when the template scores (null otherwise). */
  answered: number | null;
  total: number | null;
  /** Questions left unanswered (SC-ANSWER), then every other error, in the validator's order. */
  unanswered: Issue[];
  errors: Issue[];
  warnings: Issue[];
}

export function readiness(issues: readonly Issue[], score?: Score | null): Readiness {
  const unanswered = issues.filter((i) => i.rule === 'SC-ANSWER');
  const errors = issues.filter((i) => i.severity === 'error' && i.rule !== 'SC-ANSWER');
  return {
    ready: unanswered.length === 0 && errors.length === 0,
    answered: score ? score.answered : null,
    total: score ? score.total : null,
    unanswered,
    errors,
    warnings: issues.filter((i) => i.severity === 'warning'),
  };
}

/** Whether a distributed workbook's due date has passed on the as-of date (false when it names none). */
export const pastDue = (d: Distribution | undefined, asOf: string): boolean => !!d?.due && compareIso(asOf, d.due) > 0;
