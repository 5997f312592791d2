// The command line's one option table: each command's arguments and options with their help in Japanese and
// English. It drives parsing (commands/parse.ts), `daicho --help`, `daicho <command> --help` and docs/cli.md. Kept
// apart from the commands so that the CLI can parse, print help and dispatch without importing them: each command
// loads its own code (check the reader and the templates, template and samples exceljs).
import { templates } from '../../templates/index.js';
import type { Lang, Text } from '../../templates/model/types.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in help, e.g. FILE. */
  value?: string;
  /** Shown without brackets in the synopsis (the command checks it). */
  required?: boolean;
  help: Text;
}

export interface CommandSpec {
  /** The positional arguments as shown in help, e.g. `<files|folders…>`. */
  args: string;
  summary: Text;
  options: Readonly<Record<string, OptionSpec>>;
  /** Example command lines (shown in help as they are). */
  examples?: readonly string[];
}

// Options several commands share are defined once, so that they mean the same everywhere.
const force: OptionSpec = {
  type: 'boolean',
  help: {
    ja: '既にある出力を上書きする（入力ファイルは決して上書きしません）',
    en: 'replace outputs that exist (inputs are never replaced)',
  },
};
const lang: OptionSpec = {
  type: 'string',
  value: 'ja|en',
  help: { ja: '表示と出力の言語（既定: ja）', en: 'language of messages and outputs (default ja)' },
};
const asOf: OptionSpec = {
  type: 'string',
  value: 'YYYY-MM-DD',
  help: {
    ja: '期限・見直し日の判定に使う基準日（既定: 今日）',
    en: 'the date deadlines and reviews are judged against (default today)',
  },
};
const jobs: OptionSpec = {
  type: 'string',
  value: 'N',
  help: {
    ja: '並行して読み込むワーカープロセスの数 1〜32（既定: CPU コア数。check・audit・status は 8 まで、merge は 2 まで）',
    en: 'worker processes reading files in parallel, 1–32 (default one per core, at most 8; merge at most 2)',
  },
};
const json: OptionSpec = {
  type: 'string',
  value: 'FILE|-',
  help: {
    ja: 'JSON レポートを書き出す（- は標準出力。そのとき画面向けの表示は標準エラーへ）。形式は docs/report.schema.json',
    en: 'write the JSON report (- for stdout; the text report then goes to stderr); described by docs/report.schema.json',
  },
};
const failOn: OptionSpec = {
  type: 'string',
  value: 'error|warning',
  help: {
    ja: '終了コード 1 にする重要度（既定: error。warning なら警告だけのファイルでも 1）',
    en: 'the severity that makes the exit code 1 (default error; warning also fails on warnings)',
  },
};
const round: OptionSpec = {
  type: 'string',
  value: 'NAME',
  required: true,
  help: {
    ja: '調査回の名前（必須）。例: 2027上期。配布する各ファイルの識別情報に記録し、返送されたファイルの照合に使います',
    en: 'name of the survey round (required), e.g. 2027H1; recorded in each file sent, to match the returns',
  },
};
const due: OptionSpec = {
  type: 'string',
  value: 'YYYY-MM-DD',
  required: true,
  help: { ja: '回答期限（必須）', en: 'the date answers are due (required)' },
};
const previous: OptionSpec = {
  type: 'string',
  value: 'DIR',
  help: {
    ja: '前回の調査回で返送されたチェックリストのフォルダ。取引先ごとに得点率・ランクの変化、根拠のない改善、改善予定日を過ぎても改善していない回答、新たな重大リスクをシート「前回比較」に示します',
    en: "folder of the last round's returned checklists: per supplier the score and band change, answers improved without evidence, target dates passed without improvement and new red flags, on the sheet Compared with last round",
  },
};
const help: OptionSpec = { type: 'boolean', short: 'h', help: { ja: 'この説明を表示する', en: 'show this help' } };

export const COMMAND_SPECS = {
  check: {
    args: '<files|folders…>',
    summary: {
      ja: '返送されたブックをまとめてチェックし、ファイルごとの結果と指摘を表示します。',
      en: 'Check returned workbooks in bulk: a line per file, then the findings.',
    },
    options: {
      json,
      annotate: {
        type: 'string',
        value: 'DIR',
        help: {
          ja: '指摘をセルに書き込んだコピーを DIR に作成する',
          en: 'write a copy of each workbook with its findings marked to DIR',
        },
      },
      summary: {
        type: 'string',
        value: 'FILE.xlsx|FILE.csv',
        help: {
          ja: '集計を書き出す（.xlsx: ファイル一覧と指摘一覧の 2 シート。.csv: ファイル一覧を FILE.csv に、指摘一覧を FILE_指摘一覧.csv に。CSV は Excel 向けに UTF-8 BOM 付き）',
          en: 'write a summary (.xlsx: files and findings sheets; .csv: the files in FILE.csv, the findings in FILE_findings.csv, UTF-8 with BOM for Excel)',
        },
      },
      'as-of': asOf,
      lang,
      force,
      'fail-on': failOn,
      timeout: {
        type: 'string',
        value: 'SECONDS',
        help: { ja: '1 ファイルの制限時間（既定: 30 秒）', en: 'time bound per file (default 30 s)' },
      },
      'max-size': {
        type: 'string',
        value: 'MB',
        help: { ja: '読み込むファイルの上限サイズ（既定: 100 MB）', en: 'size bound per file (default 100 MB)' },
      },
      jobs,
      help,
    },
    examples: [
      'daicho check 返送/2026-11/ --annotate 返送用 --summary 集計.xlsx --json report.json',
      'daicho check *.xlsx --json -',
    ],
  },
  template: {
    args: `<${templates.map((t) => t.id).join('|')}|all>`,
    summary: { ja: '空のテンプレート（.xlsx）を作成します。', en: 'Write the blank templates (.xlsx).' },
    options: {
      out: {
        type: 'string',
        short: 'o',
        value: 'DIR',
        help: { ja: '出力先フォルダ（必須）', en: 'output folder (required)' },
      },
      force,
      help,
    },
    examples: ['daicho template all -o テンプレート'],
  },
  samples: {
    args: '',
    summary: {
      ja: '現実的な誤りを含むサンプルのブックを作成します。',
      en: 'Write sample workbooks with realistic mistakes.',
    },
    options: {
      out: {
        type: 'string',
        short: 'o',
        value: 'DIR',
        help: { ja: '出力先フォルダ（必須）', en: 'output folder (required)' },
      },
      force,
      help,
    },
  },
  demo: {
    args: '',
    summary: {
      ja: 'テンプレートとサンプルを作成し、サンプルをチェックします（基準日はサンプルに合わせた固定日）。',
      en: 'Write the templates and samples, then check the samples (as of the fixed date the samples are made for).',
    },
    options: {
      out: {
        type: 'string',
        short: 'o',
        value: 'DIR',
        help: { ja: '出力先フォルダ（既定: out/demo）', en: 'output folder (default out/demo)' },
      },
      'as-of': asOf,
      lang,
      help,
    },
  },
  merge: {
    args: '<files|folders…>',
    summary: {
      ja: '部門ごとの台帳を 1 つのマスターに統合し、チェックリスト・評価票を 1 つの集計ブックにまとめます。',
      en: 'Merge department ledgers into one master, or summarise checklists and evaluations in one workbook.',
    },
    options: {
      out: {
        type: 'string',
        short: 'o',
        value: 'OUT.xlsx',
        help: { ja: '出力ファイル（必須）', en: 'output workbook (required)' },
      },
      json,
      previous,
      force,
      'as-of': asOf,
      lang,
      jobs,
      help,
    },
    examples: [
      'daicho merge 部門別台帳/ -o 個人情報管理台帳_全社.xlsx',
      'daicho merge 返送/2027下期/ -o 取引先集計.xlsx --previous 返送/2027上期/',
    ],
  },
  upgrade: {
    args: '<files|folders…>',
    summary: {
      ja: '旧版のテンプレートで作成したブックを、入力済みの値・追加した列・メモ・書式をそのまま残して最新版のコピーにします。',
      en: 'Copy workbooks made with an earlier template into the latest version, keeping every value, extra column, note and format.',
    },
    options: {
      out: {
        type: 'string',
        short: 'o',
        value: 'DIR',
        help: {
          ja: '出力先フォルダ（必須。入力と同じファイルには書き込みません）',
          en: 'output folder (required; an input is never written)',
        },
      },
      force,
      lang,
      help,
    },
    examples: ['daicho upgrade 部門別台帳/ -o 部門別台帳_最新版/'],
  },
  audit: {
    args: '<folder|files…>',
    summary: {
      ja: '1 社分の PMS 記録を監査の目で読み、audit.html と audit.xlsx を作成します。',
      en: "Read one company's PMS records as an auditor would; writes audit.html and audit.xlsx.",
    },
    options: {
      out: {
        type: 'string',
        short: 'o',
        value: 'DIR|NAME',
        help: {
          ja: '出力先（フォルダなら DIR/audit.html と .xlsx、名前なら NAME.html と NAME.xlsx。既定: カレントフォルダ）',
          en: 'DIR → DIR/audit.html and .xlsx; NAME → NAME.html and NAME.xlsx (default: the current folder)',
        },
      },
      json,
      force,
      'as-of': asOf,
      lang,
      'fail-on': failOn,
      jobs,
      help,
    },
    examples: ['daicho audit PMS記録/ -o 監査準備/'],
  },
  distribute: {
    args: '<SUPPLIERS.xlsx>',
    summary: {
      ja: '取引先一覧から、取引先ごとのセルフチェック（会社名・法人番号を記入済み、回答期限と返送方法を記載）と送付一覧・メール差し込み用 CSV を作成します。メールは送信しません。',
      en: 'From a supplier list, write one self-assessment per supplier (name and corporate number filled in, due date and how to return it), a send list and a mail-merge CSV. Nothing is sent.',
    },
    options: {
      out: {
        type: 'string',
        short: 'o',
        value: 'OUTBOX',
        help: { ja: '出力先フォルダ（必須）', en: 'output folder (required)' },
      },
      round,
      due,
      force,
      lang,
      help,
    },
    examples: ['daicho distribute 取引先一覧.xlsx -o 送付用/2027上期 --round 2027上期 --due 2027-01-31'],
  },
  status: {
    args: '<SUPPLIERS.xlsx> <returns…>',
    summary: {
      ja: '返送されたセルフチェックを取引先一覧と照合し、回収状況（未回収・要修正・要対応・完了）と督促・修正依頼のメール差し込み用 CSV を作成します。',
      en: 'Match returned self-assessments to the supplier list; write the round status (not returned, to correct, action needed, done) and reminder and correction mail-merge CSVs.',
    },
    options: {
      out: {
        type: 'string',
        short: 'o',
        value: 'DIR',
        help: { ja: '出力先フォルダ（必須）', en: 'output folder (required)' },
      },
      round,
      due,
      previous,
      'as-of': asOf,
      'reply-by': {
        type: 'string',
        value: 'YYYY-MM-DD',
        help: {
          ja: '修正依頼の返送期限（修正箇所を示したコピーの表紙とメールに記載。既定: 基準日の 14 日後）',
          en: 'when corrections are due back (on the annotated copies and in the mails; default 14 days after --as-of)',
        },
      },
      force,
      lang,
      jobs,
      help,
    },
    examples: [
      'daicho status 取引先一覧.xlsx 返送/2027上期/ -o 回収/2027上期 --round 2027上期 --due 2027-01-31',
      'daicho status 取引先一覧.xlsx 返送/2027下期/ -o 回収/2027下期 --round 2027下期 --due 2027-07-31 --previous 返送/2027上期/',
    ],
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMAND_SPECS;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_SPECS, name);
}

function optionLabel(name: string, o: OptionSpec): string {
  const long = `--${name}${o.value ? ` ${o.value}` : ''}`;
  return o.short ? `-${o.short}, ${long}` : long;
}

/** One line: `daicho check <files|folders…> [--json FILE] …`. */
export function synopsis(name: CommandName): string {
  const spec: CommandSpec = COMMAND_SPECS[name];
  const opts = Object.entries(spec.options)
    .filter(([n]) => n !== 'help')
    .map(([n, o]) => {
      const required = (name !== 'demo' && name !== 'audit' && n === 'out') || ('required' in o && o.required);
      const text = `${o.short ? `-${o.short}` : `--${n}`}${o.value ? ` ${o.value}` : ''}`;
      return required ? text : `[${text}]`;
    });
  return ['daicho', name, spec.args, ...opts].filter(Boolean).join(' ');
}

const HEAD = {
  usage: { ja: '使い方', en: 'Usage' },
  options: { ja: 'オプション', en: 'Options' },
  examples: { ja: '例', en: 'Examples' },
  commands: { ja: 'コマンド', en: 'Commands' },
} as const;

/** `daicho <command> --help`. */
export function commandHelp(name: CommandName, l: Lang): string {
  const spec: CommandSpec = COMMAND_SPECS[name];
  const rows = Object.entries(spec.options).map(([n, o]) => [optionLabel(n, o), o.help[l]] as const);
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const lines = [`${HEAD.usage[l]}: ${synopsis(name)}`, '', spec.summary[l], '', `${HEAD.options[l]}:`];
  for (const [label, text] of rows) lines.push(`  ${label.padEnd(width)}${text}`);
  if (spec.examples?.length) lines.push('', `${HEAD.examples[l]}:`, ...spec.examples.map((e) => `  ${e}`));
  return lines.join('\n') + '\n';
}

const EXIT_CODES: Text = {
  ja: '終了コード: 0 エラーなし、1 エラーのあるファイル・読み込めないファイルがある、2 使い方の誤り・入力なし',
  en: 'Exit codes: 0 no errors, 1 some file has errors or is unreadable, 2 bad usage or no input',
};

/** `daicho --help`: every command's one-line summary, in both languages unless one is asked for. */
export function globalHelp(l?: Lang): string {
  const langs: Lang[] = l ? [l] : ['ja', 'en'];
  const names = Object.keys(COMMAND_SPECS) as CommandName[];
  const width = Math.max(...names.map((n) => n.length)) + 2;
  const lines = [
    ...langs.map((x) =>
      x === 'ja'
        ? 'daicho — 個人情報管理台帳・法的要求事項確認書・委託先評価・サステナブル調達チェックリストの検証'
        : 'Daicho — validate Privacy Mark and supplier compliance workbooks',
    ),
    '',
    `${langs.map((x) => HEAD.usage[x]).join(' / ')}: daicho <command> [options]    daicho <command> --help    daicho --version`,
    '',
  ];
  for (const x of langs) {
    lines.push(`${HEAD.commands[x]}:`);
    for (const n of names) lines.push(`  ${n.padEnd(width)}${COMMAND_SPECS[n].summary[x]}`);
    lines.push('');
  }
  lines.push(...langs.map((x) => EXIT_CODES[x]));
  return lines.join('\n') + '\n';
}

/** docs/cli.md: the synopsis and every command's options, in both languages. */
export function cliMarkdown(): string {
  const names = Object.keys(COMMAND_SPECS) as CommandName[];
  const md = [
    '# The command line',
    '',
    '<!-- Generated from scripts/commands/spec.ts by `npm run docs:cli`; test/scripts/cli/spec.test.ts keeps it current. -->',
    '',
    '```sh',
    ...names.map(synopsis),
    '```',
    '',
    `${EXIT_CODES.en}.`,
    '',
  ];
  for (const n of names) {
    const spec: CommandSpec = COMMAND_SPECS[n];
    md.push(`## daicho ${n}`, '', `${spec.summary.en} ${spec.summary.ja}`, '', '| option | | |', '|---|---|---|');
    for (const [name, o] of Object.entries(spec.options)) {
      const cell = (t: string) => t.replace(/\|/g, '\\|');
      md.push(`| \`${cell(optionLabel(name, o))}\` | ${cell(o.help.en)} | ${cell(o.help.ja)} |`);
    }
    md.push('');
  }
  return md.join('\n');
}
