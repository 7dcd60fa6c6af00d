"""The shared form pieces: the quick select draws exactly what WTForms' own would."""

import re

import pytest
from wtforms import SelectField
from wtforms.widgets import Select

from reintegration.core.forms import Form, QuickSelect, options
from reintegration.extensions import db
from reintegration.geo.models import Commune


class Choosing(Form):
    class Meta:
        csrf = False

    place = SelectField(
        choices=options([(None, "Tất cả"), (7, 'Phường "Bến Thành" <1> & 2'), (9, "Xã Tân Hiệp")])
    )
    flag = SelectField(choices=options([(True, "Có"), (False, "Không")]))


@pytest.mark.parametrize("chosen", ["", "7", "9"])
def test_quick_select_draws_what_wtforms_draws(app, chosen):
    with app.test_request_context(query_string={"place": chosen}):
        from flask import request

        form = Choosing(request.args)
        field = form.place
        assert str(QuickSelect()(field)) == str(Select()(field))
        drawn = str(field())
        assert drawn == str(Select()(field))
        assert "&#34;Bến Thành&#34; &lt;1&gt; &amp; 2" in drawn
        assert f'<option selected value="{chosen}">' in drawn
        assert drawn.count("selected") == 1
        # Choices WTForms draws its own way (here boolean values) are left to it.
        assert str(form.flag()) == str(Select()(form.flag))


def test_people_list_keeps_the_chosen_commune(client, auth, app, hanoi):
    with app.app_context():
        name = db.session.get(Commune, hanoi.commune_y).name
    auth.login(hanoi.officer)
    page = client.get("/people/", query_string={"commune": hanoi.commune_y}).get_data(True)
    chosen = re.findall(r"<option selected value=\"(\d+)\">([^<]+)</option>", page)
    assert chosen == [(str(hanoi.commune_y), name)]
