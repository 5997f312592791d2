// The fake Excel as a plain script for end-to-end tests: page.addInitScript(this file's bundle) defines
// window.DaichoFake before any page script runs; the test then builds a workbook and installs it as window.Excel.
import { FakeWorkbook, installFake, parseRect, formatRect } from './fake-excel.js';
import { decodeXlsx, decodeXlsxBase64 } from './xlsx.js';

const api = { FakeWorkbook, installFake, decodeXlsx, decodeXlsxBase64, parseRect, formatRect };

export type DaichoFakeApi = typeof api;

(globalThis as { DaichoFake?: DaichoFakeApi }).DaichoFake = api;
