"""The one way a view turns a broken rule (``RuleBroken``) into what the member
sees: a message on the next page, or an error on the form they sent.

    with message_on_broken_rule(request) as rule:
        match_request_withdraw(request=match_request, by=request.profile)
    if rule.kept:
        messages.success(request, ...)
    return redirect("community:requests")

The block stops at the broken rule; the view goes on after it and decides with
``rule.kept`` (or ``rule.broken``) what to say and where to send the member.
Any other exception passes through.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from community.services.errors import RuleBroken


@dataclass
class RuleCheck:
    """What became of the rules in a ``with`` block: ``broken`` is the rule that
    stopped it, or ``None``."""

    broken: RuleBroken | None = None

    @property
    def kept(self) -> bool:
        return self.broken is None


@contextmanager
def message_on_broken_rule(request: HttpRequest) -> Iterator[RuleCheck]:
    """A broken rule in the block becomes an error message (shown on the page
    the view redirects to)."""
    check = RuleCheck()
    try:
        yield check
    except RuleBroken as broken:
        check.broken = broken
        messages.error(request, broken.message)


@contextmanager
def form_error_on_broken_rule(
    form: forms.Form, *, field: str | None = None
) -> Iterator[RuleCheck]:
    """A broken rule in the block becomes an error on ``form``: next to the
    input the rule names (or next to ``field`` when given, for a form that
    shows the rule's input elsewhere), else at the top of the form."""
    check = RuleCheck()
    try:
        yield check
    except RuleBroken as broken:
        check.broken = broken
        at = (field or broken.field) if broken.field else None
        form.add_error(at, broken.message)
