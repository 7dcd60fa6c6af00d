"""Nationality as a country: the free text becomes an ISO 3166-1 alpha-2 code ("Việt Nam",
"VN", "Vietnamese" → VN; a country's Vietnamese or English name → its code; anything else
"ZZ", not known, to be corrected on the file), and a passport number for foreigners.

Revision ID: a841539276d7
Revises: 37a049305884
Create Date: 2026-12-07 20:57:40

"""
import sqlalchemy as sa
from alembic import op
from babel import Locale

# revision identifiers, used by Alembic.
revision = 'a841539276d7'
down_revision = '37a049305884'
branch_labels = None
depends_on = None

ALIASES = {
    "vietnamese": "VN", "viet": "VN", "vn": "VN", "vie": "VN", "vnm": "VN", "chinese": "CN",
    "lao": "LA", "laos": "LA", "cambodian": "KH", "khmer": "KH", "thai": "TH",
    "korean": "KR", "taiwanese": "TW", "japanese": "JP", "american": "US",
    "khong quoc tich": "ZZ", "stateless": "ZZ",
}


def _fold(text):
    import unicodedata
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def upgrade():
    op.add_column('people', sa.Column('passport_number', sa.String(length=30), nullable=True))
    names = {}
    for language in ("en", "vi"):
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha():
                names[_fold(name)] = code
                names[code.lower()] = code
    names.update(ALIASES)
    bind = op.get_bind()
    people = sa.table('people', sa.column('nationality', sa.String))
    for (value,) in bind.execute(sa.select(people.c.nationality).distinct()).all():
        code = names.get(_fold(value or ""), "VN" if not (value or "").strip() else "ZZ")
        if code != value:
            bind.execute(people.update().where(people.c.nationality == value)
                         .values(nationality=code))


def downgrade():
    op.drop_column('people', 'passport_number')
