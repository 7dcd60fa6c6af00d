"""Files the app hands out: PDFs rendered from templates, download responses, and the
cells of exported spreadsheets (no formula runs when one is opened)."""

from flask import Response, render_template
from flask_babel import force_locale

# Official papers are in Vietnamese whatever the reader's interface language.
DOCUMENT_LOCALE = "vi"
# A text cell starting so is run as a formula by Excel and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render_pdf(template: str, **context) -> bytes:
    """A template rendered in Vietnamese and laid out as PDF (WeasyPrint)."""
    from weasyprint import HTML  # heavy: imported only when a PDF is asked for

    with force_locale(DOCUMENT_LOCALE):
        html = render_template(template, **context)
    return HTML(string=html).write_pdf()


def file_response(content: bytes | str, mimetype: str, filename: str, *, inline=False) -> Response:
    """A download that no shared cache keeps (the files hold personal data or figures).
    ``mimetype`` without its charset: text types get "; charset=utf-8" added once."""
    response = Response(content, mimetype=mimetype)
    disposition = "inline" if inline else "attachment"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def neutralise(value):
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
