"""Each figure on the hand-built world of conftest.py, with the number written here."""

from reintegration.extensions import db
from reintegration.reports import definitions as d
from reintegration.reports.models import TOTAL, AreaLevel
from reintegration.reports.services import snapshots
from reintegration.reports.services.snapshots import values_of
from tests.factories import HA_NOI
from tests.reports.conftest import BUILT_ON, Q1

EXPECTED_X = {
    "received": 2,
    "received_amnesty": 1,
    "received_sentence_completed": 1,
    "received_conditional_early_release": 0,
    "received_class_a": 1,
    "received_class_b": 1,
    "received_class_c": 0,
    "received_class_d": 0,
    "received_unclassified": 0,
    "received_on_time": 1,
    "followed": 4,
    "foreigners": 1,
    "extremely_difficult": 1,
    "reoffended": 1,
    "follow_ups_due": 4,
    "follow_ups_done": 1,
    "follow_ups_overdue": 3,
    "loans_submitted": 2,
    "loans_endorsed": 2,
    "loans_rejected": 0,
    "loans_certified": 1,
    "loans_approved": 1,
    "loans_declined": 1,
    "loans_disbursed": 1,
    "loans_overdue": 1,
    "amount_requested": 80_000_000,
    "amount_approved": 40_000_000,
    "amount_disbursed": 40_000_000,
    "amount_overdue": 700_000,
}
EXPECTED_Y = {
    "received": 1,
    "received_amnesty": 1,
    "received_unclassified": 1,
    "received_on_time": 0,
    "followed": 1,
}


def test_every_figure_per_commune(app_ctx, world):
    values = d.compute(db.session, Q1, BUILT_ON)
    x, y = world.hanoi.commune_x, world.hanoi.commune_y
    assert {key: values[key].get(x, 0) for key in EXPECTED_X} == EXPECTED_X
    expected_y = {key: EXPECTED_Y.get(key, 0) for key in EXPECTED_X}
    assert {key: values[key].get(y, 0) for key in EXPECTED_X} == expected_y


def test_every_computed_figure_is_tested():
    assert {f.key for f in d.FIGURES} == set(EXPECTED_X)


def test_province_and_nation_are_sums_of_communes(app_ctx, world):
    x, y = world.hanoi.commune_x, world.hanoi.commune_y
    built = snapshots.build(Q1, [snapshots.NATION, (AreaLevel.PROVINCE, HA_NOI)], today=BUILT_ON)
    nation, province = built
    in_province = values_of(province.id)
    assert in_province[("received", x)] == 2
    assert in_province[("received", y)] == 1
    assert in_province[("received", TOTAL)] == 3
    assert in_province[("followed", TOTAL)] == 5
    assert in_province[("amount_requested", TOTAL)] == 80_000_000
    in_nation = values_of(nation.id)
    assert in_nation[("received", HA_NOI)] == 3
    assert in_nation[("received", TOTAL)] == 3
    assert ("received", x) not in in_nation  # the nation's rows are provinces


def test_a_month_inside_the_quarter(app_ctx, world):
    february = d.period_containing(d.PeriodKind.MONTH, Q1.start.replace(month=2))
    values = d.compute(db.session, february, BUILT_ON)
    x = world.hanoi.commune_x
    assert values["received"].get(x) == 1  # P2 only
    assert values["follow_ups_due"].get(x) == 1
    assert values["follow_ups_overdue"].get(x) == 1
    assert values["loans_endorsed"].get(x) == 1  # L2; L1 was endorsed in January


def test_periods():
    from datetime import date

    assert d.period_containing(d.PeriodKind.QUARTER, date(2026, 5, 9)) == d.Period(
        d.PeriodKind.QUARTER, date(2026, 4, 1), date(2026, 6, 30)
    )
    assert d.previous_period(Q1).start == date(2025, 10, 1)
    assert d.same_period_last_year(Q1).end == date(2025, 3, 31)
    assert d.last_ended_period(d.PeriodKind.MONTH, date(2026, 3, 1)).end == date(2026, 2, 28)
    assert d.last_ended_period(d.PeriodKind.YEAR, date(2026, 1, 1)).start == date(2025, 1, 1)
