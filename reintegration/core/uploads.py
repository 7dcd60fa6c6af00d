"""Files people upload: what type their content shows, the name to show them by, and the
largest accepted (REINTEGRATION_MAX_UPLOAD_BYTES). Loan documents and release lists both."""

import unicodedata
from dataclasses import dataclass

from flask import current_app

ORIGINAL_NAME_LENGTH = 200


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str


def max_upload_bytes() -> int:
    return current_app.config["MAX_UPLOAD_BYTES"]


def display_name(filename: str | None, file_type: FileType) -> str:
    """The uploaded name for showing (no folders, no control characters, NFC)."""
    name = unicodedata.normalize("NFC", (filename or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if not name:
        name = f"document.{file_type.extension}"
    return name[:ORIGINAL_NAME_LENGTH]
