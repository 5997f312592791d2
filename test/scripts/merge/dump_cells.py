"""Dump the cells of one sheet as openpyxl reads them (an independent reader): JSON rows of
[value, ...] with dates as "date:YYYY-MM-DD" and everything else as openpyxl returns it.

usage: dump_cells.py FILE SHEET
"""
import datetime
import json
import sys

import openpyxl

path, sheet = sys.argv[1:3]
ws = openpyxl.load_workbook(path)[sheet]
out = []
for row in ws.iter_rows(values_only=True):
    cells = []
    for v in row:
        if isinstance(v, datetime.datetime):
            v = "date:" + v.date().isoformat()
        cells.append(v)
    out.append(cells)
print(json.dumps(out, ensure_ascii=False))
