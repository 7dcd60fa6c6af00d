"""One scheduler per deployment. On PostgreSQL the running scheduler holds a session-level
advisory lock on a connection of its own for its whole life; a second copy fails to take
it, says it is waiting, and tries again. If the first one stops (or its connection drops)
the lock is freed by the database and the waiting copy takes over.

On SQLite, which serves one machine, the same is done with an exclusive lock on a file
(instance/scheduler.lock, or SCHEDULER_LOCK_FILE), freed by the system when the holder exits.
"""

import contextlib
import fcntl
import os
from pathlib import Path
from typing import Protocol

from flask import Flask
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool

# A fixed key, the same in every copy of this application ("REINTEGR" in ASCII).
ADVISORY_LOCK_KEY = 0x5245494E54454752


class SchedulerLock(Protocol):
    description: str

    def try_acquire(self) -> bool: ...

    def still_held(self) -> bool: ...

    def release(self) -> None: ...


class AdvisoryLock:
    def __init__(self, engine: Engine, key: int = ADVISORY_LOCK_KEY):
        # A connection outside the application's pool: the pool may recycle or ping its
        # connections, and the lock lives exactly as long as this one.
        self.engine = create_engine(engine.url, poolclass=NullPool)
        self.key = key
        self.connection: Connection | None = None
        self.description = f"PostgreSQL advisory lock {key}"

    def try_acquire(self) -> bool:
        try:
            if self.connection is None:
                self.connection = self.engine.connect()
            taken = self.connection.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}
            ).scalar()
            self.connection.commit()
            return bool(taken)
        except Exception:
            self._drop()
            raise

    def still_held(self) -> bool:
        if self.connection is None:
            return False
        try:
            held = self.connection.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                    "AND pid = pg_backend_pid() AND classid = :high AND objid = :low"
                ),
                {"high": self.key >> 32, "low": self.key & 0xFFFFFFFF},
            ).scalar()
            self.connection.commit()
            return bool(held)
        except Exception:
            self._drop()
            return False

    def release(self) -> None:
        if self.connection is not None:
            try:
                self.connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
                self.connection.commit()
            finally:
                self._drop()
        self.engine.dispose()

    def _drop(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(Exception):  # the connection is gone either way
                self.connection.close()
            self.connection = None


class FileLock:
    def __init__(self, path: Path):
        self.path = path
        self.file = None
        self.description = f"lock file {path}"

    def try_acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        file = self.path.open("a+")
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.close()
            return False
        file.seek(0)
        file.truncate()
        file.write(f"{os.getpid()}\n")
        file.flush()
        self.file = file
        return True

    def still_held(self) -> bool:
        return self.file is not None

    def release(self) -> None:
        if self.file is not None:
            fcntl.flock(self.file.fileno(), fcntl.LOCK_UN)
            self.file.close()
            self.file = None


def scheduler_lock(app: Flask, engine: Engine) -> SchedulerLock:
    if engine.dialect.name == "postgresql":
        return AdvisoryLock(engine)
    path = app.config.get("SCHEDULER_LOCK_FILE") or Path(app.instance_path) / "scheduler.lock"
    return FileLock(Path(path))
