"""WebSocket routes; config/asgi.py wraps them in origin and session checks.
The consumers live in community/realtime.py."""

from django.urls import path

from community import realtime

websocket_urlpatterns = [
    path(
        "ws/conversations/<int:conversation_id>/",
        realtime.ConversationConsumer.as_asgi(),
    ),
    path("ws/notifications/", realtime.NotificationConsumer.as_asgi()),
]
