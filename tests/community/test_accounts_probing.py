"""Accounts that cannot be probed or locked: sign-up and password reset answer
alike whether or not an address has an account, their e-mail leaves after the
response, and wrong passwords are limited without locking the owner out."""

import re
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from community.adapters import KNOWN_DEVICE_COOKIE
from config import mail as config_mail
from tests.factories import PASSWORD, make_account

pytestmark = pytest.mark.django_db

SIGNUP = {
    "display_name": "Mette",
    "password1": "a-long-test-password-1",
    "password2": "a-long-test-password-1",
    "accept_guidelines": "on",
}
THREAD_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "config.mail.ThreadBackend"},
}


def _signup(client, email: str):
    return client.post(reverse("account_signup"), {**SIGNUP, "email": email})


def _log_in(client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def _outbox_wait(count: int) -> None:
    deadline = time.monotonic() + 10
    while len(mail.outbox) < count:
        assert time.monotonic() < deadline, f"{len(mail.outbox)} of {count} e-mails"
        time.sleep(0.005)


class GatedBackend(LocmemBackend):
    """A mail server that takes a message only once the test opens the gate."""

    gate = threading.Event()

    def send_messages(self, messages):
        assert self.gate.wait(10), "the gate was never opened"
        return super().send_messages(messages)


class FlakyBackend(LocmemBackend):
    """A mail server that fails the first ``failures`` times it is called."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures:
            FlakyBackend.failures -= 1
            raise ConnectionRefusedError("mail server down")
        return super().send_messages(messages)


# --- Sign-up and password reset do the same work ------------------------------------


def test_sign_up_answers_alike_whether_or_not_the_address_has_an_account(
    client, home_page
):
    make_account(email="taken@example.org")

    taken = _signup(Client(), "taken@example.org")
    new = _signup(Client(), "new@example.org")

    assert taken.status_code == new.status_code == 302
    assert taken.url == new.url == reverse("account_email_verification_sent")
    # One e-mail each: a reminder that the account exists, or the verification.
    assert [m.to for m in mail.outbox] == [["taken@example.org"], ["new@example.org"]]
    assert "already" in mail.outbox[0].body
    assert "/accounts/confirm-email/" in mail.outbox[1].body


def test_sign_up_hashes_one_password_whether_or_not_the_address_has_an_account(
    home_page, monkeypatch
):
    make_account(email="taken@example.org")
    hashed = []
    encode = MD5PasswordHasher.encode

    def counting_encode(self, password, salt):
        hashed.append(password)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting_encode)

    _signup(Client(), "taken@example.org")
    assert hashed == [SIGNUP["password1"]]
    _signup(Client(), "new@example.org")
    assert hashed == [SIGNUP["password1"]] * 2
    # The new account keeps the hash the form made.
    user = get_user_model().objects.get(email="new@example.org")
    assert user.check_password(SIGNUP["password1"])


@override_settings(VELKOMST_SIGNUP_ANSWER_SECONDS=0.3)
def test_sign_up_answers_no_sooner_than_the_floor_either_way(home_page):
    make_account(email="taken@example.org")
    for address in ("taken@example.org", "new@example.org"):
        started = time.monotonic()
        response = _signup(Client(), address)
        assert response.status_code == 302
        assert time.monotonic() - started >= 0.3


@override_settings(VELKOMST_SIGNUP_ANSWER_SECONDS=5)
def test_a_sign_up_form_with_errors_is_not_held_back(home_page):
    started = time.monotonic()
    response = Client().post(
        reverse("account_signup"), {**SIGNUP, "email": "not-an-address"}
    )
    assert response.status_code == 200
    assert "Enter a valid email address" in response.text
    assert time.monotonic() - started < 2


def test_password_reset_hashes_nothing_and_sends_one_e_mail_either_way(
    home_page, monkeypatch
):
    make_account(email="known@example.org")
    hashed = []
    monkeypatch.setattr(
        MD5PasswordHasher, "encode", lambda self, password, salt: hashed.append(1)
    )
    for address in ("known@example.org", "nobody@example.org"):
        response = Client().post(reverse("account_reset_password"), {"email": address})
        assert response.url == reverse("account_reset_password_done")
    assert hashed == []
    assert [m.to for m in mail.outbox] == [
        ["known@example.org"],
        ["nobody@example.org"],
    ]


def test_the_wagtail_admin_has_no_second_password_reset(client, home_page):
    make_account(email="known@example.org")
    response = client.post("/admin/password_reset/", {"email": "known@example.org"})
    assert response.status_code == 404
    assert mail.outbox == []


# --- E-mail leaves after the response ---------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("account_signup", {**SIGNUP, "email": "new@example.org"}),
        ("account_signup", {**SIGNUP, "email": "taken@example.org"}),
        ("account_reset_password", {"email": "taken@example.org"}),
        ("account_reset_password", {"email": "nobody@example.org"}),
    ],
)
def test_the_answer_does_not_wait_for_the_mail_server(home_page, url, data):
    make_account(email="taken@example.org")
    GatedBackend.gate.clear()
    with override_settings(
        TASKS=THREAD_TASKS,
        EMAIL_BACKEND="tests.community.test_accounts_probing.GatedBackend",
    ):
        response = Client().post(reverse(url), data)
        assert response.status_code == 302
        assert mail.outbox == []  # the mail server has not taken it yet

        GatedBackend.gate.set()
        _outbox_wait(1)
    assert mail.outbox[0].to == [data["email"]]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_queued_e_mail_is_sent_once_each_and_whole():
    message = mail.EmailMultiAlternatives(
        subject="Hello",
        body="Plain",
        from_email="Velkomst <hello@velkomst.localhost>",
        to=["a@example.org"],
        reply_to=["help@example.org"],
        headers={"X-Velkomst": "1"},
    )
    message.attach_alternative("<p>Rich</p>", "text/html")
    with override_settings(TASKS=THREAD_TASKS):
        for _ in range(5):
            config_mail.message_enqueue(message)
        _outbox_wait(5)
        time.sleep(0.05)
    assert len(mail.outbox) == 5
    sent = mail.outbox[0]
    assert (sent.subject, sent.body, sent.to) == ("Hello", "Plain", ["a@example.org"])
    assert sent.reply_to == ["help@example.org"]
    assert sent.extra_headers == {"X-Velkomst": "1"}
    assert list(sent.alternatives) == [("<p>Rich</p>", "text/html")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_e_mail_queued_in_a_transaction_that_rolls_back_is_never_sent():
    with override_settings(TASKS=THREAD_TASKS):
        with transaction.atomic():
            config_mail.message_enqueue(mail.EmailMessage("Never", "x", to=["a@b.dk"]))
            transaction.set_rollback(True)
        config_mail.message_enqueue(mail.EmailMessage("Sent", "x", to=["a@b.dk"]))
        _outbox_wait(1)
        time.sleep(0.05)
    assert [m.subject for m in mail.outbox] == ["Sent"]


@override_settings(EMAIL_BACKEND="tests.community.test_accounts_probing.FlakyBackend")
def test_a_mail_server_that_fails_twice_is_tried_again(monkeypatch):
    monkeypatch.setattr(config_mail, "SEND_RETRY_DELAYS", (0, 0))
    FlakyBackend.failures = 2
    config_mail.message_enqueue(mail.EmailMessage("Hi", "x", to=["a@b.dk"]))
    assert [m.subject for m in mail.outbox] == ["Hi"]


def test_a_message_with_an_attachment_is_refused_rather_than_cut():
    message = mail.EmailMessage("Hi", "x", to=["a@b.dk"])
    message.attach("a.txt", "content", "text/plain")
    with pytest.raises(ValueError, match="attachments"):
        config_mail.message_enqueue(message)


# --- Log-in limits --------------------------------------------------------------------


def _wrong_guesses(client, email: str, count: int) -> None:
    for _ in range(count):
        response = _log_in(client, email, "wrong-guess")
        assert response.status_code == 200
        assert not _logged_in(client)


def test_five_wrong_passwords_stop_that_ip_address_guessing_that_account(home_page):
    make_account(email="owner@example.org")
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    _wrong_guesses(guesser, "owner@example.org", 5)

    response = _log_in(guesser, "owner@example.org", PASSWORD)
    assert not _logged_in(guesser)
    assert "Too many failed login attempts" in response.text
    assert "reset your password" in response.text

    # The owner, elsewhere, is not locked out.
    owner = Client(REMOTE_ADDR="198.51.100.7")
    assert _log_in(owner, "owner@example.org", PASSWORD).status_code == 302
    assert _logged_in(owner)


def test_after_the_short_window_the_right_password_works_again(home_page, monkeypatch):
    make_account(email="owner@example.org")
    client = Client(REMOTE_ADDR="203.0.113.9")
    _wrong_guesses(client, "owner@example.org", 5)
    _log_in(client, "owner@example.org", PASSWORD)
    assert not _logged_in(client)

    later = time.time() + 5 * 60 + 1
    monkeypatch.setattr("allauth.core.internal.ratelimit.time.time", lambda: later)
    _log_in(client, "owner@example.org", PASSWORD)
    assert _logged_in(client)


def test_strangers_everywhere_cannot_lock_the_owner_out_of_a_known_device(
    home_page,
):
    make_account(email="owner@example.org")
    owner = Client(REMOTE_ADDR="198.51.100.7")
    _log_in(owner, "owner@example.org", PASSWORD)
    assert _logged_in(owner)
    cookie = owner.cookies[KNOWN_DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    owner.post(reverse("account_logout"))

    # Guesses from many addresses reach the per-account limit...
    for n in range(10):
        _wrong_guesses(Client(REMOTE_ADDR=f"203.0.113.{n}"), "owner@example.org", 1)
    newcomer_device = Client(REMOTE_ADDR="192.0.2.1")
    response = _log_in(newcomer_device, "owner@example.org", PASSWORD)
    assert "Too many failed login attempts" in response.text
    assert not _logged_in(newcomer_device)

    # ...but the browser the owner logged in on before still lets them in.
    assert _log_in(owner, "owner@example.org", PASSWORD).status_code == 302
    assert _logged_in(owner)


def test_an_office_behind_one_ip_address_can_still_log_in(home_page):
    """Newcomers of one employer share their office's address: their typos
    together (30 here, over allauth's default 10 per IP) lock nobody out."""
    office = "192.0.2.50"
    accounts = [make_account(email=f"staff{n}@example.org") for n in range(15)]
    for account in accounts:
        _wrong_guesses(Client(REMOTE_ADDR=office), account.email, 2)
    for account in accounts:
        client = Client(REMOTE_ADDR=office)
        assert _log_in(client, account.email, PASSWORD).status_code == 302
        assert _logged_in(client)


def test_a_forged_known_device_cookie_counts_for_nothing(home_page):
    make_account(email="owner@example.org")
    for n in range(10):
        _wrong_guesses(Client(REMOTE_ADDR=f"203.0.113.{n}"), "owner@example.org", 1)
    forger = Client(REMOTE_ADDR="192.0.2.1")
    forger.cookies[KNOWN_DEVICE_COOKIE] = "0123456789abcdef01234567:garbage"
    response = _log_in(forger, "owner@example.org", PASSWORD)
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.text
    assert not _logged_in(forger)


def test_resetting_the_password_lifts_the_lock_at_once(home_page):
    make_account(email="owner@example.org")
    client = Client(REMOTE_ADDR="198.51.100.7")
    _wrong_guesses(client, "owner@example.org", 5)

    client.post(reverse("account_reset_password"), {"email": "owner@example.org"})
    link = re.search(r"https?://[^/\s]+(/\S+/key/\S+/)", mail.outbox[-1].body)
    set_password_page = client.get(link.group(1), follow=True)
    assert set_password_page.status_code == 200
    response = client.post(
        set_password_page.redirect_chain[-1][0],
        {"password1": "a-new-long-password-2", "password2": "a-new-long-password-2"},
    )
    assert response.status_code == 302

    _log_in(client, "owner@example.org", "a-new-long-password-2")
    assert _logged_in(client)


# --- Wrong input gets a message, never a 500 -----------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"login": "", "password": ""},
        {"login": "x" * 5000, "password": "x"},
        {"login": "owner@example.org\x00", "password": "x"},
        {"login": "ünï@exämple.org", "password": "pässwörd"},
        {"login": "@", "password": "x" * 5000},
        {"login": "owner@example.org", "password": "nul\x00byte"},
    ],
)
def test_odd_log_in_input_gets_a_message(client, home_page, data):
    make_account(email="owner@example.org")
    response = client.post(reverse("account_login"), data)
    assert response.status_code == 200
    assert 'class="errorlist' in response.text or "not correct" in response.text


@pytest.mark.parametrize(
    "changes",
    [
        {"email": ""},
        {"email": "owner@example.org\x00"},
        {"email": "a" * 300 + "@example.org"},
        {"email": "owner@@example.org"},
        {"password1": "short", "password2": "short"},
        {"password2": "different-long-password"},
        {"password1": "nul\x00byte-password", "password2": "nul\x00byte-password"},
    ],
)
def test_odd_sign_up_input_gets_a_message(client, home_page, changes):
    make_account(email="owner@example.org")
    response = client.post(
        reverse("account_signup"), {**SIGNUP, "email": "x@example.org", **changes}
    )
    assert response.status_code == 200
    assert 'class="errorlist' in response.text


@pytest.mark.parametrize(
    "email", ["", "not-an-address", "a" * 300 + "@example.org", "a@b.dk\x00"]
)
def test_odd_password_reset_input_gets_a_message(client, home_page, email):
    response = client.post(reverse("account_reset_password"), {"email": email})
    assert response.status_code == 200
    assert 'class="errorlist' in response.text


@override_settings(ACCOUNT_RATE_LIMITS={"login": "2/m/ip"})
def test_too_many_log_in_attempts_from_one_address_get_a_page_not_an_error(
    client, home_page
):
    for _ in range(2):
        _log_in(client, "someone@example.org", "x")
    response = _log_in(client, "someone@example.org", "x")
    assert response.status_code == 429
    assert "Too many attempts" in response.text


def test_the_django_admin_login_is_allauths_login(client):
    response = client.get("/django-admin/login/?next=/django-admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/django-admin/"


def test_too_many_attempts_get_a_page_that_says_so(client, settings):
    from allauth.core.internal.ratelimit import handler429
    from django.test import RequestFactory

    response = handler429(RequestFactory().get("/accounts/login/"))
    assert response.status_code == 429
    assert b"Too many attempts" in response.content
