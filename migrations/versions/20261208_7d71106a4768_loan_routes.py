"""The loan routes of Decision 22/2023: a business borrows from the bank directly (no
savings-and-loan group, no mass organisation: both become optional); a person may borrow
in their own name; a rate other than the rules' needs a reason; the bank's decision has a
deadline. New rule rows, in force with the decision (10/10/2023): the repayment time the
bank adds to a training course, the bank's working days, and when an instalment is
overdue.

A business draft saved before drops the group and organisation it named (its route now has
none); a business application already with an organisation keeps it and finishes that
review. Applications already at the bank get no deadline (they were sent without one).

Revision ID: 7d71106a4768
Revises: 71d0f011000d
Create Date: 2026-12-08 09:00:00

"""

import datetime
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "7d71106a4768"
down_revision = "71d0f011000d"
branch_labels = None
depends_on = None

IN_FORCE = datetime.date(2023, 10, 10)
NEW_RULES = (
    (
        "training_repayment_months",
        Decimal(12),
        "Quyết định 22/2023/QĐ-TTg: thời gian học cộng thời gian trả nợ do NHCSXH quy định "
        "(mặc định 12 tháng, cần NHCSXH xác nhận)",
    ),
    ("bank_decision_working_days", Decimal(3), "Quy trình cho vay của NHCSXH (3 ngày làm việc)"),
    (
        "overdue_after_days",
        Decimal(1),
        "Nợ quá hạn: chưa trả khi đã qua ngày đến hạn (mặc định, quy định nội bộ)",
    ),
)

loan_rules = sa.table(
    "loan_rules",
    sa.column("key", sa.String),
    sa.column("value", sa.Numeric(18, 4)),
    sa.column("effective_from", sa.Date),
    sa.column("legal_basis", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
applications = sa.table(
    "loan_applications",
    sa.column("borrower_kind", sa.String),
    sa.column("status", sa.String),
    sa.column("organisation", sa.String),
    sa.column("savings_group_name", sa.String),
)


def upgrade():
    with op.batch_alter_table("loan_applications", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("in_own_name", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("bank_due_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("rate_reason", sa.Text(), nullable=True))
        batch_op.alter_column("organisation", existing_type=sa.VARCHAR(length=32), nullable=True)
        batch_op.alter_column(
            "savings_group_name", existing_type=sa.VARCHAR(length=200), nullable=True
        )
        batch_op.create_index(
            batch_op.f("ix_loan_applications_bank_due_on"), ["bank_due_on"], unique=False
        )
    op.execute(
        applications.update()
        .where(applications.c.borrower_kind == "business", applications.c.status == "draft")
        .values(organisation=None, savings_group_name=None)
    )
    op.bulk_insert(
        loan_rules,
        [
            {
                "key": key,
                "value": value,
                "effective_from": IN_FORCE,
                "legal_basis": basis,
                "created_at": datetime.datetime(2023, 10, 10, tzinfo=datetime.UTC),
            }
            for key, value, basis in NEW_RULES
        ],
    )


def downgrade():
    op.execute(loan_rules.delete().where(loan_rules.c.key.in_([key for key, *_ in NEW_RULES])))
    # A business with neither group nor organisation cannot go back to the old route's
    # columns: it is given a placeholder the old code shows as it is.
    op.execute(
        applications.update()
        .where(applications.c.organisation.is_(None))
        .values(organisation="womens_union", savings_group_name="—")
    )
    with op.batch_alter_table("loan_applications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_loan_applications_bank_due_on"))
        batch_op.alter_column(
            "savings_group_name", existing_type=sa.VARCHAR(length=200), nullable=False
        )
        batch_op.alter_column("organisation", existing_type=sa.VARCHAR(length=32), nullable=False)
        batch_op.drop_column("rate_reason")
        batch_op.drop_column("bank_due_on")
        batch_op.drop_column("in_own_name")
