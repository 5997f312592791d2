// The audit as one self-contained HTML page (inline CSS and SVG, no scripts, nothing from the network): what a
// privacy manager reads before the P-mark audit — the few numbers that matter, the points an auditor will raise,
// charts by rule and department, suppliers' bands and section scores, contractors, then every finding by file.
import { basename } from 'node:path';
import { verdictText } from '../../templates/audit/rules.js';
import type { Issue, Lang, Text } from '../../templates/model/types.js';
import { supplierSections, type AuditReport, type ContractorStatus, type Finding } from './audit.js';
import { columns, esc, FONT, horizontalBars, rates, type Bar } from './svg.js';
import { ruleTitle } from '../../templates/catalogue.js';
import { issueCount } from '../file-result.js';
import { templateById } from '../../templates/index.js';

const RED = '#dc2626';
const AMBER = '#f59e0b';
const GREY = '#9ca3af';

const T = {
  ja: {
    title: '監査前点検レポート',
    subtitle: '個人情報保護マネジメントシステム（JIS Q 15001）の記録',
    asOf: '基準日',
    files: 'ファイル',
    generated: '作成',
    errors: 'エラー',
    warnings: '警告',
    infos: '情報',
    contractorsToFix: '要対応の委託先',
    overdueReviews: '確認期限切れの台帳行',
    april: '4月の見直し未了の法令等',
    unreadable: '読込不可・対象外のファイル',
    points: '監査で指摘されそうな点',
    none: '大きな指摘はありません。',
    byRule: '指摘の内訳（ルール別）',
    byArea: '指摘の内訳（部門・領域別）',
    bands: '調達先のランク',
    sections: '調達先の分類別得点率（平均、縦線は最低値）',
    contractors: '委託先の評価状況',
    byFile: 'ファイル別の指摘',
    noFindings: '指摘なし',
    empty: '対象がありません',
    incomplete: '未完了',
    cols: {
      name: '委託先',
      status: '状態',
      verdict: '判定',
      date: '評価日',
      next: '次回評価期限',
      used: '台帳で委託している行',
      file: '評価票',
    },
    status: {
      ok: '評価済み',
      missing: '評価なし',
      failed: '不合格',
      stale: '評価が12か月超',
      overdue: '次回評価期限切れ',
    } satisfies Record<ContractorStatus, string>,
    findingCols: { severity: '重要度', where: '場所', rule: 'ルール', message: '内容' },
    severity: { error: 'エラー', warning: '警告', info: '情報' },
    crossTag: '横断',
    footer: 'Daicho が作成。このページは外部への通信を行いません。',
    sentences: {
      contractors: (n: number, rows: number) =>
        `委託先評価がない・不合格・期限切れの委託先が ${n} 社あり、台帳の ${rows} 行がその委託先に個人情報を預けています（§4.4.3.4）。`,
      review: (n: number, depts: string) =>
        `台帳の最終確認日が12か月を超えた行が ${n} 行あります${depts ? `（${depts}）` : ''}（§4.3.3）。`,
      april: (n: number) => `法的要求事項確認書に、4月の定期見直しで確認されていない項目が ${n} 件あります（§4.3.4）。`,
      next: (n: number) => `次回評価期限を過ぎた委託先評価が ${n} 件あります（§4.4.3.4）。`,
      retention: (n: number) =>
        `契約書の保存期限が、委託した個人情報の保管期限より短い委託先が ${n} 社あります（§4.4.3.4）。`,
      risk: (n: number) => `リスク分析が全局面そろっていない台帳行が ${n} 行あります（§4.3.5）。`,
      red: (n: number) => `重大項目に「いいえ」「一部実施」がある調達先が ${n} 社あります。`,
      unreadable: (n: number) => `読み込めない・テンプレートでないファイルが ${n} 件あります。`,
      errors: (n: number, files: number) => `そのほか、${files} ファイルに合計 ${n} 件のエラーがあります。`,
    },
  },
  en: {
    title: 'Pre-audit review',
    subtitle: 'Records of the personal information protection management system (JIS Q 15001)',
    asOf: 'As of',
    files: 'Files',
    generated: 'Generated',
    errors: 'Errors',
    warnings: 'Warnings',
    infos: 'Info',
    contractorsToFix: 'Contractors to act on',
    overdueReviews: 'Ledger rows overdue for review',
    april: 'Laws not reviewed this April',
    unreadable: 'Unreadable or unknown files',
    points: 'What an auditor will raise',
    none: 'No major findings.',
    byRule: 'Findings by rule',
    byArea: 'Findings by department or area',
    bands: 'Supplier bands',
    sections: 'Supplier scores by section (average; tick = lowest)',
    contractors: 'Contractor evaluations',
    byFile: 'Findings by file',
    noFindings: 'No findings',
    empty: 'Nothing to show',
    incomplete: 'incomplete',
    cols: {
      name: 'Contractor',
      status: 'Status',
      verdict: 'Decision',
      date: 'Evaluated',
      next: 'Next due',
      used: 'Ledger rows entrusting data',
      file: 'Evaluation',
    },
    status: {
      ok: 'evaluated',
      missing: 'no evaluation',
      failed: 'failed',
      stale: 'older than 12 months',
      overdue: 'next evaluation overdue',
    } satisfies Record<ContractorStatus, string>,
    findingCols: { severity: 'Severity', where: 'Where', rule: 'Rule', message: 'Finding' },
    severity: { error: 'error', warning: 'warning', info: 'info' },
    crossTag: 'cross-check',
    footer: 'Made by Daicho. This page makes no network requests.',
    sentences: {
      contractors: (n: number, rows: number) =>
        `${n} contractor(s) have no passing, current evaluation, and ${rows} ledger row(s) entrust data to them (§4.4.3.4).`,
      review: (n: number, depts: string) =>
        `${n} ledger row(s) were last reviewed more than 12 months ago${depts ? ` (${depts})` : ''} (§4.3.3).`,
      april: (n: number) => `${n} legal-register item(s) were not confirmed at this April's review (§4.3.4).`,
      next: (n: number) => `${n} contractor evaluation(s) are past their next evaluation date (§4.4.3.4).`,
      retention: (n: number) =>
        `${n} contractor(s) keep the contract for less time than the entrusted data is kept (§4.4.3.4).`,
      risk: (n: number) => `${n} ledger row(s) lack a risk analysis for every lifecycle stage (§4.3.5).`,
      red: (n: number) => `${n} supplier(s) answered No or Partly on a critical clause.`,
      unreadable: (n: number) => `${n} file(s) cannot be read or are not Daicho templates.`,
      errors: (n: number, files: number) => `Beyond these, ${files} file(s) have ${n} error(s) in all.`,
    },
  },
} as const;

/** Findings of a rule: the ones listed and those a FINDINGS-OMITTED finding counts for it. */
const count = (fs: readonly Finding[], rule: string, severity?: Issue['severity']) =>
  fs.reduce((n, f) => n + (f.tally.rule === rule && (!severity || f.issue.severity === severity) ? f.tally.n : 0), 0);

function keyPoints(r: AuditReport, lang: Lang): string[] {
  const s = T[lang].sentences;
  const out: string[] = [];
  const bad = r.contractors.filter((c) => c.status !== 'ok' && c.status !== 'overdue');
  if (bad.length)
    out.push(
      s.contractors(
        bad.length,
        bad.reduce((n, c) => n + c.usedBy.length, 0),
      ),
    );
  const review = r.findings.filter((f) => f.tally.rule === 'PL-REVIEW');
  const reviews = count(review, 'PL-REVIEW');
  if (reviews)
    out.push(
      s.review(reviews, [...new Set(review.map((f) => f.area[lang]))].slice(0, 4).join(lang === 'ja' ? '、' : ', ')),
    );
  const april = count(r.findings, 'LR-APRIL', 'warning');
  if (april) out.push(s.april(april));
  const next = count(r.findings, 'CE-NEXT', 'warning');
  if (next) out.push(s.next(next));
  const retention = count(r.findings, 'CE-RETENTION');
  if (retention) out.push(s.retention(retention));
  const risk = count(r.findings, 'PL-RISK');
  if (risk) out.push(s.risk(risk));
  const red = r.suppliers.filter((x) => x.score.redFlags.length).length;
  if (red) out.push(s.red(red));
  const unreadable = r.files.filter((f) => f.result.status === 'unreadable' || !f.result.template).length;
  if (unreadable) out.push(s.unreadable(unreadable));
  const counted = new Set([
    'PL-OUTSOURCE',
    'PL-REVIEW',
    'LR-APRIL',
    'CE-NEXT',
    'CE-RETENTION',
    'PL-RISK',
    'FILE-UNREADABLE',
    'TEMPLATE-UNKNOWN',
  ]);
  const rest = r.findings.filter((f) => f.issue.severity === 'error' && !counted.has(f.tally.rule));
  if (rest.length)
    out.push(
      s.errors(
        rest.reduce((n, f) => n + f.tally.n, 0),
        new Set(rest.map((f) => f.file)).size,
      ),
    );
  return out;
}

function bySeverity<K extends string>(
  findings: readonly Finding[],
  key: (f: Finding) => K,
  sub: (k: K) => string | undefined,
  lang: Lang,
  limit = 14,
): Bar[] {
  const groups = new Map<K, { error: number; warning: number }>();
  for (const f of findings) {
    if (f.issue.severity === 'info') continue;
    const k = key(f);
    const g = groups.get(k) ?? { error: 0, warning: 0 };
    g[f.issue.severity] += f.tally.n;
    groups.set(k, g);
  }
  const t = T[lang];
  return [...groups.entries()]
    .sort((a, b) => b[1].error + b[1].warning - (a[1].error + a[1].warning) || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([label, g]) => ({
      label,
      sub: sub(label),
      segments: [
        { value: g.error, color: RED, name: t.errors },
        { value: g.warning, color: AMBER, name: t.warnings },
      ],
    }));
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font-family:${FONT};color:#111827;background:#f5f6f8;line-height:1.6}
main{max-width:1120px;margin:0 auto;padding:28px 24px 48px}
header h1{margin:0;font-size:26px}header p{margin:2px 0;color:#4b5563}
.meta{font-size:13px;color:#6b7280}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:20px 0}
.tile{background:#fff;border-radius:10px;padding:14px 16px;box-shadow:0 1px 2px rgba(0,0,0,.06);border-top:4px solid #d1d5db}
.tile .n{font-size:30px;font-weight:700;line-height:1.2}.tile .l{font-size:13px;color:#4b5563}
.tile.red{border-top-color:${RED}}.tile.red .n{color:${RED}}.tile.amber{border-top-color:${AMBER}}.tile.amber .n{color:#b45309}
.tile.ok{border-top-color:#16a34a}
section{background:#fff;border-radius:10px;padding:18px 20px;margin:16px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}
section h2{font-size:17px;margin:0 0 10px}
.points li{margin:4px 0}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:16px}
.grid section{margin:0}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top}
th{background:#f9fafb;font-weight:600;color:#374151;white-space:nowrap}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;white-space:nowrap}
.b-error{background:#fee2e2;color:#991b1b}.b-warning{background:#fef3c7;color:#92400e}.b-info{background:#f3f4f6;color:#4b5563}
.b-ok{background:#dcfce7;color:#166534}.b-cross{background:#e0e7ff;color:#3730a3;margin-left:4px}
details{border-top:1px solid #e5e7eb;padding:6px 0}details summary{cursor:pointer;font-weight:600;padding:4px 0}
details summary .c{font-weight:400;color:#6b7280;margin-left:8px;font-size:13px}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
.nw{white-space:nowrap}
.addr code{white-space:nowrap;word-break:normal}
footer{color:#6b7280;font-size:12px;text-align:center;margin-top:24px}
@media print{body{background:#fff}section{box-shadow:none;border:1px solid #e5e7eb;break-inside:avoid}details{display:block}}
`;

function badge(severity: Issue['severity'], lang: Lang): string {
  return `<span class="badge b-${severity}">${esc(T[lang].severity[severity])}</span>`;
}

export function auditHtml(r: AuditReport, lang: Lang, generated = new Date()): string {
  const t = T[lang];
  const findings = r.findings;
  const badContractors = r.contractors.filter((c) => c.status !== 'ok').length;
  const unreadable = r.files.filter((f) => f.result.status === 'unreadable' || !f.result.template).length;
  const tiles = [
    { n: r.totals.errors, l: t.errors, cls: r.totals.errors ? 'red' : 'ok' },
    { n: r.totals.warnings, l: t.warnings, cls: r.totals.warnings ? 'amber' : 'ok' },
    { n: badContractors, l: t.contractorsToFix, cls: badContractors ? 'red' : 'ok' },
    { n: count(findings, 'PL-REVIEW'), l: t.overdueReviews, cls: count(findings, 'PL-REVIEW') ? 'amber' : 'ok' },
    {
      n: count(findings, 'LR-APRIL', 'warning'),
      l: t.april,
      cls: count(findings, 'LR-APRIL', 'warning') ? 'amber' : 'ok',
    },
    { n: unreadable, l: t.unreadable, cls: unreadable ? 'red' : 'ok' },
  ];
  const points = keyPoints(r, lang);
  const legend = [
    { value: 0, color: RED, name: t.errors },
    { value: 0, color: AMBER, name: t.warnings },
  ];
  const ruleChart = horizontalBars(
    bySeverity(
      findings,
      (f) => f.tally.rule,
      (k) => ruleTitle(k, lang),
      lang,
    ),
    { title: t.byRule, empty: t.noFindings, legend },
  );
  const areaChart = horizontalBars(
    bySeverity(
      findings,
      (f) => f.area[lang],
      () => undefined,
      lang,
    ),
    { title: t.byArea, empty: t.noFindings, legend },
  );
  const bandColors: Record<string, string> = { A: '#15803d', B: '#65a30d', C: '#d97706', D: '#dc2626' };
  const bandCounts = ['A', 'B', 'C', 'D'].map((b) => ({
    label: b,
    value: r.suppliers.filter((s) => s.score.band === b).length,
    color: bandColors[b],
  }));
  bandCounts.push({ label: t.incomplete, value: r.suppliers.filter((s) => !s.score.band).length, color: GREY });
  const bandChart = columns(bandCounts, { title: t.bands, empty: t.empty });
  const sectionRows = supplierSections().map((sec) => {
    const vals = r.suppliers
      .map((s) => s.score.sections.find((x) => x.key === sec.key)?.rate)
      .filter((v): v is number => typeof v === 'number');
    return {
      label: `${sec.key} ${sec.title[lang]}`,
      rate: vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : null,
      min: vals.length ? Math.min(...vals) : null,
    };
  });
  const sectionChart = rates(r.suppliers.length ? sectionRows : [], {
    title: t.sections,
    empty: t.empty,
    guides: [
      { at: 0.6, label: 'C' },
      { at: 0.75, label: 'B' },
      { at: 0.9, label: 'A' },
    ],
  });

  const contractorRows = r.contractors
    .map((c) => {
      const e = c.evaluation;
      const used = c.usedBy.map((u) => `${u.id ?? '—'}${u.dept ? `（${u.dept}）` : ''}`);
      const cls = c.status === 'ok' ? 'b-ok' : c.status === 'overdue' ? 'b-warning' : 'b-error';
      return `<tr><td>${esc(c.name)}</td><td><span class="badge ${cls}">${esc(t.status[c.status])}</span></td><td class="nw">${esc((e && verdictText(e)?.[lang]) ?? '—')}</td><td class="nw">${esc(e?.evaluatedOn ?? '—')}</td><td class="nw">${esc(e?.nextDue ?? '—')}</td><td>${esc(used.join(lang === 'ja' ? '、' : ', ') || '—')}</td><td><code>${esc(e?.file ?? '')}</code></td></tr>`;
    })
    .join('');
  const c = t.cols;

  const fileBlocks = r.files
    .map((f) => {
      const mine = findings.filter((x) => x.file === f.shown);
      const errors = mine.reduce((n, x) => n + (x.issue.severity === 'error' ? issueCount(x.issue) : 0), 0);
      const warnings = mine.reduce((n, x) => n + (x.issue.severity === 'warning' ? issueCount(x.issue) : 0), 0);
      const def = f.result.template ? templateById(f.result.template.id) : undefined;
      const kind = def ? (def.shortTitle ?? def.title)[lang] : (f.result.template?.id ?? '');
      const subject = f.result.subject ? ` · ${f.result.subject}` : '';
      const rows = mine
        .map(
          (x) =>
            `<tr><td>${badge(x.issue.severity, lang)}${x.cross ? `<span class="badge b-cross">${esc(t.crossTag)}</span>` : ''}</td><td class="addr"><code>${esc(x.issue.sheet ? `${x.issue.sheet}${x.issue.cell ? `!${x.issue.cell}` : ''}` : '—')}</code></td><td><code>${esc(x.issue.rule)}</code><br><span class="meta">${esc(ruleTitle(x.issue.rule, lang))}</span></td><td>${esc(x.issue.message[lang])}</td></tr>`,
        )
        .join('');
      const fc = t.findingCols;
      return `<details${errors ? ' open' : ''}><summary>${esc(f.shown)}<span class="c">${esc(kind)}${esc(subject)} — ${t.errors} ${errors} · ${t.warnings} ${warnings}</span></summary>${
        rows
          ? `<table><thead><tr><th>${fc.severity}</th><th>${fc.where}</th><th>${fc.rule}</th><th>${fc.message}</th></tr></thead><tbody>${rows}</tbody></table>`
          : `<p class="meta">${t.noFindings}</p>`
      }</details>`;
    })
    .join('');

  const stamp = `${generated.getFullYear()}-${String(generated.getMonth() + 1).padStart(2, '0')}-${String(generated.getDate()).padStart(2, '0')}`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(t.title)} — ${esc(basename(r.root))}</title><style>${CSS}</style></head>
<body><main>
<header><h1>${esc(t.title)}</h1><p>${esc(t.subtitle)} — <strong>${esc(basename(r.root))}</strong></p>
<p class="meta">${t.asOf} ${esc(r.asOf)} · ${t.files} ${r.totals.files} · ${t.generated} ${stamp}</p></header>
<div class="tiles">${tiles.map((x) => `<div class="tile ${x.cls}"><div class="n">${x.n}</div><div class="l">${esc(x.l)}</div></div>`).join('')}</div>
<section><h2>${t.points}</h2>${points.length ? `<ul class="points">${points.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : `<p>${t.none}</p>`}</section>
<div class="grid">
<section><h2>${t.byRule}</h2>${ruleChart}</section>
<section><h2>${t.byArea}</h2>${areaChart}</section>
<section><h2>${t.bands}</h2>${bandChart}</section>
<section><h2>${t.sections}</h2>${sectionChart}</section>
</div>
<section><h2>${t.contractors}</h2>${
    contractorRows
      ? `<table><thead><tr><th>${c.name}</th><th>${c.status}</th><th>${c.verdict}</th><th>${c.date}</th><th>${c.next}</th><th>${c.used}</th><th>${c.file}</th></tr></thead><tbody>${contractorRows}</tbody></table>`
      : `<p class="meta">${t.empty}</p>`
  }</section>
<section><h2>${t.byFile}</h2>${fileBlocks}</section>
<footer>${esc(t.footer)}</footer>
</main></body></html>
`;
}

export type { Text };
