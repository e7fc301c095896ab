"""The Redis pub/sub channel layer, publishing in batches.

channels_redis's ``RedisPubSubChannelLayer`` publishes one message at a time
under the same lock as subscribing: with 80 messages a second (each announced
to a conversation and a badge group, and each read receipt likewise) the
announcements queue behind each other's round trips and a message waited
25 ms (p50) to 320 ms (p95) before it even left the process (bench/chat.py
--sample, 400 clients every 5 s). Here every publish waiting at that moment
goes out in one pipeline (one round trip, in order), without the subscribe
lock. Everything else, and what a caller sees (``group_send`` returns once
Redis took the message, or raises), is channels_redis's.

Settings: ``"BACKEND": "community.realtime.layer.RedisPubSubChannelLayer"``.
"""

import asyncio
import logging

from channels_redis import pubsub
from channels_redis.utils import _wrap_close

logger = logging.getLogger(__name__)


class BatchingShardConnection(pubsub.RedisSingleShardConnection):
    """One Redis host: subscriptions as channels_redis keeps them; publishes
    gathered while one pipeline is in flight and sent together next."""

    def __init__(self, host, channel_layer):
        super().__init__(host, channel_layer)
        self._outbox: list[tuple[str, bytes, asyncio.Future]] = []
        self._sender: asyncio.Task | None = None

    async def publish(self, channel, message):
        future = asyncio.get_running_loop().create_future()
        self._outbox.append((channel, message, future))
        if self._sender is None or self._sender.done():
            self._sender = asyncio.ensure_future(self._send_waiting())
        await future

    async def _send_waiting(self) -> None:
        while self._outbox:
            batch, self._outbox = self._outbox, []
            try:
                self._ensure_redis()
                pipe = self._redis.pipeline(transaction=False)
                for channel, message, _future in batch:
                    pipe.publish(channel, message)
                await pipe.execute()
            except Exception as error:
                for _channel, _message, future in batch:
                    if not future.done():
                        future.set_exception(error)
            else:
                for _channel, _message, future in batch:
                    if not future.done():
                        future.set_result(None)


class BatchingLoopLayer(pubsub.RedisPubSubLoopLayer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._shards = [
            BatchingShardConnection(shard.host, self) for shard in self._shards
        ]


class RedisPubSubChannelLayer(pubsub.RedisPubSubChannelLayer):
    """channels_redis's pub/sub layer with batched publishing (one loop layer
    per event loop, as there)."""

    def _get_layer(self):
        loop = asyncio.get_running_loop()
        try:
            return self._layers[loop]
        except KeyError:
            layer = BatchingLoopLayer(*self._args, **self._kwargs, channel_layer=self)
            self._layers[loop] = layer
            _wrap_close(self, loop)
            return layer
