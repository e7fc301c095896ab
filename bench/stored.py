"""What the database stored of a chat run, for the benchmarks that count
sent = stored = delivered (bench/chat.py, bench/soak.py). Django must be set up
before these are called."""

from __future__ import annotations


def newest_message_id() -> int:
    from django.db.models import Max

    from community.models import Message

    return Message.objects.aggregate(m=Max("pk"))["m"] or 0


def stored_client_ids(conversation_ids, after_id: int) -> list[str]:
    """The client ids of the messages stored in these conversations after
    ``after_id``, one per stored message (a duplicate shows twice)."""
    from community.models import Message

    return [
        str(client_id)
        for client_id in Message.objects.filter(
            conversation_id__in=conversation_ids, pk__gt=after_id
        ).values_list("client_id", flat=True)
    ]


def active_pairs(email_domain: str) -> list[tuple[int, int, int]]:
    """(conversation, host profile, newcomer profile) of the active matches of
    the benchmark's members (e-mail addresses at ``email_domain``), oldest first."""
    from community.models import Match

    return list(
        Match.objects.filter(
            status=Match.Status.ACTIVE,
            host__user__email__endswith=f"@{email_domain}",
        )
        .order_by("pk")
        .values_list("conversation__pk", "host_id", "newcomer_id")
    )
