"""Reading an uploaded list: a workbook (.xlsx, .xls from Excel 97–2003, .ods) read with
calamine, or CSV in UTF-8 (with or without a BOM), UTF-16 (Excel's "Unicode text",
tab-separated, with or without a BOM) or Windows-1258. The kind is told by the content
(``file_checks``), which also refuses, before anything is read, a file over the limits.

Lists often carry a title above the header: the header is the first of the first rows that
names at least two known columns (else the first non-empty row). A workbook of several sheets
(a summary first, the list after it; a sheet a province) is read from the first visible
sheet whose header names known columns, and the sheets left out are said (``Sheets``). The
rows are read as they are iterated, once, and no more than ``Limits.max_rows`` of them.

Lines below the header that are not people (the row numbering the columns, headings and
notes of one value, totals and signatures after the last person) are left out and said
(``LeftOut``).

Text typed with the old Vietnamese fonts (TCVN3/ABC, VNI) is found column by column on the
first rows below the header and converted as the rows are read; each column converted is a
``Repair`` in ``Table.repairs`` (its count complete once the rows are read). Headings typed
that way are converted too."""

import csv
import io
import itertools
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from reintegration.core import legacy_fonts
from reintegration.core.exceptions import DomainError
from reintegration.core.i18n import format_number
from reintegration.imports.services.file_checks import (
    CSV,
    Limits,
    damaged,
    decode_text,
    survey,
)

HEADER_SEARCH_ROWS = 10
CSV_DELIMITERS = ",;\t"
# Rows below the header on which each column's old font is looked for.
LEGACY_SAMPLE_ROWS = 500

# Lines that are not people: a line of at most this many values after the last person is
# a footer (a total, the place and date, a signature); a single value is never a person.
FOOTER_CELLS = 2
NUMBERING_MIN_COLUMNS = 3
LEFT_OUT_EXAMPLES = 3
LEFT_OUT_EXAMPLE_CHARS = 60
LEFT_OUT_ROWS_SHOWN = 20

Cell = Any  # str, int, float, bool, datetime, date or None


@dataclass
class Repair:
    """Something changed in the cells as they were read: a column (or the headings, when
    ``column`` is None) typed with an old font, converted to Unicode. Kept on the batch as
    ``to_json()``; ``ImportBatch.repair_notes`` words it."""

    encoding: str  # legacy_fonts.TCVN3 or VNI
    column: str | None
    cells: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"kind": "legacy_font", "encoding": self.encoding, "column": self.column,
                "cells": self.cells}  # fmt: skip


@dataclass
class LeftOut:
    """Lines below the header that are not people, left out as they were read: the row
    that numbers the columns (1, 2, 3 …) under the headings, a line with a single value
    (a heading inside the list, a number with nothing else), and the short lines after the
    last person (a total, the place and date, signatures). Kept with the repairs."""

    numbering: int | None = None  # the row number of the column numbers
    rows: list[int] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    def add(self, number: int, cells: list[Cell]) -> None:
        self.rows.append(number)
        if len(self.examples) < LEFT_OUT_EXAMPLES:
            text = " · ".join(str(cell).strip() for cell in cells if _filled(cell))
            self.examples.append(text[:LEFT_OUT_EXAMPLE_CHARS])

    def __bool__(self) -> bool:
        return bool(self.numbering or self.rows)

    def to_json(self) -> dict[str, Any]:
        return {"kind": "left_out", "numbering": self.numbering, "count": len(self.rows),
                "rows": self.rows[:LEFT_OUT_ROWS_SHOWN], "examples": self.examples}  # fmt: skip


@dataclass
class Sheets:
    """A workbook of more than one sheet with something in it: the sheet read, and the
    others left out, those whose headings also name known columns apart (a list split a
    sheet a province is uploaded a sheet at a time: one list, one row number each)."""

    read: str
    lists: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"kind": "sheets", "read": self.read, "lists": self.lists,
                "others": self.others}  # fmt: skip


@dataclass
class Table:
    headers: list[str]
    header_row: int  # its number in the file (1 = first line)
    # (row number in the file, cells) for every non-empty row below the header; the rows
    # are read as they are iterated, once.
    rows: Callable[[], Iterator[tuple[int, list[Cell]]]]
    kind: str = CSV  # file_checks.XLSX, XLS, ODS or CSV
    encoding: str | None = None  # a CSV's: utf-8, utf-8-sig, utf-16, windows-1258
    repairs: list[Repair | LeftOut | Sheets] = field(default_factory=list)


def read_table(
    content: bytes, known_headers: Callable[[list[str]], int], limits: Limits | None = None
) -> Table:
    """``known_headers(cells)`` says how many cells of a row name known columns."""
    limits = limits or Limits.from_config()
    kind = survey(content, limits).kind
    if kind == CSV:
        decoded = decode_text(content)
        compose = decoded.encoding == "windows-1258"
        table = _table(_csv(decoded.text), known_headers, limits, compose=compose)
        table.encoding = decoded.encoding
    else:
        records, sheets = _workbook(content, known_headers)
        table = _table(records, known_headers, limits, compose=False)
        if sheets:
            table.repairs.insert(0, sheets)
    table.kind = kind
    return table


def _csv(text: str) -> Iterator[tuple[int, list[Cell]]]:
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        delimiter = "\t" if "\t" in sample else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number, record in enumerate(reader, start=1):
        yield number, [cell.strip() or None for cell in record]


def _workbook(
    content: bytes, known_headers: Callable[[list[str]], int]
) -> tuple[Iterator[tuple[int, list[Cell]]], Sheets | None]:
    """The rows of the sheet that holds the list, as calamine reads it, and what was said
    of the other sheets (None for a workbook of one sheet with something in it). The file's
    size was checked first, every sheet's: calamine holds a sheet's whole grid, one sheet at
    a time here (the one read is kept, the others looked at and let go)."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    except Exception as error:  # calamine's errors name no common base
        raise damaged() from error
    try:
        names = [m.name for m in workbook.sheets_metadata if m.visible == SheetVisibleEnum.Visible]
        names = names or workbook.sheet_names[:1]
        chosen = workbook.get_sheet_by_name(names[0])
        if len(names) == 1:
            return _sheet_rows(workbook, chosen), None
        filled = []  # (name, whether its headings name known columns)
        chosen_holds_list = False
        for name in names:
            sheet = chosen if name == names[0] else workbook.get_sheet_by_name(name)
            first = list(itertools.islice(_cells(sheet), HEADER_SEARCH_ROWS))
            if not any(any(_filled(cell) for cell in cells) for _number, cells in first):
                continue
            holds_list = _known_header(first, known_headers) is not None
            filled.append((name, holds_list))
            if holds_list and not chosen_holds_list:
                chosen, chosen_holds_list = sheet, True
    except Exception as error:  # calamine's errors name no common base
        workbook.close()
        raise damaged() from error
    sheets = None
    if len(filled) > 1:
        read = chosen.name
        sheets = Sheets(
            read,
            lists=[name for name, holds_list in filled if holds_list and name != read],
            others=[name for name, holds_list in filled if not holds_list and name != read],
        )
    return _sheet_rows(workbook, chosen), sheets


def _cells(sheet) -> Iterator[tuple[int, list[Cell]]]:
    """A sheet's rows numbered from its first (empty ones above its first cell included)."""
    for number, values in enumerate(sheet.iter_rows(), start=1):
        yield number, [_workbook_cell(value) for value in values]


def _sheet_rows(workbook, sheet) -> Iterator[tuple[int, list[Cell]]]:
    try:
        yield from _cells(sheet)
    finally:
        workbook.close()


def _workbook_cell(value: Cell) -> Cell:
    """Text stripped (empty: None); numbers as Excel showed them: calamine gives every
    number as a float, so whole ones become ints (an ID number, a year, a serial day)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _table(
    records: Iterator[tuple[int, list[Cell]]], known_headers, limits: Limits, *, compose: bool
) -> Table:
    """The header found among the first rows; the rows below it read on from there."""
    first_rows = []
    for record in records:
        first_rows.append(record)
        if record[0] >= HEADER_SEARCH_ROWS:
            break
    header_row, headers, heading_repair = _find_header(first_rows, known_headers)
    if compose:
        headers = [_composed(heading) for heading in headers]
    table = Table(headers, header_row, lambda: iter(()))
    if heading_repair:
        table.repairs.append(heading_repair)
    below = (
        (number, cells)
        for number, cells in itertools.chain(first_rows, records)
        if number > header_row and any(cell is not None for cell in cells)
    )
    sample = list(itertools.islice(below, LEGACY_SAMPLE_ROWS))
    columns = _legacy_columns(sample, headers)
    table.repairs.extend(columns.values())

    left_out = LeftOut()
    table.repairs.append(left_out)

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        short: list[tuple[int, list[Cell]]] = []  # kept until a fuller row follows them
        for count, (number, cells) in enumerate(itertools.chain(sample, below), start=1):
            if count > limits.max_rows:
                raise _over_the_limit(limits)
            for index, repair in columns.items():
                if index < len(cells) and isinstance(cells[index], str):
                    converted = legacy_fonts.repair(cells[index], repair.encoding)
                    if converted is not None:
                        cells[index] = converted
                        repair.cells += 1
            if compose:
                cells = [_composed(cell) for cell in cells]
            filled = sum(1 for cell in cells if _filled(cell))
            if count == 1 and _numbers_the_columns(cells):
                left_out.numbering = number
            elif filled <= 1:
                left_out.add(number, cells)
            elif filled <= FOOTER_CELLS:
                short.append((number, cells))
            else:
                yield from short
                short.clear()
                yield number, cells
        for number, cells in short:
            left_out.add(number, cells)

    table.rows = rows
    return table


def _filled(cell: Cell) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _numbers_the_columns(cells: list[Cell]) -> bool:
    """1, 2, 3 … (or "(1)", "(2)" …) across the filled cells: the row under the headings
    that numbers the columns, as official forms have."""
    numbers = []
    for cell in cells:
        if not _filled(cell):
            continue
        written = str(cell).strip().strip("()")
        if not written.isdigit():
            return False
        numbers.append(int(written))
    return len(numbers) >= NUMBERING_MIN_COLUMNS and numbers == list(
        range(numbers[0], numbers[0] + len(numbers))
    )


def _over_the_limit(limits: Limits) -> DomainError:
    return DomainError(
        _(
            "The list has more than %(limit)s rows; at most %(limit)s are read at once. Split"
            " it into smaller lists.",
            limit=format_number(limits.max_rows),
        ),
        field="file",
    )


def _composed(cell: Cell) -> Cell:
    return unicodedata.normalize("NFC", cell) if isinstance(cell, str) else cell


def _legacy_columns(sample: list[tuple[int, list[Cell]]], headers: list[str]) -> dict:
    """The columns whose text reads as Vietnamese only through an old font: index → Repair."""
    found = {}
    width = max((len(cells) for _number, cells in sample), default=0)
    for index in range(width):
        texts = [cells[index] for _number, cells in sample if index < len(cells)]
        encoding = legacy_fonts.detect(t for t in texts if isinstance(t, str))
        if encoding:
            heading = headers[index] if index < len(headers) and headers[index] else None
            found[index] = Repair(encoding, heading or f"#{index + 1}")
    return found


def _find_header(records: list[tuple[int, list[Cell]]], known_headers):
    """(row number, headings, the repair of headings typed with an old font or None)."""
    found = _known_header(records, known_headers)
    if found is not None:
        return found
    for number, cells in records:
        texts = _texts(cells)
        if any(texts):
            return number, _trim(texts), None
    raise DomainError(_("The file is empty."), field="file")


def _known_header(records: list[tuple[int, list[Cell]]], known_headers):
    """The first row naming at least two known columns, as ``_find_header``; or None."""
    for index, (number, cells) in enumerate(records):
        texts = _texts(cells)
        if not any(texts):
            continue
        for encoding in (None, *legacy_fonts.ENCODINGS):
            headings = texts if encoding is None else _converted(texts, encoding)
            if known_headers(headings) >= 2:
                repair = None if encoding is None else Repair(encoding, None)
                below = records[index + 1 : index + 2]
                found = _with_subheadings(number, headings, below, encoding, known_headers)
                return (*found, repair)
    return None


def _with_subheadings(number: int, headings: list[str], below, encoding, known_headers):
    """Headings written over two rows, as official forms have them: a group's title merged
    over its columns ("Nơi cư trú" over "Xã/Phường", "Huyện/Quận", "Tỉnh"; "Năm sinh" over
    "Nam" and "Nữ"), the columns without a group merged down the two rows. When the row
    below makes more columns known, each column takes its lower heading, joined to its
    group's title when only both together name a column ("Năm sinh Nữ"), or its upper one
    where the lower is empty; the header is then the lower row. (row number, headings)"""
    if not below or below[0][0] != number + 1:
        return number, _trim(headings)
    lower = _texts(below[0][1])
    if encoding is not None:
        lower = _converted(lower, encoding)
    combined, group = [], ""
    for index in range(max(len(headings), len(lower))):
        upper_text = headings[index] if index < len(headings) else ""
        lower_text = lower[index] if index < len(lower) else ""
        if upper_text or not lower_text:  # a merged title's cells after its first are empty
            group = upper_text
        joined = f"{group} {lower_text}"
        if not lower_text:
            combined.append(upper_text)
        elif group and not known_headers([lower_text]) and known_headers([joined]):
            combined.append(joined)
        else:
            combined.append(lower_text)
    if known_headers(combined) <= known_headers(headings):
        return number, _trim(headings)
    return number + 1, _trim(combined)


def _texts(cells: list[Cell]) -> list[str]:
    return ["" if cell is None else str(cell).strip() for cell in cells]


def _converted(texts: list[str], encoding: str) -> list[str]:
    return [legacy_fonts.convert(text, encoding) for text in texts]


def _trim(headers: list[str]) -> list[str]:
    while headers and not headers[-1]:
        headers.pop()
    return headers
