// What a deployment build changes: the origin the manifest points at, its support URL and version, and the help page.
// Used by webpack.config.js (DAICHO_ADDIN_URL=https://… npm run build) and by test/addin/manifest.test.ts.

/** The origin manifest.xml is written for (the dev server, npm run dev-server). */
export const DEV_BASE = 'https://localhost:3000/';

export class DeployError extends Error {}

/**
 * An absolute https URL from an environment variable (no credentials), or a DeployError in
 * Japanese and English naming the variable. Office loads add-ins only over https.
 * @param {string} raw
 * @param {string} name the variable, for the message
 * @returns {string}
 */
export function httpsUrl(raw, name) {
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new DeployError(
      `${name} は https:// で始まる URL にしてください（指定値: "${raw}"）\n` +
        `${name} must be an https:// URL (got "${raw}")`,
    );
  }
  if (url.protocol !== 'https:')
    throw new DeployError(
      `${name} は https にしてください。Office は https で配信されたアドインしか読み込みません（指定値: ${raw}）\n` +
        `${name} must use https: Office loads add-ins only over https (got ${raw})`,
    );
  if (url.username || url.password)
    throw new DeployError(
      `${name} に認証情報は付けられません（指定値: ${raw}）\n${name} must not carry credentials (got ${raw})`,
    );
  return url.href;
}

/**
 * The folder URL the pane is hosted at (DAICHO_ADDIN_URL), always ending in '/'; no query or fragment.
 * @param {string} raw
 * @returns {string}
 */
export function hostedBase(raw) {
  const href = httpsUrl(raw, 'DAICHO_ADDIN_URL');
  if (/[?#]/.test(href))
    throw new DeployError(
      `DAICHO_ADDIN_URL はフォルダーの URL にしてください（? や # は付けられません。指定値: ${raw}）\n` +
        `DAICHO_ADDIN_URL must be a folder URL, without a query or fragment (got ${raw})`,
    );
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * The lowest ExcelApi version the manifest requires (its <Set Name="ExcelApi" MinVersion="…"/>).
 * @param {string} xml
 * @returns {string}
 */
export function requiredExcelApi(xml) {
  const m = /<Set\s+Name="ExcelApi"\s+MinVersion="([\d.]+)"\s*\/>/.exec(xml);
  if (!m) throw new DeployError('manifest.xml declares no ExcelApi requirement');
  return m[1];
}

/**
 * manifest.xml for a host: every https://localhost:3000/ URL moved under `base`, <SupportUrl> set to `supportUrl`
 * (default: the help page under base), <Version> from package.json (x.y.z → x.y.z.0: Office and the admin center
 * pick up an update only when the version changes).
 * @param {string} xml manifest.xml as in the repository
 * @param {{ base: string, supportUrl?: string, version: string }} opts
 * @returns {string}
 */
export function manifestFor(xml, { base, supportUrl, version }) {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new DeployError(`package.json version "${version}" is not x.y.z`);
  const support = supportUrl ? httpsUrl(supportUrl, 'DAICHO_SUPPORT_URL') : `${base}help.html`;
  const origin = new URL(base).origin;
  let out = xml
    .replace(/<SupportUrl DefaultValue="[^"]*"\s*\/>/, `<SupportUrl DefaultValue="${escapeXml(support)}"/>`)
    .replace(/<Version>[^<]*<\/Version>/, `<Version>${version}.0</Version>`)
    .replace(/<AppDomain>https:\/\/localhost:3000<\/AppDomain>/g, `<AppDomain>${escapeXml(origin)}</AppDomain>`)
    .replaceAll(DEV_BASE, escapeXml(base));
  if (base !== DEV_BASE) {
    out = out.replace(
      /URLs point at the dev server[^\n]*\n[^\n]*\n/,
      `Built for ${base} by DAICHO_ADDIN_URL (npm run build).\n`,
    );
  }
  return out;
}

/**
 * help.html for a deployment: the link to the preview page (not deployed) goes, the privacy link points at
 * DAICHO_PRIVACY_URL when given.
 * @param {string} html
 * @param {{ privacyUrl?: string }} opts
 * @returns {string}
 */
export function helpFor(html, { privacyUrl }) {
  let out = html.replace(/\s*<!-- dev-only -->[\s\S]*?<!-- \/dev-only -->/g, '');
  if (privacyUrl)
    out = out.replaceAll('href="privacy.html"', `href="${escapeXml(httpsUrl(privacyUrl, 'DAICHO_PRIVACY_URL'))}"`);
  return out;
}

/** @param {string} s */
function escapeXml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
