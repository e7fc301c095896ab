"""Who suits whom, and why.

- ``score``: the match score, a pure function of two members as plain values
  (``MatchProfile``), tested without a database.
- ``geography``: distances between municipalities and who lies within a radius
  or a region, pure functions over the municipalities' coordinates.
- ``reasons``: the score of two members in words, in the reader's language.
- ``reads``: what matching reads from the database into those plain values (the
  members' tags, the municipalities), and ``explain`` for a page of members.
- ``sql``: the very same score as one SQL expression (``Score``), so the
  directory ranks 100,000 members in the database (``ranked``).

Only ``reads`` and ``sql`` touch the database; ``score``, ``geography`` and
``reasons`` import no Django models. Tests hold the SQL score to the Python one
on SQLite and PostgreSQL (tests/community/test_matching.py).
"""
