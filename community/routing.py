"""WebSocket routes; config/asgi.py wraps them in origin and session checks.
The consumers live in community/realtime/consumers.py."""

from django.urls import path

from community.realtime.consumers import ConversationConsumer, NotificationConsumer

websocket_urlpatterns = [
    path(
        "ws/conversations/<int:conversation_id>/",
        ConversationConsumer.as_asgi(),
    ),
    path("ws/notifications/", NotificationConsumer.as_asgi()),
]
