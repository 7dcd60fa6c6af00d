"""Every piece of personal data is declared once, beside its models, and the access report
and anonymisation read the declarations: a table tied to a person, or a text column of one,
that no declaration covers fails here, before it is silently missing from both."""

import dataclasses

from sqlalchemy import JSON, Column, ForeignKey, Integer, MetaData, String, Table, Text

from reintegration.core import personal_data
from reintegration.core.personal_data import declarations, person_tables, uncovered
from reintegration.extensions import db


def test_every_table_tied_to_a_person_is_declared(app_ctx):
    assert uncovered(db.metadata) == []


def test_the_walk_finds_the_tables_tied_to_a_person(app_ctx):
    """Directly (releases), through a case (contacts), through a contact (corrections),
    through a stored record type and id (the audit log), and a list of codes (the needs)."""
    tied = person_tables(db.metadata)
    for table in ("people", "releases", "contacts", "contact_corrections", "audit_events",
                  "notifications", "revisions", "case_needs", "work_profile_trades"):  # fmt: skip
        assert table in tied
    for table in ("users", "communes", "courses", "loan_rules", "report_snapshots"):
        assert table not in tied


def test_a_removed_declaration_is_caught(app_ctx, monkeypatch):
    without = {k: d for k, d in personal_data._DECLARED.items() if k != "contacts"}
    monkeypatch.setattr(personal_data, "_DECLARED", without)
    assert uncovered(db.metadata) == ["contacts"]


def test_a_text_column_nobody_declared_is_caught(app_ctx):
    """A new note on follow-ups, say, shown nowhere and erased by nobody."""
    changed = [
        dataclasses.replace(d, erase={}, fields=d.fields[:-3]) if d.key == "follow_ups" else d
        for d in declarations()
    ]
    assert uncovered(db.metadata, changed) == ["follow_ups.outcome", "follow_ups.note"]


def test_a_new_table_about_a_person_is_caught(app_ctx):
    """A table added in any domain: tied to a case, so to a person, and declared nowhere."""
    metadata = MetaData()
    for table in db.metadata.tables.values():
        table.to_metadata(metadata)
    Table(
        "debts_to_neighbours",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("case_id", ForeignKey("cases.id")),
        Column("creditor", String(200)),
        Column("story", Text),
        Column("extra", JSON),
    )
    assert uncovered(metadata) == ["debts_to_neighbours"]
