"""Notifications name their subject (type and id, indexed) and keep the state of their
e-mail: waiting, sent, failed with a reason after a few attempts, or in-app only.

The privacy report and anonymisation find a person's notices through the subject, not by
matching the link's text; a notice is told once per kind, subject, step and reader, so the
existing keys are rewritten in that form (``notifications.services.dedupe_key``) and a job
run after the upgrade does not tell anyone again what it told before. The subject of the
existing notices is read from their key or parameters; notices of a kind this revision does
not know keep their key and no subject.

Revision ID: 0952dedb76bd
Revises: 82e0f011000e
Create Date: 2026-12-07 16:15:41.930809

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0952dedb76bd"
down_revision = "82e0f011000e"
branch_labels = None
depends_on = None

BATCH = 5000
notifications = sa.table(
    "notifications",
    sa.column("id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("params", sa.JSON),
    sa.column("dedupe_key", sa.String),
    sa.column("subject_type", sa.String),
    sa.column("subject_id", sa.Integer),
)


def _subject_and_key(kind: str, key: str | None, params: dict) -> tuple[str, int, str] | None:
    """(subject type, subject id, new key) of a notice written before this revision."""
    parts = (key or "").split(":")
    if len(parts) < 3:
        return None
    user = parts[-1]
    if kind in ("follow_up_due", "follow_up_overdue") and "case" in params:
        subject, step = ("Case", int(params["case"])), parts[1]  # fu-due:<follow-up>:<user>
    elif kind == "case_silent" and len(parts) == 5:
        subject, step = ("Case", int(parts[1])), f"{parts[2]}/{parts[3]}"
    elif kind == "loan_instalment_late" and "id" in params:
        subject, step = ("LoanApplication", int(params["id"])), f"instalment-{parts[1]}"
    elif kind in ("loan_review_due", "loan_review_escalated") and len(parts) == 4:
        subject, step = ("LoanApplication", int(parts[1])), parts[2]
    elif kind == "report_built":
        subject, step = ("ReportSnapshot", int(parts[1])), ""
    elif kind.startswith("transfer_"):
        subject, step = ("Transfer", int(parts[1])), ""
    else:
        return None
    return (*subject, f"{kind}:{subject[0]}:{subject[1]}:{step}:{user}")


def upgrade():
    op.add_column("notifications", sa.Column("subject_type", sa.String(length=40)))
    op.add_column("notifications", sa.Column("subject_id", sa.Integer()))
    op.add_column(
        "notifications",
        sa.Column("email_status", sa.String(length=32), server_default="pending", nullable=False),
    )
    op.add_column(
        "notifications",
        sa.Column("email_attempts", sa.Integer(), server_default="0", nullable=False),
    )
    op.add_column("notifications", sa.Column("email_error", sa.String(length=300)))
    op.execute("UPDATE notifications SET email_status = 'sent' WHERE emailed_at IS NOT NULL")
    _backfill_subjects()
    op.create_index("ix_notifications_email_status", "notifications", ["email_status"])
    op.create_index("ix_notifications_subject", "notifications", ["subject_type", "subject_id"])


def _backfill_subjects() -> None:
    connection = op.get_bind()
    after = 0
    while True:
        rows = connection.execute(
            sa.select(
                notifications.c.id,
                notifications.c.kind,
                notifications.c.params,
                notifications.c.dedupe_key,
            )
            .where(notifications.c.id > after)
            .order_by(notifications.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        updates = []
        for row in rows:
            found = _subject_and_key(row.kind, row.dedupe_key, row.params or {})
            if found is not None:
                subject_type, subject_id, key = found
                updates.append(
                    {"row_id": row.id, "s_type": subject_type, "s_id": subject_id, "key": key}
                )
        if updates:
            connection.execute(
                notifications.update()
                .where(notifications.c.id == sa.bindparam("row_id"))
                .values(
                    subject_type=sa.bindparam("s_type"),
                    subject_id=sa.bindparam("s_id"),
                    dedupe_key=sa.bindparam("key"),
                ),
                updates,
            )
        after = rows[-1].id


def downgrade():
    op.drop_index("ix_notifications_subject", table_name="notifications")
    op.drop_index("ix_notifications_email_status", table_name="notifications")
    with op.batch_alter_table("notifications") as batch_op:
        batch_op.drop_column("email_error")
        batch_op.drop_column("email_attempts")
        batch_op.drop_column("email_status")
        batch_op.drop_column("subject_id")
        batch_op.drop_column("subject_type")
