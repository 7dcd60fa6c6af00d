"""Files the app hands out: PDFs rendered from templates, and download responses."""

from flask import Response, render_template
from flask_babel import force_locale

# Official papers are in Vietnamese whatever the reader's interface language.
DOCUMENT_LOCALE = "vi"


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
