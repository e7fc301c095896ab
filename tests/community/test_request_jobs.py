"""Requests nobody answers: a reminder after 7 days, expiry after 14, each once,
however often the jobs run."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from community.models import MatchRequest
from community.selectors.notices import header_counts
from community.services.requests import (
    pending_requests_expire,
    pending_requests_remind,
)
from tests.factories import make_member, make_request

pytestmark = pytest.mark.django_db


def sent_days_ago(request, days: float) -> None:
    MatchRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )


def test_the_recipient_is_reminded_once_after_a_week(newcomer, host):
    request = make_request(newcomer, host)
    sent_days_ago(request, 6)
    assert pending_requests_remind() == 0
    sent_days_ago(request, 7.1)
    assert pending_requests_remind() == 1
    assert pending_requests_remind() == 0
    (email,) = mail.outbox
    assert email.to == [host.user.email]
    assert email.subject == "[Velkomst] Nadia Newcomer is still waiting for your answer"
    assert "/requests/" in email.body
    assert newcomer.user.email not in email.body


def test_a_request_expires_after_two_weeks_and_the_sender_is_told(newcomer, host):
    request = make_request(newcomer, host)
    answered = make_request(make_member(role="newcomer"), host)
    sent_days_ago(request, 15)
    sent_days_ago(answered, 15)
    MatchRequest.objects.filter(pk=answered.pk).update(status="declined")
    assert pending_requests_expire() == 1
    assert pending_requests_expire() == 0
    request.refresh_from_db()
    assert request.status == MatchRequest.Status.EXPIRED
    assert request.responded_at is not None
    (email,) = mail.outbox
    assert email.to == [newcomer.user.email]
    assert email.subject == "[Velkomst] Your request to Hanne Host has expired"
    assert "/members/suggested/" in email.body
    # The sender sees it as a new answer in the header.
    assert header_counts(profile_id=newcomer.pk)["answers"] == 1


def test_the_expired_request_offers_other_suggestions(newcomer, host, login):
    request = make_request(newcomer, host)
    sent_days_ago(request, 20)
    pending_requests_expire()
    page = login(newcomer).get("/requests/").content.decode()
    assert "Expired" in page
    assert "See other suggestions" in page


def test_the_run_jobs_command_runs_them_all_idempotently(newcomer, host, capsys):
    old = make_request(newcomer, host)
    sent_days_ago(old, 30)
    week = make_request(make_member(role="newcomer"), host)
    sent_days_ago(week, 8)
    call_command("run_jobs")
    call_command("run_jobs")
    out = capsys.readouterr().out
    assert "request-reminders: 1" in out and "request-expiry: 1" in out
    assert "request-reminders: 0" in out and "request-expiry: 0" in out
    # The 30-day-old request expired without a pointless reminder first.
    subjects = sorted(email.subject for email in mail.outbox)
    assert len(subjects) == 2
    assert subjects[0].endswith("is still waiting for your answer")
    assert subjects[1] == "[Velkomst] Your request to Hanne Host has expired"
