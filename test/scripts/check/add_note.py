"""Give a workbook cell notes with openpyxl (an independent producer): add_note.py SRC DST SHEET!CELL=TEXT…"""
import sys

import openpyxl
from openpyxl.comments import Comment

src, dst = sys.argv[1:3]
wb = openpyxl.load_workbook(src)
for spec in sys.argv[3:]:
    where, text = spec.split("=", 1)
    sheet, cell = where.split("!")
    wb[sheet][cell].comment = Comment(text, "Supplier")
wb.save(dst)
print("{}")
