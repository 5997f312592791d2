// The master's words: its notes (統合メモ) and the column labels of its report sheets, in ja and en.
import type { Lang } from '../../templates/model/types.js';
import type { Conflict, Source } from './plan.js';

export const L = {
  ja: {
    sources: '取込元',
    duplicates: '重複',
    conflicts: '競合',
    conflictWord: '競合',
    row: (n: number | string | null) => (n === null ? '' : `${n}行`),
    folded: (n: number, list: string) => `同一内容の${n}行を統合: ${list}`,
    conflict: (c: Conflict, keyLabel: string) =>
      `競合${c.group}: ${keyLabel}「${c.keyText}」の内容が異なる行が${c.members.length}件（統合後の行 ${c.members.map((m) => m.masterRow).join(', ')}）`,
    more: (n: number) => `ほか${n}件`,
    sep: '／',
    marker: 'マーカー',
    signature: '見出しで判定',
  },
  en: {
    sources: 'Sources',
    duplicates: 'Duplicates',
    conflicts: 'Conflicts',
    conflictWord: 'Conflict',
    row: (n: number | string | null) => (n === null ? '' : `row ${n}`),
    folded: (n: number, list: string) => `Folded ${n} identical row(s): ${list}`,
    conflict: (c: Conflict, keyLabel: string) =>
      `Conflict ${c.group}: ${keyLabel} "${c.keyText}" has ${c.members.length} versions that differ (master rows ${c.members.map((m) => m.masterRow).join(', ')})`,
    more: (n: number) => `and ${n} more`,
    sep: ' / ',
    marker: 'marker',
    signature: 'by headers',
  },
} as const;

export const COLS = {
  ja: {
    no: 'No',
    file: 'ファイル',
    path: 'パス',
    via: '識別',
    subjects: '部門',
    warnings: '注意',
    read: (s: string) => `${s} 行数`,
    kept: (s: string) => `${s} 統合後`,
    dup: (s: string) => `${s} 重複`,
    conf: (s: string) => `${s} 競合`,
    sheet: 'シート',
    masterRow: '統合後の行',
    keptFile: '残した行の取込元ファイル',
    keptRow: '残した行の取込元行',
    dropFile: '重複していた取込元ファイル',
    dropRow: '重複していた取込元行',
    group: '競合',
    key: 'キー',
    srcFile: '取込元ファイル',
    srcRow: '取込元行',
    differs: '相違する項目',
  },
  en: {
    no: 'No',
    file: 'File',
    path: 'Path',
    via: 'Recognised',
    subjects: 'Departments',
    warnings: 'Warnings',
    read: (s: string) => `${s} read`,
    kept: (s: string) => `${s} kept`,
    dup: (s: string) => `${s} duplicates`,
    conf: (s: string) => `${s} conflicts`,
    sheet: 'Sheet',
    masterRow: 'Master row',
    keptFile: 'Kept: source file',
    keptRow: 'Kept: source row',
    dropFile: 'Duplicate: source file',
    dropRow: 'Duplicate: source row',
    group: 'Conflict',
    key: 'Key',
    srcFile: 'Source file',
    srcRow: 'Source row',
    differs: 'Fields that differ',
  },
} as const;

function sourceText(s: Source, lang: Lang): string {
  return `${s.shownFile} ${L[lang].row(s.shownRow)}`.trim();
}

export function noteText(
  n: { carried: string | null; duplicates: Source[]; conflict: Conflict | null },
  keyLabel: string,
  lang: Lang,
): string {
  const t = L[lang];
  const parts: string[] = [];
  if (n.conflict) parts.push(t.conflict(n.conflict, keyLabel));
  if (n.duplicates.length) {
    const shownList = n.duplicates.slice(0, 5).map((d) => sourceText(d, lang));
    if (n.duplicates.length > 5) shownList.push(t.more(n.duplicates.length - 5));
    parts.push(t.folded(n.duplicates.length, shownList.join(lang === 'ja' ? '、' : ', ')));
  }
  if (n.carried) parts.push(n.carried);
  return parts.join(t.sep);
}
