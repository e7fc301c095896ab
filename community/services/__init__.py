"""Writes: each function validates, changes the database inside a transaction and
schedules side effects (e-mail, broadcasts) with ``transaction.on_commit``."""
