"""Vietnamese order: one sort key (core.text.vietnamese_key) for every list and drop-down."""

import random

from reintegration.accounts.models import Role
from reintegration.core.text import in_vietnamese_order, vietnamese_key

IN_ORDER = ["Anh", "Ánh", "ăn", "ân", "ba", "bà", "bác", "bạc", "Bình", "Da", "Dũng", "Duy",
            "Đà Nẵng", "Đức", "Ê", "On", "Ôn", "Ơn", "Uy", "Ủy", "Ưng", "Vân", "Yên"]  # fmt: skip


def test_letters_in_the_vietnamese_alphabet_then_tones():
    shuffled = IN_ORDER[:]
    random.Random(1).shuffle(shuffled)
    assert sorted(shuffled, key=vietnamese_key) == IN_ORDER
    assert vietnamese_key("ĐỨC") == vietnamese_key("đức")  # case does not count


def test_units_are_offered_in_vietnamese_order(app, client, auth, make_user):
    auth.login(make_user(role=Role.ADMIN))
    names = [row["name"] for row in client.get("/geo/provinces/37/communes.json").json]
    assert names == in_vietnamese_order(names, name=lambda n: n)
    d_stroke = [n for n in names if n.startswith("Xã Đ")]
    assert d_stroke
    # Đ after every plain D and before G, as the XLSX and the dashboard sort them.
    assert names.index(d_stroke[0]) > max(i for i, n in enumerate(names) if n.startswith("Xã C"))
    assert names.index(d_stroke[-1]) < min(i for i, n in enumerate(names) if n.startswith("Xã G"))
