"""Conversations between the two members of a match.

The database is the source of truth for chat: a message exists once it is
stored, and everything live (community/realtime/) only tells sockets that it
is there. Message ids grow in commit order within a conversation (the sender
locks the conversation row), so "everything after id N" is a complete catch-up.
Unread counts come from each participant's read watermark, never from flags on
messages.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_MESSAGE_LENGTH = 4000


class Conversation(models.Model):
    """One per match, started when the match is accepted. Writable while the
    match is active; its history stays readable after the match ends."""

    match = models.OneToOneField(
        "community.Match", on_delete=models.CASCADE, related_name="conversation"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_message = models.ForeignKey(
        "community.Message",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_message_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Conversation of {self.match}"


class Participant(models.Model):
    """A member in a conversation, with how far they have read."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    profile = models.ForeignKey(
        "community.Profile",
        on_delete=models.CASCADE,
        related_name="conversation_memberships",
    )
    # The id of the newest message this member has seen (0: none).
    last_read_id = models.BigIntegerField(default=0)
    last_read_at = models.DateTimeField(null=True, blank=True)
    # The newest message an unread-messages e-mail told this member about.
    emailed_up_to_id = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "profile"], name="participant_once"
            ),
        ]
        indexes = [models.Index(fields=["profile"], name="participant_profile")]

    def __str__(self) -> str:
        return f"{self.profile} in {self.conversation_id}"


class Message(models.Model):
    """What one member wrote. ``client_id`` is made by the sender's browser, so
    a retried send is recognised and stored once."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        "community.Profile", on_delete=models.CASCADE, related_name="messages_sent"
    )
    client_id = models.UUIDField()
    body = models.TextField(max_length=MAX_MESSAGE_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "client_id"], name="message_once_per_client_id"
            ),
        ]
        indexes = [
            models.Index(fields=["conversation", "id"], name="message_history"),
        ]

    def __str__(self) -> str:
        return _("Message %(id)s from %(sender)s") % {
            "id": self.pk,
            "sender": self.sender,
        }
