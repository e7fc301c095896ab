"""``/sitemap.xml``: every published public page in every language, each with
its versions in the other languages (``hreflang``), as its head names them.

Wagtail's own sitemap lists the pages under the site's root page, which holds
the English tree only; the Danish pages sit under the root's translation.
"""

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page


class Sitemap(WagtailSitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        under_a_root = Q()
        for root in roots:
            under_a_root |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(under_a_root)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        items = list(self.paginator.page(page).object_list)
        versions = self._versions(items)
        for item in items:
            for url_info in item.get_sitemap_urls(self.request):
                alternates = versions.get(item.translation_key, {})
                if len(alternates) > 1:
                    url_info["alternates"] = [
                        {"lang_code": code, "location": location}
                        for code, location in alternates.items()
                    ]
                    if settings.LANGUAGE_CODE in alternates:
                        url_info["alternates"].append(
                            {
                                "lang_code": "x-default",
                                "location": alternates[settings.LANGUAGE_CODE],
                            }
                        )
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def _versions(self, items: list[Page]) -> dict:
        """Each listed page's published versions: translation key → language
        code → address, in the order of ``settings.LANGUAGES``."""
        order = [code for code, _name in settings.LANGUAGES]
        pages = (
            Page.objects.live()
            .public()
            .filter(translation_key__in={item.translation_key for item in items})
            .select_related("locale")
        )
        versions: dict = {}
        for other in sorted(pages, key=lambda p: order.index(p.locale.language_code)):
            location = other.get_full_url(self.request)
            if location:
                versions.setdefault(other.translation_key, {})[
                    other.locale.language_code
                ] = location
        return versions
