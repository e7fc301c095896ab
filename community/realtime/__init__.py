"""Everything live: the chat and notification sockets, and the announcements
the services make on commit.

- ``announce``: group names, event shapes and sending them on the channel
  layer. The services call it on commit; it imports nothing of ours.
- ``consumers``: the two sockets, thin: authorize, call a selector or a
  service, send.
- ``protocol``: what a frame is, the close codes, the frame rate bucket and the
  base socket that speaks JSON and never crashes.
- ``threads``: database work off the event loop, each thread on a connection
  it keeps (and run once more when that connection dropped).
- ``receivers``: signal receivers that close sockets when a session ends.

The database is the source of truth; the channel layer only says "there is
something new". Each chat socket remembers the last message id it sent
(``last_sent_id``). An announcement carries the message and the id of the one
before it in the conversation: if that is the socket's ``last_sent_id`` the
message goes straight out, otherwise the socket reads what it missed from the
database first. So a message the layer dropped (it promises at most once) is
sent with the next one, on the client's next ping, or on reconnect, where the
client sends the last id it showed. Nothing is sent twice: ids at or below
``last_sent_id`` are skipped.

Sockets: ``/ws/conversations/<id>/?after=<last id shown>`` and
``/ws/notifications/``. Frames are JSON objects with a ``type``; see
``consumers.ConversationConsumer``.

Faults are normal: Redis, a database connection or this process can go away at
any moment. A consumer never crashes on them. Every ``send`` gets an ``ack``
(stored) or an ``error`` with its ``client_id`` and ``retry``: true when the
server could not store it now (the page sends it again, same id, until it is
stored) or false when it never will be (too long, match ended). Publishing
through the layer happens after the commit and its failure never undoes a
stored message; the other member then catches up on the next ping.
A flood costs little: each socket checks the database for a ping at most
every ``CHECK_EVERY`` seconds, writes its read receipt at most every
``READ_EVERY`` seconds (the receipts of all its sockets gathered for
``READ_GATHER`` and written in one worker call), and passes on a typing signal
every ``TYPING_EVERY``.
"""
