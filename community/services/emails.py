"""E-mail to members and coordinators, rendered from templates/community/email/.

Always called from ``transaction.on_commit`` by the services, so nothing is
announced that was not stored. Messages name members by their public name only;
no member's e-mail address or phone number is ever put in a message to another.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

SUBJECT_PREFIX = "[Velkomst] "


def site_url(path: str) -> str:
    """An absolute link for an e-mail (the configured base URL plus ``path``)."""
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "http://localhost:8000"
    return base.rstrip("/") + path


def member_url(name: str, *args) -> str:
    return site_url(reverse(f"community:{name}", args=args))


def one_line(text: str) -> str:
    """Names go into subjects: no line breaks (they would break the header)."""
    return " ".join(str(text).split())


def member_language(member) -> translation.override:
    """Write to ``member`` in their language (subject, text and links): use as
    ``with member_language(member):`` around building and sending."""
    language = getattr(member, "preferred_language", "") or settings.LANGUAGE_CODE
    return translation.override(language)


def email_send(
    *,
    to: Iterable[str],
    template: str,
    subject: str,
    context: dict,
    headers: dict[str, str] | None = None,
    connection=None,
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> int:
    """Send ``community/email/<template>.txt`` with its ``.html`` alternative.

    Written in the active language: a member's (``member_language``), or
    English, the programme's common language, for coordinators. ``headers`` are
    extra message headers (``List-Unsubscribe``); ``connection`` lets a batch
    share one connection to the mail server; ``attachments`` are (file name,
    content, MIME type), e.g. a meeting's ``.ics``."""
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    text = render_to_string(f"community/email/{template}.txt", context)
    html = render_to_string(f"community/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=SUBJECT_PREFIX + one_line(subject),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message.send()


def member_email_send(
    *,
    member,
    other,
    template: str,
    subject,
    context: Callable[[], dict] = dict,
    attachments: Callable[[], list[tuple[str, bytes, str]]] = list,
) -> int:
    """The one shape of a member's e-mail about another member (a request, a
    match): to ``member``, in their language; ``subject`` (a lazy translation)
    names ``other`` as ``%(name)s``; the template gets ``member``, ``other`` and
    what ``context()`` returns, called in the member's language so its links
    are too, as are the files ``attachments()`` returns."""
    with member_language(member):
        return email_send(
            to=[member.user.email],
            template=template,
            subject=subject % {"name": one_line(other.public_name)},
            context={"member": member, "other": other, **context()},
            attachments=attachments(),
        )
