"""Delivery: a built report reaches each subscriber as a notification and, with SMTP set
up, as an e-mail in their language with the report's PDF attached, sent once."""

import io
from datetime import date

from pypdf import PdfReader
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.notifications import recipients
from reintegration.notifications.models import Notification
from reintegration.notifications.services import send_pending_emails
from reintegration.reports.models import AreaLevel, ReportSnapshot, ReportSubscription
from reintegration.reports.services import snapshots
from reintegration.reports.tasks import build_period_snapshots
from tests.factories import HA_NOI, HUE, UserFactory


class FakeSMTP:
    """Stands in for smtplib.SMTP; every message sent lands in ``sent``."""

    sent: list = []

    def __init__(self, host, port, timeout):
        assert (host, port) == ("smtp.example.vn", 25)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def send_message(self, message):
        FakeSMTP.sent.append(message)


def _subscriber(email: str, **kwargs):
    user = UserFactory(email=email, **kwargs)
    db.session.add(ReportSubscription(user_id=user.id, period_kind="month"))
    return user


def test_built_the_officers_approve_it_then_the_subscribers_get_the_pdf_once(
    app, quarter_cases, monkeypatch
):
    monkeypatch.setitem(app.config, "REPORT_PERIODS", ["month"])
    monkeypatch.setitem(app.config, "SMTP_HOST", "smtp.example.vn")
    monkeypatch.setattr("reintegration.notifications.services.smtplib.SMTP", FakeSMTP)
    monkeypatch.setattr(FakeSMTP, "sent", [])
    with app.app_context():
        viewer = _subscriber("uyban.hanoi@example.vn", role=Role.COMMITTEE_VIEWER,
                             province_code=HA_NOI)  # fmt: skip
        officer = _subscriber("tinh.hanoi@example.vn", role=Role.PROVINCE_OFFICER,
                              province_code=HA_NOI, locale="en")  # fmt: skip
        hue = _subscriber("uyban.hue@example.vn", role=Role.COMMITTEE_VIEWER, province_code=HUE)
        approver = UserFactory(role=Role.PROVINCE_OFFICER, province_code=HA_NOI)
        db.session.commit()
        assert build_period_snapshots(today=date(2026, 4, 1)) == 1 + 34  # March
        told = {(n.user_id, n.kind) for n in db.session.scalars(select(Notification))}
        officers = {u.id for u in recipients.province_officers(HA_NOI)}
        assert officers >= {officer.id, approver.id}  # and Hà Nội's officer
        assert told == {(user_id, "report_to_approve") for user_id in officers}
        assert send_pending_emails() == 1  # the officer's with an address, without a PDF
        (to_approve,) = FakeSMTP.sent
        assert not list(to_approve.iter_attachments())
        FakeSMTP.sent.clear()

        march = db.session.scalar(
            select(ReportSnapshot).where(
                ReportSnapshot.area_level == AreaLevel.PROVINCE,
                ReportSnapshot.area_code == HA_NOI,
            )
        )
        snapshots.approve(march, approver)
        db.session.commit()
        assert send_pending_emails() == 2
        assert send_pending_emails() == 0  # the outbox is idempotent
        build_period_snapshots(today=date(2026, 4, 2))  # nothing new, nothing sent
        assert send_pending_emails() == 0

        by_address = {m["To"]: m for m in FakeSMTP.sent}
        assert len(FakeSMTP.sent) == 2 and set(by_address) == {
            "uyban.hanoi@example.vn", "tinh.hanoi@example.vn"
        }  # fmt: skip
        mail = by_address["uyban.hanoi@example.vn"]
        assert mail["Subject"] == (
            "Tái hòa nhập cộng đồng: Báo cáo của Thành phố Hà Nội từ 01/03/2026 đến "
            "31/03/2026 đã được phê duyệt."
        )
        (attachment,) = list(mail.iter_attachments())
        assert attachment.get_content_type() == "application/pdf"
        assert attachment.get_filename().startswith("bao-cao-month-20260301-20260331-tinh-1-")
        pdf = PdfReader(io.BytesIO(attachment.get_content()))
        text = " ".join(page.extract_text() for page in pdf.pages)
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "HÀ NỘI" in text
        assert "&lt; 5" not in text and "< 5" in text  # the viewer's copy is suppressed
        # The officer reads English: the subject is English, the paper stays Vietnamese.
        english = by_address["tinh.hanoi@example.vn"]
        assert english["Subject"].startswith("Community reintegration: The report of")
        (officer_pdf,) = list(english.iter_attachments())
        officer_text = PdfReader(io.BytesIO(officer_pdf.get_content())).pages[0].extract_text()
        assert "ỦY BAN NHÂN DÂN" in officer_text

        exported = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "report_exported")
        ).all()
        assert sorted((e.user_id, e.detail["channel"]) for e in exported) == [
            (viewer.id, "email"), (officer.id, "email")
        ]  # fmt: skip
        hue_heard = select(Notification).where(Notification.user_id == hue.id)
        assert not db.session.scalars(hue_heard).all()


def test_without_smtp_only_the_inbox_hears(app, quarter_cases, monkeypatch):
    monkeypatch.setitem(app.config, "REPORT_PERIODS", ["month"])
    with app.app_context():
        UserFactory(role=Role.PROVINCE_OFFICER, province_code=HA_NOI, email="tinh@example.vn")
        db.session.commit()
        build_period_snapshots(today=date(2026, 4, 1))
        assert send_pending_emails() == 0
        notes = db.session.scalars(select(Notification)).all()
        assert {(n.emailed_at, n.kind) for n in notes} == {(None, "report_to_approve")}


def test_the_nations_report_goes_to_its_subscribers_when_built(app, quarter_cases, monkeypatch):
    monkeypatch.setitem(app.config, "REPORT_PERIODS", ["month"])
    with app.app_context():
        nation = _subscriber("quocgia@example.vn", role=Role.COMMITTEE_VIEWER, province_code=None)
        db.session.commit()
        build_period_snapshots(today=date(2026, 4, 1))
        built = select(Notification).where(Notification.kind == "report_built")
        (note,) = db.session.scalars(built)
        assert (note.user_id, note.attachment_kind) == (nation.id, "report_pdf")
