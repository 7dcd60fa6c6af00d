"""Files and folders that hold personal data (the SQLite database, loan documents,
backups), created readable by the app's own user only, whatever the umask says: 0600
files in 0700 folders."""

import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def private_folder(path: Path) -> Path:
    """``path``, created if need be, and made private (an existing folder too)."""
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    path.chmod(PRIVATE_FOLDER)
    return path


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and private; refuses to touch an existing file."""
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))


def write_private_file(path: Path, content: bytes) -> None:
    """Write a new file readable and writable by its owner only."""
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)


def private_sqlite_file(url: str) -> None:
    """For a SQLite URL naming a file: create the file private before SQLite does (SQLite
    then gives its -wal and -shm files the same mode), and make an existing one private."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url[len(prefix) :] in ("", ":memory:"):
        return
    path = Path(url[len(prefix) :].split("?", 1)[0])
    if not path.parent.exists():
        private_folder(path.parent)
    if not path.exists():
        create_private_file(path)
    else:
        path.chmod(PRIVATE_FILE)
