"""Download my data: everything stored about a member, as plain JSON-ready data.

A read, kept beside ``account_delete`` (its counterpart). Other members appear only
by the name they show everyone; their private fields never do. Relations added by
later issues (conversations, follow-ups) are picked up generically from the
profile's and the user's reverse relations, so the download stays complete.
"""

import datetime
import decimal
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models

from community.models import (
    Block,
    Match,
    MatchRequest,
    Message,
    Participant,
    Profile,
    Report,
)
from community.services.profiles import profile_get_or_create_for

# Profile fields that are internal copies of other data, not about the member.
_DERIVED = {
    "spoken_mask",
    "learning_mask",
    "profession_mask",
    "interest_mask",
    "hope_mask",
    "match_pool",
}

# Reverse relations exported explicitly below, or that belong to others (who
# reported or blocked me is not mine to download).
_HANDLED = {
    "user",
    "conversation_memberships",
    "messages_sent",
    "sent_requests",
    "received_requests",
    "host_matches",
    "newcomer_matches",
    "blocks_made",
    "blocks_received",
    "reports_made",
    "reports_received",
    "language_items",
    "profession_items",
    "interest_items",
    "hope_items",
    "profile",
    "emailaddress",
    "logentry",
    "groups",
    "user_permissions",
}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    return value


def _other(profile: Profile | None, me: Profile) -> str | None:
    if profile is None:
        return None
    return "me" if profile.pk == me.pk else str(profile.public_name)


def _row(obj: models.Model, me: Profile, *, skip: set[str] = frozenset()) -> dict:
    """Concrete fields of ``obj``; profiles and users are shown by public name."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in skip:
            continue
        if field.is_relation:
            target = getattr(obj, field.name)
            if isinstance(target, Profile):
                data[field.name] = _other(target, me)
            elif target is None:
                data[field.name] = None
            elif getattr(target, "pk", None) == me.user_id:
                data[field.name] = "me"
            elif hasattr(target, "get_username"):
                continue  # another account: nothing of theirs goes out
            else:
                data[field.name] = str(target)
        else:
            data[field.name] = _plain(getattr(obj, field.attname))
    return data


def member_data_export(*, user: AbstractBaseUser) -> dict[str, Any]:
    profile = profile_get_or_create_for(user)
    me = profile
    # The coordinators' note on the approval is their working note (as on a
    # report); the decision and its message to the member are the member's.
    profile_data = _row(profile, me, skip=_DERIVED | {"id", "user", "approval_note"})
    profile_data["public_name"] = str(profile.public_name)

    data: dict[str, Any] = {
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _plain(user.date_joined),
            "last_login": _plain(user.last_login),
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user)
            ],
        },
        "profile": profile_data,
        "languages": [
            {"name": name, "code": code, "level": level}
            for name, code, level in profile.language_items.values_list(
                "tag__name", "tag__code", "level"
            )
        ],
        "professional_background": list(
            profile.profession_items.values_list("tag__name", flat=True)
        ),
        "interests": list(profile.interest_items.values_list("tag__name", flat=True)),
        "hopes": list(profile.hope_items.values_list("tag__name", flat=True)),
        "requests_sent": [
            # Why the other member declined is for the coordinators only.
            _row(r, me, skip={"pair_low", "pair_high", "decline_reason"})
            for r in MatchRequest.objects.filter(sender=me).select_related(
                "sender", "recipient"
            )
        ],
        "requests_received": [
            _row(r, me, skip={"pair_low", "pair_high"})
            for r in MatchRequest.objects.filter(recipient=me).select_related(
                "sender", "recipient"
            )
        ],
        "matches": [
            _row(m, me)
            for m in Match.objects.filter(
                models.Q(host=me) | models.Q(newcomer=me)
            ).select_related("host", "newcomer", "ended_by")
        ],
        "blocks_made": [
            _row(b, me)
            for b in Block.objects.filter(blocker=me).select_related("blocked")
        ],
        "reports_made": [
            # The coordinator's note is their working note, not the member's data.
            _row(r, me, skip={"coordinator_note"})
            for r in Report.objects.filter(reporter=me).select_related("reported")
        ],
    }
    data["conversations"] = _conversations(me)
    data["other"] = _other_relations(user, me)
    return data


def _conversations(me: Profile) -> list[dict[str, Any]]:
    """My chats, both sides: what I wrote and what was written to me."""
    out = []
    memberships = Participant.objects.filter(profile=me).select_related(
        "conversation__match__host", "conversation__match__newcomer"
    )
    for membership in memberships:
        conversation = membership.conversation
        other = conversation.match.other(me)
        out.append(
            {
                "with": _other(other, me),
                "started": _plain(conversation.created_at),
                "messages": [
                    {
                        "from": "me" if m.sender_id == me.pk else _other(other, me),
                        "sent": _plain(m.created_at),
                        "text": m.body,
                    }
                    for m in Message.objects.filter(conversation=conversation)
                ],
            }
        )
    return out


def _other_relations(user: AbstractBaseUser, me: Profile) -> dict[str, list]:
    """Rows in models this module does not know about that point at me."""
    out: dict[str, list] = {}
    for owner in (me, user):
        for rel in owner._meta.related_objects:
            if not (rel.one_to_many or rel.one_to_one):
                continue
            name = rel.get_accessor_name()
            if name in _HANDLED or rel.related_model._meta.app_label not in {
                "community"
            }:
                continue
            try:
                related = getattr(owner, name)
            except rel.related_model.DoesNotExist:
                continue
            rows = related.all() if hasattr(related, "all") else [related]
            label = rel.related_model._meta.label_lower
            out.setdefault(label, []).extend(_row(obj, me) for obj in rows)
    return out
