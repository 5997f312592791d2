// How a score is shown — one function for the CLI line, the summaries, the audit and the pane. A checklist's score is
// final only once every question is answered (Score.complete); until then there is no rate and no band, only the
// completion and a provisional rate over the answers so far (spec, Amendment 5).
import type { Lang, Score, Text } from './types.js';

/** The rate a report shows, and whether it is the final one. */
export function shownRate(score: Score): { rate: number | null; provisional: boolean } {
  const provisional = typeof score.provisionalRate === 'number' ? score.provisionalRate : null;
  return score.complete === false ? { rate: provisional, provisional: true } : { rate: score.rate, provisional: false };
}

/** A score that needs the buyer's follow-up whatever its band: a red flag on a critical clause (status 要対応). */
export function needsAction(score: Score | null | undefined): boolean {
  return score?.actionNeeded === true;
}

export const ACTION_STATUS: Text = { ja: '要対応', en: 'follow-up' };
export const INCOMPLETE: Text = { ja: '未完了', en: 'incomplete' };

/**
 * A rate (0–1) as the CLI line and the pane show it: to one decimal, without a trailing .0 (0.946 → '94.6%',
 * 0.95 → '95%'); '—' when there is none. The same function on both sides, so they never round a score differently.
 */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined || !Number.isFinite(rate) ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

/**
 * One line: `得点率 92% A` when final, `回答 22/37 暫定 83.3%` while answers are missing (the rate formatter can be
 * passed in so a caller keeps its own rounding and padding).
 */
export function scoreText(score: Score, lang: Lang, fmt: (rate: number | null) => string = formatRate): string {
  const { rate, provisional } = shownRate(score);
  if (provisional) {
    return lang === 'ja'
      ? `回答 ${score.answered}/${score.total} 暫定 ${fmt(rate)}`
      : `answered ${score.answered}/${score.total}, provisional ${fmt(rate)}`;
  }
  const band = typeof score.band === 'string' ? ` ${score.band}` : '';
  return `${lang === 'ja' ? '得点率' : 'score'} ${fmt(rate)}${band}`;
}

/**
 * What a report's band column shows: the band, or — while answers are missing — that the form is incomplete, with the
 * completion and the provisional rate (the rate column itself stays empty until the score is final).
 */
export function bandLabel(score: Score | null | undefined, lang: Lang): string | null {
  if (!score) return null;
  if (score.complete === false) {
    const { rate } = shownRate(score);
    const p = rate === null ? '' : lang === 'ja' ? `、暫定 ${formatRate(rate)}` : `, provisional ${formatRate(rate)}`;
    return lang === 'ja'
      ? `${INCOMPLETE.ja}（回答 ${score.answered}/${score.total}${p}）`
      : `${INCOMPLETE.en} (${score.answered}/${score.total} answered${p})`;
  }
  return typeof score.band === 'string' ? score.band : null;
}

/** The status a report shows for a file: its own, or 要対応 for a valid checklist with a red flag. */
export function statusLabel<S extends string>(
  status: S,
  score: Score | null | undefined,
  labels: Record<S, Text>,
  lang: Lang,
): string {
  return status === 'ok' && needsAction(score) ? ACTION_STATUS[lang] : labels[status][lang];
}
