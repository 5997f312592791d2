"""Fill a workbook with openpyxl (an independent producer) and save it elsewhere.

usage: openpyxl_fill.py SRC DST CELLS_JSON
       openpyxl_fill.py JOBS_JSON          (many files in one run: [{"src": …, "dst": …, "cells": {…}}, …])
CELLS_JSON: {"sheet": {"B3": value}}; a string "date:YYYY-MM-DD" becomes a real date cell (as Excel stores dates),
null clears the cell. Prints a JSON description of what openpyxl sees in SRC (validations, protection, marker),
so tests can assert the template's features through a reader that is not ours (a list of them for JOBS_JSON).
"""
import datetime
import json
import sys

import openpyxl

def fill(src, dst, cells):
    wb = openpyxl.load_workbook(src)
    seen = {
        "sheets": {ws.title: ws.sheet_state for ws in wb.worksheets},
        "names": sorted(dn.name for dn in wb.defined_names.definedName),
        "validations": {},
        "protected": {},
        "paper": {},
        "freeze": {},
        "unlocked": {},
    }
    for ws in wb.worksheets:
        seen["validations"][ws.title] = [
            {"type": dv.type, "sqref": str(dv.sqref), "formula1": dv.formula1, "prompt": dv.prompt}
            for dv in ws.data_validations.dataValidation
        ]
        seen["protected"][ws.title] = bool(ws.protection.sheet)
        seen["paper"][ws.title] = ws.page_setup.paperSize
        seen["freeze"][ws.title] = ws.freeze_panes
        seen["unlocked"][ws.title] = sum(
            1 for row in ws.iter_rows() for c in row if c.protection is not None and c.protection.locked is False
        )

    for sheet, values in cells.items():
        ws = wb[sheet]
        for addr, value in values.items():
            if isinstance(value, str) and value.startswith("date:"):
                y, m, d = (int(p) for p in value[5:].split("-"))
                ws[addr].value = datetime.datetime(y, m, d)
                ws[addr].number_format = "yyyy/mm/dd"
            else:
                ws[addr].value = value
    wb.save(dst)
    return seen


if len(sys.argv) == 2:
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = json.load(f)
    print(json.dumps([fill(j["src"], j["dst"], j["cells"]) for j in jobs], ensure_ascii=False))
else:
    src, dst, cells_path = sys.argv[1:4]
    with open(cells_path, encoding="utf-8") as f:
        print(json.dumps(fill(src, dst, json.load(f)), ensure_ascii=False))
