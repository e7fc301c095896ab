"""allauth hooks: e-mails name the site as the Wagtail site is called (Settings →
Sites), not by its host name."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


def site_name_for(request) -> str:
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        from allauth.core import context as allauth_context

        context = {"site_name": site_name_for(allauth_context.request), **context}
        super().send_mail(template_prefix, email, context)
