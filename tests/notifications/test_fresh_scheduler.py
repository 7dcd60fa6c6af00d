"""A scheduler process started fresh sends a report's e-mail with its PDF.

The PDF maker used to be registered only when the report module happened to be imported,
so a scheduler that sent e-mail before building a report failed those notices and tried
them again for ever. Here a new process (`flask scheduler run-job`) against the test
database sends the e-mail to a real SMTP server listening on 127.0.0.1 (aiosmtpd)."""

import io
import os
import socket
import subprocess
import sys
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from pypdf import PdfReader
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.extensions import db
from reintegration.notifications.models import EmailStatus, Notification
from reintegration.reports import periods
from reintegration.reports.models import ReportSnapshot, ReportSubscription
from reintegration.reports.services import snapshots
from tests.factories import HA_NOI, UserFactory

ROOT = Path(__file__).resolve().parents[2]


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mailbox():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield box, controller.port
    controller.stop()


def test_a_fresh_scheduler_process_sends_the_report_with_its_pdf(app, database_url, mailbox):
    box, port = mailbox
    with app.app_context():
        viewer = UserFactory(role=Role.COMMITTEE_VIEWER, province_code=HA_NOI,
                             email="uyban.hanoi@example.vn")  # fmt: skip
        db.session.add(ReportSubscription(user_id=viewer.id, period_kind="month"))
        march = periods.Period(periods.PeriodKind.MONTH, date(2026, 3, 1), date(2026, 3, 31))
        (built,) = snapshots.build(march, [(snapshots.AreaLevel.PROVINCE, HA_NOI)])
        officer = UserFactory(role=Role.PROVINCE_OFFICER, province_code=HA_NOI)
        snapshots.approve(built, officer)  # the subscribers hear of it, with the PDF
        db.session.commit()
    env = {
        **os.environ,
        "REINTEGRATION_ENV": "testing",
        "REINTEGRATION_DATABASE_URL": database_url,
        "REINTEGRATION_SMTP_HOST": "127.0.0.1",
        "REINTEGRATION_SMTP_PORT": str(port),
        "REINTEGRATION_SERVER_NAME": "taihoanhap.hanoi.gov.vn",
        "REINTEGRATION_URL_SCHEME": "https",
    }
    run = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "reintegration", "scheduler", "run-job",
         "notifications.send_pending_emails"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    (mail,) = box.messages
    assert mail["To"] == "uyban.hanoi@example.vn"
    assert "https://taihoanhap.hanoi.gov.vn/reports/" in mail.get_body(("plain",)).get_content()
    (attachment,) = list(mail.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    text = PdfReader(io.BytesIO(attachment.get_content())).pages[0].extract_text()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    with app.app_context():
        (note,) = db.session.scalars(select(Notification)).all()
        assert (note.email_status, note.email_error) == (EmailStatus.SENT, None)
        assert db.session.scalar(select(ReportSnapshot.id)) == note.subject_id
