"""The one exception services raise when a member asks for something the rules do
not allow. Views show ``message`` to the member (as a form error or a message);
it is never a 500."""


class RuleBroken(Exception):
    """A programme rule stops this action; ``message`` says which, kindly.
    ``field`` names the input it is about (e.g. "message"), if any, so a form can
    show the message next to it."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = str(message)
        self.field = field

    def __str__(self) -> str:
        return self.message


def text_length_check(text: str, *, limit: int, message: str, field: str) -> None:
    """Refuse ``text`` when it is longer than ``limit`` characters: ``message``
    says so with ``%(max)s`` and ``%(count)s`` (numbers written with thousands
    separators), next to ``field``."""
    if len(text) > limit:
        raise RuleBroken(
            message % {"max": f"{limit:,}", "count": f"{len(text):,}"}, field=field
        )
