"""Each figure on the hand-built quarter of conftest.py, with the number written here."""

from datetime import date

from sqlalchemy import select

from reintegration.extensions import db
from reintegration.reports import definitions as d
from reintegration.reports import periods
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
    "arrivals_due": 2,
    "contacted_on_time": 2,  # by the police's check, not by the day the person reported
    "followed": 4,
    "foreigners": 1,
    "extremely_difficult": 1,
    "reoffended": 1,
    "record_expunged": 0,  # counted in tests/people/test_expungement.py
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
    "loans_sent_to_bank": 3,  # L1, L2, L4
    "loans_bank_in_time": 1,  # L2
    "loans_bank_late": 1,  # L1
    "loans_bank_waiting_late": 1,  # L4, due 30/03, nothing on 31/03
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
    "arrivals_due": 0,
    "contacted_on_time": 0,
    "followed": 1,
}


def test_every_figure_per_commune(app_ctx, quarter_cases):
    values = d.compute(db.session, Q1, BUILT_ON)
    x, y = quarter_cases.hanoi.commune_x, quarter_cases.hanoi.commune_y
    assert {key: values[key].get(x, 0) for key in EXPECTED_X} == EXPECTED_X
    expected_y = {key: EXPECTED_Y.get(key, 0) for key in EXPECTED_X}
    assert {key: values[key].get(y, 0) for key in EXPECTED_X} == expected_y


# The training and employment cases (conftest.py, second part), same quarter.
EXPECTED_WORK_X = {
    "in_training": 2,  # T1 (two placements, once), T2; T3 dropped before, T4 never enrolled
    "training_completed": 1,  # T1
    "training_certified": 1,
    "employed": 3,  # E1, E2 (until 15/02), E3; E4 lost the job before the quarter
    "hired": 1,  # E3
    "jobs_lost": 1,  # E2
    "reached_3_months": 1,  # E1 on 15/01
    "employed_3_months": 1,
    "reached_6_months": 2,  # E2 on 30/03, E4 on 01/01
    "employed_6_months": 0,  # both had lost the job
}
EXPECTED_WORK_Y = {
    "in_training": 2,  # T5, T6
    "training_completed": 1,  # T5
    "training_certified": 0,  # T5 has no certificate; T6 completed after the quarter
    "employed": 1,  # E6
    "hired": 0,
    "jobs_lost": 1,
    "reached_3_months": 1,  # E6 on 31/01, the day the job ended
    "employed_3_months": 0,
    "reached_6_months": 0,
    "employed_6_months": 0,
}


def test_training_and_employment_figures_per_commune(app_ctx, work_world):
    values = d.compute(db.session, Q1, BUILT_ON)
    x, y = work_world.hanoi.commune_x, work_world.hanoi.commune_y
    assert {key: values[key].get(x, 0) for key in EXPECTED_WORK_X} == EXPECTED_WORK_X
    assert {key: values[key].get(y, 0) for key in EXPECTED_WORK_Y} == EXPECTED_WORK_Y


def test_a_retention_mark_counts_once_it_is_reached(app_ctx, work_world):
    april = periods.period_containing(periods.PeriodKind.MONTH, date(2026, 4, 1))
    x = work_world.hanoi.commune_x
    before = d.compute(db.session, april, date(2026, 4, 10))
    assert before["reached_6_months"].get(x, 0) == 0  # E1's 6 months fall on 15/04
    after = d.compute(db.session, april, date(2026, 4, 20))
    assert after["reached_6_months"].get(x) == 1
    assert after["employed_6_months"].get(x) == 1
    assert after["employed"].get(x) == 2  # E1 and E3


def test_training_and_employment_roll_up_to_province_and_nation(app_ctx, work_world):
    nation, province = snapshots.build(
        Q1, [snapshots.NATION, (AreaLevel.PROVINCE, HA_NOI)], today=BUILT_ON
    )
    x = work_world.hanoi.commune_x
    assert values_of(province.id)[("in_training", x)] == 2
    assert values_of(province.id)[("in_training", TOTAL)] == 4
    assert values_of(province.id)[("employed", TOTAL)] == 4
    assert values_of(nation.id)[("employed", HA_NOI)] == 4
    assert values_of(nation.id)[("jobs_lost", TOTAL)] == 2


def test_drilldown_query_lists_the_people_behind_a_training_figure(app_ctx, work_world):
    behind = d.people_behind(d.FIGURE_BY_KEY["employed_3_months"], Q1, BUILT_ON).subquery()
    rows = db.session.execute(select(behind.c.commune_code, behind.c.person_id)).all()
    assert rows == [(work_world.hanoi.commune_x, work_world.e1_person)]


def test_every_computed_figure_is_tested():
    assert {f.key for f in d.FIGURES} == set(EXPECTED_X) | set(EXPECTED_WORK_X)


def test_province_and_nation_are_sums_of_communes(app_ctx, quarter_cases):
    x, y = quarter_cases.hanoi.commune_x, quarter_cases.hanoi.commune_y
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


def test_a_month_inside_the_quarter(app_ctx, quarter_cases):
    february = periods.period_containing(periods.PeriodKind.MONTH, Q1.start.replace(month=2))
    values = d.compute(db.session, february, BUILT_ON)
    x = quarter_cases.hanoi.commune_x
    assert values["received"].get(x) == 1  # P2 only
    assert values["follow_ups_due"].get(x) == 1
    assert values["follow_ups_overdue"].get(x) == 1
    assert values["loans_endorsed"].get(x) == 1  # L2; L1 was endorsed in January


def test_periods():
    assert periods.period_containing(
        periods.PeriodKind.QUARTER, date(2026, 5, 9)
    ) == periods.Period(periods.PeriodKind.QUARTER, date(2026, 4, 1), date(2026, 6, 30))
    assert periods.previous_period(Q1).start == date(2025, 10, 1)
    assert periods.same_period_last_year(Q1).end == date(2025, 3, 31)
    assert periods.last_ended_period(periods.PeriodKind.MONTH, date(2026, 3, 1)).end == date(
        2026, 2, 28
    )
    assert periods.last_ended_period(periods.PeriodKind.YEAR, date(2026, 1, 1)).start == date(
        2025, 1, 1
    )
