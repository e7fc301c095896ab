"""Demo members for local development, loaded by ``manage.py seed_demo``."""

from community.demo.members import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, seed_members

__all__ = ["DEMO_EMAIL_DOMAIN", "DEMO_PASSWORD", "seed_members"]
