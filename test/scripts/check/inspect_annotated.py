"""Describe an annotated copy as openpyxl sees it, next to its original.

usage: inspect_annotated.py ORIGINAL ANNOTATED
Prints JSON: sheet order, active sheet, notes and fill colours per cell, the findings sheet's rows and links,
data-validation and protection per sheet (original and copy), and the cells whose values differ between them.
"""
import json
import sys

import openpyxl

orig_path, copy_path = sys.argv[1:3]
orig = openpyxl.load_workbook(orig_path)
copy = openpyxl.load_workbook(copy_path)


def dv(ws):
    return sorted((d.type or "", str(d.sqref), d.formula1 or "") for d in ws.data_validations.dataValidation)


out = {
    "sheets": copy.sheetnames,
    "states": {ws.title: ws.sheet_state for ws in copy.worksheets},
    "active": copy.active.title,
    "notes": {},
    "fills": {},
    "findings": [],
    "links": {},
    "validations": {},
    "protection": {},
    "changed": [],
    "comment_authors": {},
}
findings = copy.worksheets[0]
for row in findings.iter_rows(min_row=1, values_only=True):
    out["findings"].append([None if v is None else str(v) for v in row])
for row in findings.iter_rows():
    for c in row:
        if c.hyperlink is not None:
            out["links"][c.coordinate] = c.hyperlink.location
for ws in orig.worksheets:
    cws = copy[ws.title]
    out["validations"][ws.title] = [dv(ws) == dv(cws), len(dv(cws))]
    out["protection"][ws.title] = [bool(ws.protection.sheet), bool(cws.protection.sheet)]
    for row in cws.iter_rows():
        for c in row:
            if c.comment is not None:
                out["notes"][f"{ws.title}!{c.coordinate}"] = c.comment.text
                out["comment_authors"][f"{ws.title}!{c.coordinate}"] = c.comment.author
            if c.fill is not None and c.fill.fill_type == "solid":
                out["fills"][f"{ws.title}!{c.coordinate}"] = c.fill.fgColor.rgb
    max_r = max(ws.max_row, cws.max_row)
    max_c = max(ws.max_column, cws.max_column)
    for r in range(1, max_r + 1):
        for c in range(1, max_c + 1):
            a = ws.cell(r, c)
            b = cws.cell(r, c)
            if a.value != b.value or a.number_format != b.number_format or a.protection.locked != b.protection.locked:
                out["changed"].append(f"{ws.title}!{b.coordinate}")
            elif a.fill.fill_type == "solid" and f"{ws.title}!{b.coordinate}" not in out["fills"]:
                out["changed"].append(f"{ws.title}!{b.coordinate} lost its fill")
print(json.dumps(out, ensure_ascii=False, default=str))
