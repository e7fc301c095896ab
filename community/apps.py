from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _register_sqlite_functions(sender, connection, **kwargs) -> None:
    """SQLite has no bit count; give it the one community/matching/sql.py uses."""
    if connection.vendor == "sqlite":
        # Not at the top: apps.py is imported before the models are ready.
        from community.matching.sql import bitcount_python

        connection.connection.create_function(
            "velkomst_bitcount", 1, bitcount_python, deterministic=True
        )


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self) -> None:
        # Imported here, not at the top: they need the app registry ready.
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_out

        from cms_pages import page_cache
        from community.directory_tags import directory_tags_changed
        from community.matching.reads import forget_municipalities
        from community.models import (
            EventSignup,
            InterestTag,
            LanguageTag,
            Municipality,
            ProfessionTag,
        )
        from community.realtime import receivers
        from community.services.tags import user_listing_sync

        connection_created.connect(_register_sqlite_functions)
        post_save.connect(forget_municipalities, sender=Municipality)
        post_delete.connect(forget_municipalities, sender=Municipality)
        # The directory's cached tag rows (a merge in the admin deletes tags one
        # by one, so it is seen here too).
        for tag_model in (LanguageTag, InterestTag, ProfessionTag):
            post_save.connect(directory_tags_changed, sender=tag_model)
            post_delete.connect(directory_tags_changed, sender=tag_model)
        post_save.connect(user_listing_sync, sender=get_user_model())
        # An event page shows the places left to anonymous visitors too.
        page_cache.renew_on_change(EventSignup)
        # Open sockets close when their session or account ends.
        user_logged_out.connect(receivers.on_logged_out)
        post_save.connect(receivers.on_user_saved, sender=get_user_model())
