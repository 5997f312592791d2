// One answer to "is this Japan?" for every template that asks for a country (templates/model/places.ts): the
// ledger's PL-LOCATION, the contractor evaluation's CE-LOCATION and the supplier list's SL-CORPNO agree.
import { describe, expect, it } from 'vitest';
import { isJapan, placesAbroad } from '../../templates/model/places.js';

const HOME = [
  '日本',
  '日本国',
  '日本国内',
  '国内',
  '本邦',
  'Japan',
  'ＪＡＰＡＮ',
  ' JP ',
  'jpn',
  '東京都',
  '大阪府',
  '北海道札幌市',
];
const ABROAD = ['米国', 'USA', 'シンガポール', 'Japan Airlines', '中国', 'United Kingdom'];

describe('places: is this Japan?', () => {
  it('reads Japan however written, and a place in it, as Japan', () => {
    for (const p of HOME) expect(isJapan(p), p).toBe(true);
    for (const p of ABROAD) expect(isJapan(p), p).toBe(false);
  });

  it('lists the places abroad a country cell names, whatever separates them', () => {
    expect(placesAbroad('日本、シンガポール（バックアップ）, USA')).toEqual(['シンガポール', 'USA']);
    expect(placesAbroad('日本・米国')).toEqual(['米国']);
    expect(placesAbroad('東京都及びアイルランド')).toEqual(['アイルランド']);
    expect(placesAbroad('Japan and Germany')).toEqual(['Germany']);
    for (const p of HOME) expect(placesAbroad(p), p).toEqual([]);
  });
});
