"""What an uploaded list is, told by its content (never its name), and how large it would
be once read, found before any reader opens it.

A spreadsheet reader (calamine) holds the first sheet as a full grid of cells, from its
first to its last row and column holding a value: a file of a few kilobytes naming a cell
at row 1,000,000 or column XFD makes it ask for gigabytes, and a zip packs gigabytes of
XML in a few megabytes. So every file is measured first, cheaply and without trusting what
it says about itself: a workbook's members are unpacked here (not their declared sizes),
counting, and the cells' positions read from the sheets' XML or BIFF records. A file over
the limits is refused with its reason, at upload and again before the worker reads it.

Kinds: ``xlsx`` (zip with xl/workbook.xml), ``ods`` (zip whose mimetype says so), ``xls``
(OLE2 compound file with a Workbook stream, Excel 97–2003), ``csv`` (text).
"""

import codecs
import csv
import io
import re
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import olefile
from flask import current_app
from flask_babel import gettext as _

from reintegration.core.exceptions import DomainError
from reintegration.core.i18n import format_number

XLSX, XLS, ODS, CSV = "xlsx", "xls", "ods", "csv"
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# A title and a few blank lines may stand above the header (reading.HEADER_SEARCH_ROWS).
ROWS_ABOVE_LIST = 10
# Columns read at most: a release list has fifteen to thirty; the grid is rows × columns.
MAX_COLUMNS = 60
CHUNK = 1 << 20
# Other files people pick by mistake: refused as such, not read as text.
BINARY_MAGICS = (
    b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b",
    b"BZh", b"{\\rtf", b"MZ", b"\x7fELF",
)  # fmt: skip
_MARKUP = re.compile(rb"\s*<(?:!doctype|html|\?xml|table|head|body)", re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    max_rows: int  # rows of people below the header
    max_unpacked_bytes: int  # a workbook's XML once unzipped
    max_columns: int = MAX_COLUMNS

    @classmethod
    def from_config(cls) -> "Limits":
        config = current_app.config
        return cls(config["IMPORT_MAX_ROWS"], config["IMPORT_MAX_UNPACKED_BYTES"])

    @property
    def max_sheet_rows(self) -> int:
        return self.max_rows + ROWS_ABOVE_LIST


@dataclass(frozen=True)
class Survey:
    kind: str
    rows: int  # the last row holding a value (at most: CSV counts its lines)
    columns: int  # the last column holding a value (0 when not known: CSV)
    unpacked_bytes: int


def survey(content: bytes, limits: Limits) -> Survey:
    """The file's kind and size once read; refuses (``DomainError`` on the file field) what
    is none of the kinds read, damaged, or over the limits."""
    if content.startswith(ZIP_MAGIC):
        found = _survey_zip(content, limits)
    elif content.startswith(OLE2_MAGIC):
        found = _survey_xls(content)
    else:
        refuse_other_files(content)
        return _survey_text(content, limits)
    _check(found, limits)
    return found


def _check(found: Survey, limits: Limits) -> None:
    if found.rows > limits.max_sheet_rows:
        raise too_many_rows(found.rows, limits)
    if found.columns > limits.max_columns:
        raise _refusal(
            _(
                "The list has %(columns)s columns; at most %(limit)s are read. Delete the"
                " columns it does not need (a note far to the right counts too).",
                columns=format_number(found.columns),
                limit=format_number(limits.max_columns),
            )
        )


def too_many_rows(rows: int, limits: Limits) -> DomainError:
    return _refusal(
        _(
            "The list has %(rows)s rows; at most %(limit)s are read at once. Split it into"
            " smaller lists.",
            rows=format_number(rows),
            limit=format_number(limits.max_rows),
        )
    )


def _refusal(message: str) -> DomainError:
    return DomainError(message, field="file")


def not_a_list() -> DomainError:
    return _refusal(
        _(
            "This file is not a list that can be read: save it from Excel as .xlsx (or as"
            " .xls, .ods, or CSV in UTF-8)."
        )
    )


def damaged() -> DomainError:
    return _refusal(
        _("The spreadsheet is damaged and cannot be read: open it in Excel and save it again.")
    )


def refuse_other_files(content: bytes) -> None:
    """Files that are not text, and web pages saved under a spreadsheet's name."""
    if content.startswith(BINARY_MAGICS) or b"\x00\x00\x00\x00" in content[:4096]:
        raise not_a_list()
    head = content[:1024]
    for bom in (codecs.BOM_UTF8,):
        head = head.removeprefix(bom)
    if _MARKUP.match(head):
        raise _refusal(
            _(
                "The file is a web page or XML, not a spreadsheet, even if its name ends in"
                " .xls: open it in Excel and save it as .xlsx."
            )
        )


# ---- zip: xlsx and ods -------------------------------------------------------------------


def _survey_zip(content: bytes, limits: Limits) -> Survey:
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise damaged() from error
    if "xl/workbook.xml" in members:
        kind = XLSX
        sheets = _xlsx_sheets(content, members, limits)
    elif "xl/workbook.bin" in members:
        raise _refusal(_("Excel binary workbooks (.xlsb) are not read: save the list as .xlsx."))
    elif "content.xml" in members and _is_ods(content, members.get("mimetype")):
        kind = ODS
        sheets = ["content.xml"]
    else:
        raise not_a_list()
    budget = _Budget(limits.max_unpacked_bytes)
    rows = columns = 0
    for name, info in members.items():
        if not name.endswith((".xml", ".rels")):
            continue
        chunks = _inflate(content, info, budget)
        if name not in sheets:
            for _chunk in chunks:
                pass
            continue
        if kind == ODS:
            extent = _ods_extent(chunks)
        else:
            extent = _xlsx_extent_by_references(chunks)
            if extent is None:  # cells placed by their order: read again, tag by tag
                again = _inflate(content, info, _Budget(limits.max_unpacked_bytes))
                extent = _xlsx_extent(again)
        rows, columns = max(rows, extent[0]), max(columns, extent[1])
    return Survey(kind, rows, columns, budget.used)


class _Budget:
    def __init__(self, limit: int):
        self.limit, self.used = limit, 0

    def spend(self, size: int) -> None:
        self.used += size
        if self.used > self.limit:
            raise _refusal(
                _(
                    "The file would unpack to more than %(limit)s MB: that is not an ordinary"
                    " list. Save only the list again from Excel, or split it.",
                    limit=format_number(self.limit // (1024 * 1024)),
                )
            )


def _member_range(content: bytes, info) -> tuple[int, int]:
    """Where a member's packed bytes lie (read from its local header, as unzip does)."""
    start = info.header_offset
    header = content[start : start + 30]
    if len(header) < 30 or not header.startswith(ZIP_MAGIC):
        raise damaged()
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    begin = start + 30 + name_length + extra_length
    end = begin + info.compress_size
    if end > len(content):
        raise damaged()
    return begin, end


def _inflate(content: bytes, info, budget: _Budget) -> Iterator[bytes]:
    """A member's bytes unpacked, as much as the data really gives (not what the zip
    declares), counted against the budget as they come."""
    begin, end = _member_range(content, info)
    packed = memoryview(content)[begin:end]
    if info.compress_type == 0:  # stored
        for offset in range(0, len(packed), CHUNK):
            piece = bytes(packed[offset : offset + CHUNK])
            budget.spend(len(piece))
            yield piece
        return
    if info.compress_type != 8:  # deflate is what Excel and LibreOffice write
        raise damaged()
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        for offset in range(0, len(packed), 64 * 1024):
            data = bytes(packed[offset : offset + 64 * 1024])
            while data:
                piece = inflater.decompress(data, CHUNK)
                budget.spend(len(piece))
                yield piece
                data = inflater.unconsumed_tail
        piece = inflater.flush()
        budget.spend(len(piece))
        yield piece
    except zlib.error as error:
        raise damaged() from error


def _is_ods(content: bytes, mimetype) -> bool:
    try:
        return _member_bytes(content, mimetype, 1024) == ODS_MIMETYPE
    except DomainError:
        return False


def _member_bytes(content: bytes, info, limit: int) -> bytes | None:
    if info is None:
        return None
    return b"".join(_inflate(content, info, _Budget(limit))).strip()


_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_ATTRIBUTE = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')


def _xlsx_sheets(content: bytes, members: dict, limits: Limits) -> set[str]:
    """The worksheets' members: those the workbook's relationships name (the reader follows
    them) and any under worksheets/."""
    names = {name for name in members if "worksheets/" in name}
    relations = _member_bytes(content, members.get("xl/_rels/workbook.xml.rels"), 1 << 20)
    for match in _RELATIONSHIP.finditer(relations or b""):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        if attributes.get(b"Type", b"").lower().endswith(b"/worksheet"):
            target = attributes.get(b"Target", b"").decode("utf-8", "replace")
            names.add(target.lstrip("/") if target.startswith("/") else "xl/" + target)
    return names


def _whole_tags(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """XML that arrives in pieces, cut after its last complete tag (a tag may straddle
    two pieces)."""
    carry = b""
    for chunk in chunks:
        data = carry + chunk
        cut = data.rfind(b"<")
        if cut == -1 or data.find(b">", cut) != -1:
            cut = len(data)
        yield data[:cut]
        carry = data[cut:]
        if len(carry) > CHUNK:  # a tag a megabyte long is no spreadsheet
            raise damaged()
    yield carry


def _tags(chunks: Iterator[bytes], pattern: re.Pattern) -> Iterator[re.Match]:
    """The tags ``pattern`` finds in XML that arrives in pieces."""
    for data in _whole_tags(chunks):
        yield from pattern.finditer(data)


_XLSX_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)((?:\s[^>]*)?/?)>")
_REFERENCE = re.compile(rb'\br="([A-Za-z]*)([0-9]*)"')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


_ANY_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c(?:\s[^>]*)?/?>")
_REFERENCED_CELL = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br="[A-Za-z]+[0-9]+"')
# A cell with content (not self-closing): its reference's column and row.
_CELL_REFERENCE = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br="([A-Za-z]+)([0-9]+)"[^>]*(?<!/)>'
)

_CELL_REFERENCE_FIRST = re.compile(rb'<c r="([A-Za-z]+)([0-9]+)"[^>]*(?<!/)>')


def _xlsx_extent_by_references(chunks: Iterator[bytes]) -> tuple[int, int] | None:
    """The last row and column of a cell with content, from the cells' references (as
    Excel and LibreOffice write every cell), found by the regular expression engine alone;
    None when a cell has no reference (its place is its order: ``_xlsx_extent``)."""
    columns: set[bytes] = set()
    rows: set[bytes] = set()
    for data in _whole_tags(chunks):
        cells = data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/>")
        if b":c" not in data and cells == data.count(b'<c r="'):
            found = _CELL_REFERENCE_FIRST.findall(data)  # as Excel writes: r first
        elif len(_ANY_CELL.findall(data)) == len(_REFERENCED_CELL.findall(data)):
            found = _CELL_REFERENCE.findall(data)
        else:
            return None
        if found:
            found_columns, found_rows = zip(*found, strict=True)
            columns.update(found_columns)
            rows.update(found_rows)
    return (
        max((int(row) for row in rows), default=0),
        max((_column_number(column) for column in columns), default=0),
    )


def _xlsx_extent(chunks: Iterator[bytes]) -> tuple[int, int]:
    """The last row and column holding a cell with content (an empty, styled cell is not
    read); a row or cell without its reference follows the one before."""
    last_row = last_column = 0
    row = column = 0
    for tag in _tags(chunks, _XLSX_TAG):
        name, rest = tag.group(1), tag.group(2) or b""
        reference = _REFERENCE.search(rest)
        if name == b"row":
            row = int(reference.group(2)) if reference and reference.group(2) else row + 1
            column = 0
            continue
        if reference and reference.group(1):
            column = _column_number(reference.group(1))
            if reference.group(2):
                row = max(row, int(reference.group(2)))
        else:
            column += 1
        if not rest.rstrip().endswith(b"/"):
            last_row, last_column = max(last_row, row), max(last_column, column)
    return last_row, last_column


_ODS_TAG = re.compile(
    rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(table|table-row|table-cell|covered-table-cell)((?:\s[^>]*)?/?)>"
)
_ROWS_REPEATED = re.compile(rb'number-rows-repeated="([0-9]+)"')
_COLUMNS_REPEATED = re.compile(rb'number-columns-repeated="([0-9]+)"')


def _repeat(pattern: re.Pattern, attributes: bytes) -> int:
    found = pattern.search(attributes)
    return max(1, int(found.group(1))) if found else 1


def _ods_extent(chunks: Iterator[bytes]) -> tuple[int, int]:
    """ODS repeats rows and cells by count ("number-rows-repeated"): a row or cell holding a
    value is read as many times as it says, so the counts are what matter."""
    last_row = last_column = 0
    row = column = 0  # rows and columns before the current one
    row_repeat, row_has_value = 1, False
    for tag in _tags(chunks, _ODS_TAG):
        closing, name, rest = tag.group(1), tag.group(2), tag.group(3) or b""
        empty = rest.rstrip().endswith(b"/")
        if name == b"table":
            if not closing:
                row = column = 0
            continue
        if name == b"table-row":
            if closing:
                if row_has_value:
                    last_row = max(last_row, row + row_repeat)
                row += row_repeat
                continue
            row_repeat, row_has_value, column = _repeat(_ROWS_REPEATED, rest), False, 0
            if empty:
                row += row_repeat
            continue
        if closing:
            continue
        repeat = _repeat(_COLUMNS_REPEATED, rest)
        if not empty or b"value-type" in rest:
            row_has_value = True
            last_column = max(last_column, column + repeat)
        column += repeat
    return last_row, last_column


# ---- xls: BIFF records in an OLE2 compound file ------------------------------------------

# Records naming one cell (row, column first), and those naming a run of cells in a row
# (row, first column, ..., last column in their last two bytes).
_CELL_RECORDS = {0x0006, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0406}
_RUN_RECORDS = {0x00BD, 0x00BE}
_FILEPASS = 0x002F


def _survey_xls(content: bytes) -> Survey:
    try:
        compound = olefile.OleFileIO(content)
    except Exception as error:  # olefile raises OSError and others on damaged files
        raise damaged() from error
    try:
        if compound.exists("EncryptedPackage"):
            raise _password_protected()
        stream = next((n for n in ("Workbook", "Book") if compound.exists(n)), None)
        if stream is None:
            raise not_a_list()
        data = compound.openstream(stream).read()
    except DomainError:
        raise
    except Exception as error:
        raise damaged() from error
    finally:
        compound.close()
    rows, columns = _biff_extent(data)
    return Survey(XLS, rows, columns, len(data))


def _password_protected() -> DomainError:
    return _refusal(
        _("The workbook is protected with a password: save a copy without the password.")
    )


def _biff_extent(data: bytes) -> tuple[int, int]:
    last_row = last_column = 0
    position = 0
    while position + 4 <= len(data):
        kind, length = struct.unpack_from("<HH", data, position)
        body = position + 4
        if kind == _FILEPASS:
            raise _password_protected()
        if kind in _CELL_RECORDS and length >= 4:
            row, column = struct.unpack_from("<HH", data, body)
            last_row, last_column = max(last_row, row + 1), max(last_column, column + 1)
        elif kind in _RUN_RECORDS and length >= 6:
            row = struct.unpack_from("<H", data, body)[0]
            column = struct.unpack_from("<H", data, body + length - 2)[0]
            last_row, last_column = max(last_row, row + 1), max(last_column, column + 1)
        position = body + length
    return last_row, last_column


# ---- text --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "windows-1258"


def decode_text(content: bytes) -> Text:
    """UTF-8 (with or without BOM), UTF-16 (with or without BOM), else Windows-1258, the
    Vietnamese Windows code page (its tones come as combining marks: composed where the
    text is read)."""
    if content.startswith(codecs.BOM_UTF8):
        return Text(_strict(content[len(codecs.BOM_UTF8) :], "utf-8"), "utf-8-sig")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Text(_strict(content, "utf-16"), "utf-16")
    head = content[:200]
    if head and head.count(b"\x00") > len(head) // 4:
        # UTF-16 without a BOM: every other byte of Latin text is zero.
        return Text(_strict(content, "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"),
                    "utf-16")  # fmt: skip
    try:
        return Text(content.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return Text(_strict(content, "cp1258"), "windows-1258")


def _strict(content: bytes, encoding: str) -> str:
    try:
        text = content.decode(encoding)
    except UnicodeDecodeError as error:
        raise not_a_list() from error
    if "\x00" in text or _controls(text[:65536]) > 8:
        raise not_a_list()
    return text


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _controls(text: str) -> int:
    return len(_CONTROLS.findall(text))


def _survey_text(content: bytes, limits: Limits) -> Survey:
    decoded = decode_text(content)
    lines = decoded.text.count("\n") + 1
    if lines > limits.max_sheet_rows:
        # A cell may hold line breaks: count the records themselves before refusing.
        lines = sum(
            1 for record in csv.reader(io.StringIO(decoded.text, newline="")) if any(record)
        )
        if lines > limits.max_sheet_rows:
            raise too_many_rows(lines, limits)
    return Survey(CSV, lines, 0, len(decoded.text))
