"""Reading an uploaded list: XLSX (openpyxl, read-only, streamed) or CSV in UTF-8 (with or
without a BOM) or UTF-16 (Excel's "Unicode text", tab-separated), told apart by their
first bytes. Lists often carry a title above the header: the header is the first of the
first rows that names at least two known columns (else the first non-empty row).

The file is read once, header and rows alike: opening a workbook is costly (openpyxl
parses a whole sheet written without its dimensions just to size it)."""

import codecs
import csv
import io
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from reintegration.core.exceptions import DomainError

XLSX_MAGIC = b"PK\x03\x04"
HEADER_SEARCH_ROWS = 10
CSV_DELIMITERS = ",;\t"

Cell = Any  # str, int, float, datetime, date or None


@dataclass
class Table:
    headers: list[str]
    header_row: int  # its number in the file (1 = first line)
    # (row number in the file, cells) for every non-empty row below the header; the rows
    # are read as they are iterated, once.
    rows: Callable[[], Iterator[tuple[int, list[Cell]]]]


def read_table(content: bytes, known_headers: Callable[[list[str]], int]) -> Table:
    """``known_headers(cells)`` says how many cells of a row name known columns."""
    if content.startswith(XLSX_MAGIC):
        return _xlsx(content, known_headers)
    return _csv(decode_text(content), known_headers)


def decode_text(content: bytes) -> str:
    if content.startswith(codecs.BOM_UTF8):
        return content[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16")
    head = content[:200]
    if head and head.count(b"\x00") > len(head) // 4:
        # UTF-16 without a BOM: every other byte of Latin text is zero.
        return content.decode("utf-16-le" if head[1:2] == b"\x00" else "utf-16-be")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DomainError(
            _(
                "The file is neither an Excel workbook (.xlsx) nor text in UTF-8 or UTF-16."
                " Save it from Excel as .xlsx or as “CSV UTF-8”."
            ),
            field="file",
        ) from error


def _csv(text: str, known_headers) -> Table:
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS)
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = "\t" if "\t" in sample else ","

    def records() -> Iterator[tuple[int, list[Cell]]]:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for number, record in enumerate(reader, start=1):
            yield number, [cell.strip() or None for cell in record]

    return _table(records(), known_headers)


def _xlsx(content: bytes, known_headers) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:
        raise DomainError(_("The Excel file cannot be read."), field="file") from error

    def records() -> Iterator[tuple[int, list[Cell]]]:
        try:
            sheet = workbook.worksheets[0]
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, [_xlsx_cell(value) for value in values]
        finally:
            workbook.close()

    return _table(records(), known_headers)


def _table(records: Iterator[tuple[int, list[Cell]]], known_headers) -> Table:
    """The header found among the first rows; the rows below it read on from there."""
    first_rows = []
    for record in records:
        first_rows.append(record)
        if record[0] >= HEADER_SEARCH_ROWS:
            break
    header_row, headers = _find_header(first_rows, known_headers)

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        for number, cells in itertools.chain(first_rows, records):
            if number > header_row and any(cell is not None for cell in cells):
                yield number, cells

    return Table(headers, header_row, rows)


def _xlsx_cell(value: Cell) -> Cell:
    if isinstance(value, str):
        return value.strip() or None
    return value


def _find_header(records: list[tuple[int, list[Cell]]], known_headers) -> tuple[int, list]:
    first = None
    for number, cells in records:
        texts = ["" if cell is None else str(cell).strip() for cell in cells]
        if not any(texts):
            continue
        if first is None:
            first = (number, texts)
        if known_headers(texts) >= 2:
            return number, _trim(texts)
    if first is None:
        raise DomainError(_("The file is empty."), field="file")
    return first[0], _trim(first[1])


def _trim(headers: list[str]) -> list[str]:
    while headers and not headers[-1]:
        headers.pop()
    return headers
