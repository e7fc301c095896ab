"""How views show a broken rule (community/views/broken_rules.py): as a message,
or as an error on the form, next to the input it is about."""

import pytest
from django import forms
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from community.services.errors import RuleBroken
from community.views.broken_rules import (
    form_error_on_broken_rule,
    message_on_broken_rule,
)


class NoteForm(forms.Form):
    body = forms.CharField()
    client_id = forms.CharField(required=False, widget=forms.HiddenInput)


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _bound_form() -> NoteForm:
    form = NoteForm({"body": "Hello", "client_id": ""})
    assert form.is_valid()
    return form


def test_a_broken_rule_becomes_an_error_message_and_the_block_stops():
    request = _request()
    reached = []
    with message_on_broken_rule(request) as rule:
        raise RuleBroken("You cannot ask yourself.")
        reached.append("after")  # pragma: no cover
    assert rule.broken is not None and not rule.kept
    assert reached == []
    shown = [(m.level, m.message) for m in messages.get_messages(request)]
    assert shown == [(messages.ERROR, "You cannot ask yourself.")]


def test_a_kept_rule_leaves_no_message():
    request = _request()
    with message_on_broken_rule(request) as rule:
        pass
    assert rule.kept and rule.broken is None
    assert list(messages.get_messages(request)) == []


def test_other_errors_are_not_swallowed():
    with pytest.raises(ZeroDivisionError), message_on_broken_rule(_request()):
        1 / 0  # noqa: B018


def test_the_form_error_goes_next_to_the_input_the_rule_names():
    form = _bound_form()
    with form_error_on_broken_rule(form) as rule:
        raise RuleBroken("Write something before you send.", field="body")
    assert not rule.kept
    assert form.errors == {"body": ["Write something before you send."]}


def test_a_rule_that_names_no_input_is_an_error_of_the_whole_form():
    form = _bound_form()
    with form_error_on_broken_rule(form, field="body"):
        raise RuleBroken("You are not part of this conversation.")
    assert form.non_field_errors() == ["You are not part of this conversation."]
    assert "body" not in form.errors


def test_a_rule_about_a_hidden_input_is_shown_by_the_given_one():
    form = _bound_form()
    with form_error_on_broken_rule(form, field="body"):
        raise RuleBroken("The message has no valid id.", field="client_id")
    assert form.errors == {"body": ["The message has no valid id."]}
