// Just enough of the Compound File Binary format (OLE2) to list the names in its directory:
// that is what tells a password-encrypted OOXML package (EncryptionInfo/EncryptedPackage) from a legacy .xls
// (Workbook/Book stream).

export const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const END_OF_CHAIN = 0xfffffffe;
const MAX_REGULAR_SECTOR = 0xfffffffa;

/** Directory entry names (storages and streams), or null if the directory cannot be walked. */
export function cfbEntryNames(b: Uint8Array): string[] | null {
  if (b.length < 512) return null;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const shift = dv.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const sectorCount = Math.floor((b.length - sectorSize) / sectorSize);
  const sectorAt = (sid: number): number => (sid + 1) * sectorSize;
  const u32 = (off: number): number => (off + 4 <= b.length ? dv.getUint32(off, true) : END_OF_CHAIN);

  // FAT sector ids: 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  const numFat = u32(0x2c);
  for (let i = 0; i < 109 && fatSectors.length < numFat; i++) fatSectors.push(u32(0x4c + i * 4));
  let difat = u32(0x44);
  for (let guard = 0; difat <= MAX_REGULAR_SECTOR && fatSectors.length < numFat && guard < sectorCount; guard++) {
    const base = sectorAt(difat);
    for (let i = 0; i < sectorSize / 4 - 1 && fatSectors.length < numFat; i++) fatSectors.push(u32(base + i * 4));
    difat = u32(base + sectorSize - 4);
  }
  const perFatSector = sectorSize / 4;
  const next = (sid: number): number => {
    const fs = fatSectors[Math.floor(sid / perFatSector)];
    if (fs === undefined || fs > MAX_REGULAR_SECTOR) return END_OF_CHAIN;
    return u32(sectorAt(fs) + (sid % perFatSector) * 4);
  };

  const names: string[] = [];
  let sid = u32(0x30);
  for (let guard = 0; sid <= MAX_REGULAR_SECTOR && guard <= sectorCount; guard++) {
    const base = sectorAt(sid);
    if (base + sectorSize > b.length) return names.length ? names : null;
    for (let e = base; e < base + sectorSize; e += 128) {
      const type = b[e + 0x42];
      const len = dv.getUint16(e + 0x40, true);
      if ((type === 1 || type === 2 || type === 5) && len >= 2 && len <= 64) {
        let name = '';
        for (let i = 0; i < len - 2; i += 2) name += String.fromCharCode(dv.getUint16(e + i, true));
        names.push(name);
      }
    }
    sid = next(sid);
  }
  return names.length ? names : null;
}

/** Fallback for a directory we could not walk: look for a UTF-16LE name anywhere in the file. */
export function containsUtf16(b: Uint8Array, text: string): boolean {
  const needle = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) needle[i * 2] = text.charCodeAt(i);
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(needle) >= 0;
}
