// @vitest-environment jsdom
// manifest.xml checked offline: our own structural checks, then XSD validation with xmllint against the 2019
// schemas in ../shared/office-manifest-schemas (office-addin-manifest validate needs the internet). Both variants:
// the repository's (the dev server, https://localhost:3000) and the one a deployment build writes
// (DAICHO_ADDIN_URL=https://… npm run build, addin/tools/deploy.mjs).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_BASE, DeployError, helpFor, hostedBase, manifestFor } from '../../addin/tools/deploy.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const manifestPath = join(repo, 'manifest.xml');
const schemaDir = resolve(repo, '..', 'shared', 'office-manifest-schemas');
const schema = join(schemaDir, 'OfficeAppManifestV1_1.xsd');

const NS = {
  app: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  ov: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
};

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const err = doc.getElementsByTagName('parsererror')[0];
  if (err) throw new Error(`manifest.xml is not well-formed: ${err.textContent}`);
  return doc;
}

const xml = readFileSync(manifestPath, 'utf8');
const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
const PROD = 'https://addins.example.co.jp/daicho';
const prodBase = hostedBase(PROD);
const prodXml = manifestFor(xml, { base: prodBase, version });
const SUPPORT = 'https://intra.example.co.jp/helpdesk?app=daicho';

/** Every URL of a manifest: attributes and AppDomain text, app and bt namespaces. */
function urlsOf(doc: Document): { where: string; url: string }[] {
  const out: { where: string; url: string }[] = [];
  for (const local of ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation']) {
    for (const el of Array.from(doc.getElementsByTagNameNS(NS.app, local))) {
      const v = el.getAttribute('DefaultValue');
      if (v !== null) out.push({ where: local, url: v });
    }
  }
  for (const el of Array.from(doc.getElementsByTagNameNS(NS.app, 'AppDomain')))
    out.push({ where: 'AppDomain', url: el.textContent?.trim() ?? '' });
  for (const local of ['Image', 'Url']) {
    for (const el of Array.from(doc.getElementsByTagNameNS(NS.bt, local))) {
      const v = el.getAttribute('DefaultValue');
      if (v !== null) out.push({ where: el.getAttribute('id') ?? local, url: v });
    }
  }
  return out;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/u;

const variants = [
  ['manifest.xml (dev server)', xml, DEV_BASE],
  [`production manifest (DAICHO_ADDIN_URL=${PROD})`, prodXml, prodBase],
] as const;

describe.each(variants)('%s (own checks)', (_label, source, base) => {
  const doc = parse(source);
  const root = doc.documentElement;

  function all(ns: string, local: string, from: Document | Element = doc): Element[] {
    return Array.from(from.getElementsByTagNameNS(ns, local));
  }
  function one(ns: string, local: string, from: Document | Element = doc): Element {
    const found = all(ns, local, from);
    expect(found, `<${local}>`).toHaveLength(1);
    return found[0];
  }
  it('is an Excel task-pane add-in with a GUID id and a four-part version', () => {
    expect(root.localName).toBe('OfficeApp');
    expect(root.namespaceURI).toBe(NS.app);
    expect(root.getAttributeNS(NS.xsi, 'type')).toBe('TaskPaneApp');
    expect(one(NS.app, 'Id').textContent?.trim()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    );
    expect(one(NS.app, 'Version').textContent?.trim()).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const hosts = all(NS.app, 'Host').filter((h) => h.parentElement?.namespaceURI === NS.app);
    expect(hosts.map((h) => h.getAttribute('Name'))).toEqual(['Workbook']);
    expect(one(NS.app, 'Permissions').textContent?.trim()).toBe('ReadWriteDocument');
  });

  it('requires ExcelApi 1.8 or later', () => {
    const sets = all(NS.app, 'Set');
    const excel = sets.find((s) => s.getAttribute('Name') === 'ExcelApi');
    expect(excel, 'ExcelApi requirement').toBeDefined();
    const min = excel!.getAttribute('MinVersion') ?? '0';
    expect(compareVersions(min, '1.8')).toBeGreaterThanOrEqual(0);
  });

  it('uses https for every URL, all on its host', () => {
    const urls = urlsOf(doc).map((u) => u.url);
    expect(urls.length).toBeGreaterThan(6);
    for (const u of urls) expect(u.startsWith(base) || u === new URL(base).origin, u).toBe(true);
    for (const u of urls) expect(() => new URL(u), u).not.toThrow();
    for (const u of urls) expect(new URL(u).protocol, u).toBe('https:');
  });

  it('defines every resid it uses, uses every resource it defines, and keeps ids ≤ 32 characters', () => {
    const resources = one(NS.ov, 'Resources');
    const defined = new Map<string, string>();
    for (const el of Array.from(resources.getElementsByTagNameNS(NS.bt, '*'))) {
      const id = el.getAttribute('id');
      if (id === null) continue;
      expect(defined.has(id), `duplicate resource id ${id}`).toBe(false);
      defined.set(id, el.parentElement!.localName);
    }
    const used = new Map<string, string>();
    for (const el of Array.from(doc.getElementsByTagName('*'))) {
      const resid = el.getAttribute('resid');
      if (resid !== null) used.set(resid, el.localName);
    }
    expect(used.size).toBeGreaterThan(5);
    for (const [resid, where] of used) {
      expect(defined.has(resid), `resid "${resid}" used by <${where}> is not defined in <Resources>`).toBe(true);
      expect(resid.length, `resid "${resid}" longer than 32`).toBeLessThanOrEqual(32);
    }
    for (const id of defined.keys()) expect(used.has(id), `resource "${id}" is never used`).toBe(true);
    // A resid points at the right kind of resource.
    const kind: Record<string, string> = {
      Image: 'Images',
      SourceLocation: 'Urls',
      LearnMoreUrl: 'Urls',
      FunctionFile: 'Urls',
      Label: 'ShortStrings',
      Title: 'ShortStrings',
      Description: 'LongStrings',
    };
    for (const el of Array.from(doc.getElementsByTagName('*'))) {
      const resid = el.getAttribute('resid');
      if (resid === null) continue;
      const expected = kind[el.localName];
      if (expected) expect(defined.get(resid), `<${el.localName} resid="${resid}">`).toBe(expected);
    }
  });

  it('has a Home-tab button that opens the task pane', () => {
    const tab = one(NS.ov, 'OfficeTab');
    expect(tab.getAttribute('id')).toBe('TabHome');
    const control = one(NS.ov, 'Control', tab);
    expect(control.getAttributeNS(NS.xsi, 'type')).toBe('Button');
    const action = one(NS.ov, 'Action', control);
    expect(action.getAttributeNS(NS.xsi, 'type')).toBe('ShowTaskpane');
    const resid = one(NS.ov, 'SourceLocation', action).getAttribute('resid');
    const url = all(NS.bt, 'Url')
      .find((u) => u.getAttribute('id') === resid)!
      .getAttribute('DefaultValue')!;
    const source = one(NS.app, 'SourceLocation').getAttribute('DefaultValue');
    expect(url).toBe(source);
    expect(url).toBe(`${base}taskpane.html`);
  });

  it('is Japanese by default with en-US overrides for every string', () => {
    expect(one(NS.app, 'DefaultLocale').textContent?.trim()).toBe('ja-JP');
    for (const local of ['DisplayName', 'Description']) {
      const el = one(NS.app, local);
      expect(el.getAttribute('DefaultValue')).toMatch(JAPANESE);
      const en = all(NS.app, 'Override', el).find((o) => o.getAttribute('Locale') === 'en-US');
      expect(en?.getAttribute('Value'), `${local} en-US`).toBeTruthy();
    }
    const strings = all(NS.bt, 'String');
    expect(strings.length).toBeGreaterThanOrEqual(5);
    for (const s of strings) {
      const id = s.getAttribute('id');
      expect(s.getAttribute('DefaultValue'), `${id} ja`).toMatch(JAPANESE);
      const en = all(NS.bt, 'Override', s).find((o) => o.getAttribute('Locale') === 'en-US');
      expect(en?.getAttribute('Value'), `${id} en-US`).toBeTruthy();
      expect(en!.getAttribute('Value')).not.toMatch(JAPANESE);
      const max = s.parentElement!.localName === 'ShortStrings' ? 125 : 250;
      expect(s.getAttribute('DefaultValue')!.length).toBeLessThanOrEqual(max);
    }
  });

  it('points its icons at PNGs of the right size under assets/', () => {
    const icons: [string, number][] = [
      [one(NS.app, 'IconUrl').getAttribute('DefaultValue')!, 32],
      [one(NS.app, 'HighResolutionIconUrl').getAttribute('DefaultValue')!, 64],
    ];
    for (const img of all(NS.bt, 'Image')) {
      const id = img.getAttribute('id');
      if (!id) continue;
      const size = Number(/(\d+)x\1$/.exec(id)?.[1]);
      icons.push([img.getAttribute('DefaultValue')!, size]);
    }
    const sizes = new Set(icons.map(([, s]) => s));
    for (const s of [16, 32, 64, 80]) expect(sizes.has(s), `icon ${s}`).toBe(true);
    for (const [url, size] of icons) {
      expect(url.startsWith(base), url).toBe(true);
      const file = join(repo, url.slice(base.length));
      expect(existsSync(file), file).toBe(true);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
  });
});

const xmllint = spawnSync('xmllint', ['--version']).error === undefined;

describe.skipIf(!xmllint)('manifest.xml (XSD, xmllint)', () => {
  function lint(file: string) {
    return spawnSync('xmllint', ['--nonet', '--noout', '--schema', schema, file], { encoding: 'utf8' });
  }

  it('finds the schemas in ../shared', () => {
    expect(existsSync(schema), schema).toBe(true);
  });

  it('validates against OfficeAppManifestV1_1.xsd', () => {
    const r = lint(manifestPath);
    expect(r.stderr).toContain('validates');
    expect(r.status, r.stderr).toBe(0);
  });

  it.each([
    ['a production host', prodXml],
    [
      'a production host and a support URL of its own',
      manifestFor(xml, { base: prodBase, supportUrl: SUPPORT, version }),
    ],
    ['a host at the root of its origin', manifestFor(xml, { base: hostedBase('https://daicho.example.com'), version })],
  ])('the manifest written for %s validates too', (_what, variant) => {
    const dir = mkdtempSync(join(tmpdir(), 'daicho-manifest-'));
    try {
      const file = join(dir, 'manifest.xml');
      writeFileSync(file, variant);
      const r = lint(file);
      expect(r.stderr).toContain('validates');
      expect(r.status, r.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Each breakage must be caught, in the OfficeApp part and in the ribbon's VersionOverrides (its own schema).
  it.each([
    ['a non-GUID Id', /<Id>[^<]*<\/Id>/, '<Id>not-a-guid</Id>', /Id/],
    ['a requirement version that is no version', 'MinVersion="1.8"', 'MinVersion="one"', /MinVersion/],
    ['a misspelt element in VersionOverrides', /TaskpaneId>/g, 'TaskPaneId>', /TaskPaneId/],
    ['an unknown control type', 'xsi:type="Button"', 'xsi:type="Knob"', /Knob|type/],
  ] as const)('rejects a manifest with %s (the schema check is live)', (_what, from, to, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'daicho-manifest-'));
    try {
      const bad = join(dir, 'manifest.xml');
      const broken = xml.replace(from, to);
      expect(broken).not.toBe(xml);
      writeFileSync(bad, broken);
      const r = lint(bad);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(message);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the manifest a deployment build writes (addin/tools/deploy.mjs)', () => {
  it('moves every URL to the host, nothing left on localhost; AppDomain is the host’s origin', () => {
    expect(prodXml).not.toMatch(/localhost/);
    const doc = parse(prodXml);
    const urls = urlsOf(doc);
    expect(urls.map((u) => u.where).sort()).toEqual(
      urlsOf(parse(xml))
        .map((u) => u.where)
        .sort(),
    );
    for (const { where, url } of urls) {
      if (where === 'AppDomain') expect(url).toBe('https://addins.example.co.jp');
      else expect(url.startsWith('https://addins.example.co.jp/daicho/'), `${where} ${url}`).toBe(true);
    }
    expect(doc.getElementsByTagNameNS(NS.app, 'SupportUrl')[0].getAttribute('DefaultValue')).toBe(
      `${prodBase}help.html`,
    );
  });

  it('takes the support URL from DAICHO_SUPPORT_URL (escaped for XML) and the version from package.json', () => {
    const doc = parse(manifestFor(xml, { base: prodBase, supportUrl: SUPPORT, version }));
    expect(doc.getElementsByTagNameNS(NS.app, 'SupportUrl')[0].getAttribute('DefaultValue')).toBe(SUPPORT);
    expect(doc.getElementsByTagNameNS(NS.app, 'Version')[0].textContent).toBe(`${version}.0`);
    const next = parse(manifestFor(xml, { base: prodBase, version: '2.3.4' }));
    expect(next.getElementsByTagNameNS(NS.app, 'Version')[0].textContent).toBe('2.3.4.0');
  });

  it('refuses a URL Office would not load, saying why in Japanese and English', () => {
    for (const [raw, why] of [
      ['http://addins.example.co.jp/daicho', /https/],
      ['addins.example.co.jp/daicho', /https:\/\//],
      ['https://addins.example.co.jp/daicho?x=1', /query/],
      ['https://addins.example.co.jp/daicho#top', /fragment/],
      ['https://user:pw@addins.example.co.jp/', /credentials/],
    ] as const) {
      let err: unknown;
      try {
        hostedBase(raw);
      } catch (e) {
        err = e;
      }
      expect(err, raw).toBeInstanceOf(DeployError);
      const [ja, en] = (err as Error).message.split('\n');
      expect(ja).toMatch(JAPANESE);
      expect(ja).toContain('DAICHO_ADDIN_URL');
      expect(en).toMatch(why);
      expect(en).not.toMatch(JAPANESE);
    }
    expect(hostedBase('https://addins.example.co.jp/daicho')).toBe('https://addins.example.co.jp/daicho/');
    expect(hostedBase('https://addins.example.co.jp/daicho/')).toBe('https://addins.example.co.jp/daicho/');
  });

  it('help.html for a deployment drops the preview link (not deployed) and links the privacy page given', () => {
    const html = readFileSync(join(repo, 'addin', 'taskpane', 'help.html'), 'utf8');
    expect(html).toContain('href="preview.html"');
    expect(html).toContain('href="privacy.html"');
    const deployed = helpFor(html, {});
    expect(deployed).not.toContain('preview.html');
    expect(deployed).toContain('href="privacy.html"');
    expect(helpFor(html, { privacyUrl: 'https://example.co.jp/privacy' })).toContain(
      'href="https://example.co.jp/privacy"',
    );
  });
});
