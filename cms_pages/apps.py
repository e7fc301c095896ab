from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = _("Pages and content")

    def ready(self) -> None:
        from cms_pages import frame, page_cache
        from cms_pages.permissions import grant_after_migrate

        frame.connect_signals()
        page_cache.connect_signals()

        post_migrate.connect(grant_after_migrate, sender=self)
