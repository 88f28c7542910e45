"""Prints the text MuPDF (through PyMuPDF) finds in a PDF, page by page,
with a form feed between pages. Usage: python3 mupdf.py FILE.pdf"""
import sys

import pymupdf

with pymupdf.open(sys.argv[1]) as doc:
    sys.stdout.write("\n\f".join(page.get_text("text") for page in doc))
