// Is this Japan? One answer for every cell that asks for a country (the ledger's and the contractor evaluation's
// データの所在国, the supplier list's 所在国): a place in Japan typed where a country is asked for is not abroad.
import { foldWidth } from './fold.js';

const PREFECTURES =
  '北海道 青森 岩手 宮城 秋田 山形 福島 茨城 栃木 群馬 埼玉 千葉 東京 神奈川 新潟 富山 石川 福井 山梨 長野 岐阜 静岡 愛知 三重 滋賀 京都 大阪 兵庫 奈良 和歌山 鳥取 島根 岡山 広島 山口 徳島 香川 愛媛 高知 福岡 佐賀 長崎 熊本 大分 宮崎 鹿児島 沖縄'.split(
    ' ',
  );
const JAPAN = new Set(['japan', 'jp', 'jpn', '本邦']);

/** Japan however written (日本, 日本国内, 国内, Japan, JP…) or a place in it (東京都, 大阪府…). */
export function isJapan(place: string): boolean {
  const p = foldWidth(place).replace(/\s+/gu, '').toLowerCase();
  return JAPAN.has(p) || /^(日本|国内)/u.test(p) || PREFECTURES.some((pref) => p.startsWith(pref));
}

/** The places a country cell names that are not Japan: "日本、米国（バックアップ）" → ["米国"]. */
export function placesAbroad(text: string): string[] {
  return foldWidth(text)
    .replace(/[（(][^）)]*[）)]/gu, '')
    .split(/[、,，・/／;；\n]|及び|および|\s+and\s+/u)
    .map((t) => t.trim())
    .filter((t) => t && !isJapan(t));
}
