"""What the Editors group may do: the product's editors publish pages themselves,
translate them, and keep the snippets and site details. Wagtail's own Editors
group may only draft, so this widens it after every migrate (idempotent)."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupPagePermission, Page


def editors_grant() -> None:
    from cms_pages.models import (
        ActivityCategory,
        ContactPerson,
        FooterText,
        PartnerOrganisation,
        SiteDetails,
    )

    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    editors, _ = Group.objects.get_or_create(name="Editors")
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    snippet_perms = Permission.objects.filter(
        content_type__in=ContentType.objects.get_for_models(
            ContactPerson, PartnerOrganisation, FooterText, ActivityCategory
        ).values(),
        codename__regex=r"^(add|change|delete)_",
    )
    settings_perm = Permission.objects.filter(
        content_type=ContentType.objects.get_for_model(SiteDetails),
        codename="change_sitedetails",
    )
    # Translating pages and snippets into Danish (wagtail-localize's "Translate").
    translate_perm = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )
    editors.permissions.add(
        *admin_access, *snippet_perms, *settings_perm, *translate_perm
    )
    for codename in ("add_page", "change_page", "publish_page"):
        permission = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=codename
        ).first()
        if permission is not None:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root, permission=permission
            )


def grant_after_migrate(sender, **kwargs) -> None:
    # Django creates an app's permissions in its own post_migrate handler,
    # which may run after this one on a new database: create them first, or
    # the first migrate would grant none of the snippets' permissions.
    create_permissions(sender, verbosity=0, using=kwargs.get("using", "default"))
    editors_grant()
