"""Import pages: upload, column mapping, preview, progress and results."""

from flask import Blueprint

bp = Blueprint("imports", __name__)
