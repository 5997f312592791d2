// Writes the bundled sample workbooks (real template files filled with realistic data and mistakes).
import { join } from 'node:path';
import { templateById } from '../../templates/index.js';
import type { WorkbookInput } from '../../templates/model/layout.js';
import { writeFileAtomic } from '../io/atomic.js';
import { templateBuffer } from '../xlsx/template-writer.js';
import { samples as contractorEvaluation } from './contractor-evaluation.js';
import { samples as legalRegister } from './legal-register.js';
import { samples as piLedger } from './pi-ledger.js';
import { samples as supplierChecklist } from './supplier-checklist.js';
import { samples as supplierList } from './supplier-list.js';

/** The date the bundled samples are written for: their expected findings hold as of this day. */
export const SAMPLE_AS_OF = '2026-11-20';

export interface Sample {
  file: string;
  input: WorkbookInput;
  /** Rule ids the sample is meant to raise (empty for a clean one). */
  expect: string[];
}

export const allSamples: { id: string; samples: readonly Sample[] }[] = [
  { id: 'pi-ledger', samples: piLedger },
  { id: 'legal-register', samples: legalRegister },
  { id: 'contractor-evaluation', samples: contractorEvaluation },
  { id: 'supplier-checklist', samples: supplierChecklist },
  { id: 'supplier-list', samples: supplierList },
];

export async function writeSamples(dir: string, opts: { force?: boolean } = {}): Promise<string[]> {
  const written: string[] = [];
  for (const { id, samples } of allSamples) {
    const def = templateById(id)!;
    for (const s of samples) {
      const path = join(dir, id, s.file.endsWith('.xlsx') ? s.file : `${s.file}.xlsx`);
      await writeFileAtomic(path, await templateBuffer(def, s.input), opts);
      written.push(path);
    }
  }
  return written;
}
