"""The revision that gives notifications their subject reads it from the notices written
before it, and rewrites their keys, so a job run after the upgrade tells nobody twice."""

from datetime import UTC, datetime

import sqlalchemy as sa
from flask_migrate import upgrade

from reintegration import create_app
from reintegration.extensions import db

BEFORE = "71d0f011000d"
NOW = datetime(2026, 11, 1, tzinfo=UTC)
OLD = [
    # kind, old key, params
    ("follow_up_due", "fu-due:55:1", {"name": "An", "case": 7, "due": "02/11/2026"}),
    ("follow_up_overdue", "fu-overdue:56:1", {"name": "An", "case": 7, "due": "01/10/2026"}),
    ("case_silent", "case-silent:7:2026-08-01:1:1", {"name": "An", "case": 7}),
    ("loan_instalment_late", "loan-late:90:1", {"id": 3, "name": "An"}),
    ("loan_review_due", "loan-review-due:3:2026-10-20:1", {"id": 3, "name": "An"}),
    ("loan_review_escalated", "loan-review-late:3:2026-10-20:1", {"id": 3, "name": "An"}),
    ("report_built", "report:12:1", {"start": "01/10/2026", "end": "31/10/2026"}),
    ("transfer_refused", "transfer_refused:4:1", {"name": "An", "case": 7, "note": "Không"}),
    ("something_else", "odd", {}),
]


def test_old_notices_get_their_subject_and_key(tmp_path):
    app = create_app({"MODE": "testing", "INSTANCE_PATH": str(tmp_path),
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/old.db"})  # fmt: skip
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            meta = sa.MetaData()
            users = sa.Table("users", meta, autoload_with=connection)
            notifications = sa.Table("notifications", meta, autoload_with=connection)
            connection.execute(users.insert().values(
                id=1, username="canbo", full_name="Cán bộ", password_hash="x",
                role="caseworker", locale="vi", active=True, session_token="t",
                created_at=NOW, updated_at=NOW,
            ))  # fmt: skip
            for kind, key, params in OLD:
                connection.execute(notifications.insert().values(
                    user_id=1, kind=kind, message="m", params=params, dedupe_key=key,
                    created_at=NOW, emailed_at=NOW if kind == "report_built" else None,
                ))  # fmt: skip
        upgrade()
        rows = db.session.execute(
            sa.text(
                "SELECT kind, subject_type, subject_id, dedupe_key, email_status "
                "FROM notifications ORDER BY id"
            )
        ).all()
        db.engine.dispose()
    assert [tuple(row) for row in rows] == [
        ("follow_up_due", "Case", 7, "follow_up_due:Case:7:55:1", "pending"),
        ("follow_up_overdue", "Case", 7, "follow_up_overdue:Case:7:56:1", "pending"),
        ("case_silent", "Case", 7, "case_silent:Case:7:2026-08-01/1:1", "pending"),
        ("loan_instalment_late", "LoanApplication", 3,
         "loan_instalment_late:LoanApplication:3:instalment-90:1", "pending"),
        ("loan_review_due", "LoanApplication", 3,
         "loan_review_due:LoanApplication:3:2026-10-20:1", "pending"),
        ("loan_review_escalated", "LoanApplication", 3,
         "loan_review_escalated:LoanApplication:3:2026-10-20:1", "pending"),
        ("report_built", "ReportSnapshot", 12, "report_built:ReportSnapshot:12::1", "sent"),
        ("transfer_refused", "Transfer", 4, "transfer_refused:Transfer:4::1", "pending"),
        ("something_else", None, None, "odd", "pending"),
    ]  # fmt: skip
