// The registry of templates: the one place that lists them.
import { contractorEvaluation } from './contractor-evaluation/index.js';
import { legalRegister } from './legal-register/index.js';
import { piLedger } from './pi-ledger/index.js';
import { supplierChecklist } from './supplier-checklist/index.js';
import { supplierList } from './supplier-list/index.js';
import type { Grid } from './model/grid.js';
import type { TemplateDef } from './model/types.js';
import {
  identifyAmong,
  validateAmong,
  type Identified,
  type ValidateOptions,
  type WorkbookValidation,
} from './model/validate.js';

const registry: TemplateDef[] = [piLedger, legalRegister, contractorEvaluation, supplierChecklist, supplierList];

export const templates: readonly TemplateDef[] = registry;

export type { TemplateId } from './model/types.js';

/**
 * Adds a template to the registry of this process (worker processes do not see it): how a test runs a template of its
 * own through check, merge, audit and the pane. Returns the function that takes it out again.
 */
export function registerTemplate(def: TemplateDef): () => void {
  if (templateById(def.id)) throw new Error(`template ${def.id} is already registered`);
  registry.push(def);
  return () => {
    const i = registry.indexOf(def);
    if (i >= 0) registry.splice(i, 1);
  };
}

export function templateById(id: string): TemplateDef | undefined {
  return templates.find((t) => t.id === id);
}

/** Which template a workbook is (marker sheet, else header signature with a warning). */
export function identify(grid: Grid): Identified {
  return identifyAmong(grid, templates);
}

/** Identify the workbook's template and validate it: the one check the pane, `daicho check` and merge share. */
export function validateWorkbook(grid: Grid, opts: ValidateOptions): WorkbookValidation {
  return validateAmong(grid, templates, opts);
}
