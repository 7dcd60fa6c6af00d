"""`flask backup create` and `flask backup restore`, on the test database (SQLite, or
PostgreSQL when REINTEGRATION_DATABASE_URL names one: pg_dump and pg_restore then)."""

import re
import stat

import pytest
from sqlalchemy import select

from reintegration.backups.services import PG_BIN_SETTING, BackupError, pg_tool
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.people.models import Case, Person
from tests.factories import CaseFactory

NAME = "Lê Văn Phục Hồi"


@pytest.fixture
def case_id(app, hanoi) -> int:
    with app.app_context():
        case = CaseFactory(person__full_name=NAME, commune_code=hanoi.commune_x)
        db.session.commit()
        return case.id


def delete_case(app, case_id: int) -> None:
    with app.app_context():
        case = db.session.get(Case, case_id)
        person, release = case.person, case.release
        db.session.delete(case)
        db.session.flush()
        db.session.delete(release)
        db.session.delete(person)
        db.session.commit()
        assert db.session.get(Case, case_id) is None


def actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_a_restore_brings_back_a_deleted_case(app, runner, tmp_path, case_id):
    target = tmp_path / "before-the-mistake.backup"
    created = runner.invoke(args=["backup", "create", "--to", str(target)])
    assert created.exit_code == 0, created.output
    assert f"Backup written to {target}" in created.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not list(tmp_path.glob("*.partial"))
    assert actions(app)[-1] == "backup_created"

    delete_case(app, case_id)

    restored = runner.invoke(args=["backup", "restore", str(target), "--yes"])
    assert restored.exit_code == 0, restored.output
    assert "Database restored from" in restored.output
    with app.app_context():
        case = db.session.get(Case, case_id)
        assert case is not None
        assert case.person.full_name == NAME
        assert db.session.scalar(select(Person.id).where(Person.full_name == NAME))
    # The audit trail is the backup's (taken just before its own event), plus the restore.
    restored_trail = actions(app)
    assert restored_trail[-1] == "backup_restored"
    assert "backup_created" not in restored_trail


def test_a_restore_asks_first(app, runner, tmp_path, case_id):
    target = tmp_path / "backup"
    assert runner.invoke(args=["backup", "create", "--to", str(target)]).exit_code == 0
    delete_case(app, case_id)
    answer_no = runner.invoke(args=["backup", "restore", str(target)], input="n\n")
    assert answer_no.exit_code == 1
    assert "Aborted" in answer_no.output
    with app.app_context():
        assert db.session.get(Case, case_id) is None


def test_backups_go_to_the_backup_folder_with_the_day_in_their_name(
    app, runner, tmp_path, monkeypatch, is_postgres
):
    monkeypatch.setitem(app.config, "BACKUP_FOLDER", str(tmp_path / "nightly"))
    assert runner.invoke(args=["backup", "create"]).exit_code == 0
    [made] = (tmp_path / "nightly").iterdir()
    suffix = r"\.dump" if is_postgres else r"\.sqlite3"
    assert re.fullmatch(r"reintegration-\d{8}-\d{6}" + suffix, made.name)

    folder = tmp_path / "elsewhere"
    folder.mkdir()
    assert runner.invoke(args=["backup", "create", "--to", str(folder)]).exit_code == 0
    assert len(list(folder.iterdir())) == 1


def test_an_existing_file_is_never_overwritten(runner, tmp_path, app_ctx):
    target = tmp_path / "taken"
    target.write_bytes(b"keep me")
    result = runner.invoke(args=["backup", "create", "--to", str(target)])
    assert result.exit_code == 1
    assert "exists already" in result.output
    assert target.read_bytes() == b"keep me"


def test_a_file_that_is_not_a_backup_is_refused(app, runner, tmp_path, case_id):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database")
    result = runner.invoke(args=["backup", "restore", str(junk), "--yes"])
    assert result.exit_code == 1
    assert "Error:" in result.output
    with app.app_context():
        assert db.session.get(Case, case_id).person.full_name == NAME


def test_missing_postgres_tools_are_named(app_ctx, tmp_path, monkeypatch):
    monkeypatch.setitem(app_ctx.config, PG_BIN_SETTING, str(tmp_path))
    with pytest.raises(BackupError, match=r"pg_dump was not found in .*postgresql-client-15"):
        pg_tool("pg_dump")


def test_postgres_backup_without_pg_dump_says_what_to_install(
    runner, tmp_path, monkeypatch, app, is_postgres
):
    if not is_postgres:
        pytest.skip("pg_dump is used on PostgreSQL only")
    monkeypatch.setitem(app.config, PG_BIN_SETTING, str(tmp_path))
    result = runner.invoke(args=["backup", "create", "--to", str(tmp_path / "b.dump")])
    assert result.exit_code == 1
    assert "pg_dump was not found" in result.output
    assert not (tmp_path / "b.dump").exists()
