"""WebSocket routes. The messaging issue adds the conversation and notification
sockets here; config/asgi.py wraps them in origin and session checks."""

websocket_urlpatterns: list = []
