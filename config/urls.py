from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms_pages import views as cms_views
from cms_pages.sitemap import Sitemap
from community.views import language as language_views

urlpatterns = [
    # One login for everyone, allauth's (rate-limited, reveals no addresses):
    # Django's admin sends its login there too.
    path(
        "django-admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    # Documents are served through Wagtail's view, which checks privacy.
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # The header's language link (a plain link; remembers a member's choice).
    path(
        "i18n/choose/<str:code>/",
        language_views.choose_language,
        name="choose_language",
    ),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}),
    path("favicon.ico", cms_views.favicon),
    path("events/<int:page_id>/calendar.ics", cms_views.event_ics, name="event_ics"),
]

# Images are public; Django serves them from MEDIA_ROOT unless a front server
# takes over /media/images/. Documents are never served straight from MEDIA_ROOT.
urlpatterns += [
    re_path(r"^media/(?P<path>(?:original_images|images)/.+)$", cms_views.media_image),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("community.urls")),
    path("search/", cms_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
