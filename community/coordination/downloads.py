"""Lists coordinators download as CSV files, made safe for spreadsheets."""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable

from django.http import HttpResponse

# What a spreadsheet may take for the start of a formula. Full-width, small,
# superscript and subscript forms fold to these under NFKC; the minus sign,
# dashes and heavy signs do not fold, so they are listed.
_FORMULA_STARTS = frozenset(
    "=+-@"
    "\u2212\u02d7\u2796\u2795"  # minus sign, modifier minus, heavy minus/plus
    "\u2010\u2011\u2012\u2013\u2014\u2015"  # hyphens and dashes
    "\u2e3a\u2e3b\ufe58"  # two- and three-em dash, small em dash
)


def _first_visible(value: str) -> str:
    """The first character that is not white space, a control or an invisible
    format character (zero-width space, byte order mark, bidi marks)."""
    for char in value:
        if not (char.isspace() or unicodedata.category(char)[0] in "CZ"):
            return char
    return ""


def csv_safe(value) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: not ours.
    Also caught: those signs after spaces or invisible characters, their
    look-alikes (``＝``, ``﹢``, ``−`` ...), and cells starting with a tab or
    a line break. Such a cell is kept as text by a leading apostrophe."""
    value = str(value)
    if value[:1] in ("\t", "\r", "\n") or any(
        _first_visible(text) in _FORMULA_STARTS
        for text in (value, unicodedata.normalize("NFKC", value))
    ):
        return "'" + value
    return value


def csv_download(filename: str, header: list[str], rows: Iterable) -> HttpResponse:
    """A CSV attachment; every cell is made safe for spreadsheets."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return response
