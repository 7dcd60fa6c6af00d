"""Pages that record what they show (a file read, a search, candidates listed): the page is
drawn first, then the read's audit committed with it."""

from flask import render_template

from reintegration.extensions import db


def render_audited(template: str, **context) -> str:
    """Draw ``template``, then commit the audit the read recorded. Committing first expired
    every object already loaded, so the page loaded each one again, a query a row (26 more
    for a list page of 25 cases); in this order the page is sent only once its audit is
    saved."""
    page = render_template(template, **context)
    db.session.commit()
    return page
