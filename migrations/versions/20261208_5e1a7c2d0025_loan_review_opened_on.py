"""A loan application keeps the day its organisation review opened, so the review deadline
is counted again when the calendar changes (issue 25). Files under review take the day
they were submitted.

Revision ID: 5e1a7c2d0025
Revises: 9d261855ef21
Create Date: 2026-12-07 21:35:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '5e1a7c2d0025'
down_revision = '9d261855ef21'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('loan_applications', sa.Column('review_opened_on', sa.Date(), nullable=True))
    op.execute(
        "UPDATE loan_applications SET review_opened_on = submitted_on "
        "WHERE review_due_on IS NOT NULL"
    )


def downgrade():
    with op.batch_alter_table('loan_applications') as batch_op:
        batch_op.drop_column('review_opened_on')
