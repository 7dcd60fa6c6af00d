"""The SQLite database and its folder are created readable by the app's user only (0600
files in a 0700 folder), as the backups and the loan documents are
(tests/loans/test_documents.py, tests/backups/)."""

import os
import stat

from sqlalchemy import text

from reintegration import create_app
from reintegration.extensions import db


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_sqlite_database_its_journal_and_folder_are_private(tmp_path, monkeypatch):
    monkeypatch.delenv("REINTEGRATION_DATABASE_URL", raising=False)
    instance = tmp_path / "instance"
    old_umask = os.umask(0o022)
    try:
        app = create_app({"MODE": "testing", "INSTANCE_PATH": str(instance)})
        with app.app_context():
            db.session.execute(text("CREATE TABLE probe (x integer)"))
            db.session.execute(text("INSERT INTO probe VALUES (1)"))
            db.session.commit()
            database = instance / "reintegration.db"
            assert mode(instance) == 0o700
            assert mode(database) == 0o600
            for journal in (instance / "reintegration.db-wal", instance / "reintegration.db-shm"):
                assert not journal.exists() or mode(journal) == 0o600
            db.engine.dispose()
    finally:
        os.umask(old_umask)


def test_an_existing_database_file_is_made_private(tmp_path):
    database = tmp_path / "old.db"
    database.touch(mode=0o644)
    database.chmod(0o644)
    create_app({"MODE": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    assert mode(database) == 0o600
