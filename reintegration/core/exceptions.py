"""The one error type services raise when a rule refuses an operation."""


class DomainError(Exception):
    """A rule said no. ``message`` is already translated for the user; ``field`` names the
    form field it belongs to, when there is one."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def details(self) -> dict:
        """What a program needs besides the message (the API adds these keys to its
        answer): the changes of a conflict, the file of a duplicate… Nothing by default."""
        return {}
