"""What a password must be (OWASP ASVS 2.1): long enough, not one that leaked lists show
people use, and not the one it replaces.

The list of common passwords ships with the app (data/common-passwords.txt.gz, 19,640
passwords; its source and licence are in data/README.md) and is read once, on first use.
A password is refused when it is on the list, ignoring case, or when what is left after
taking the digits and signs off its ends is ("Password2025!" is "password" with noise), or
when nothing is left (digits and signs alone).
"""

import gzip
import string
from functools import cache
from pathlib import Path

MIN_PASSWORD_LENGTH = 12
COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent / "data" / "common-passwords.txt.gz"
_NOISE = string.digits + string.punctuation + " "


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip().lower() for line in lines if line.strip())


def is_common(password: str) -> bool:
    lowered = password.lower()
    core = lowered.strip(_NOISE)
    found = common_passwords()
    # Digits and signs alone (a long PIN, "123456789012") are as easy to guess.
    return lowered in found or not core or core in found
