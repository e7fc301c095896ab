"""Who may enter the coordinators' admin, and the pieces its views share.

``coordinator_scope`` says whether a user is a coordinator and what they see
(a ``Scope``, community/coordination/scope.py); every coordinators' view filters
its rows through it: ``CoordinatorOnlyMixin`` for plain views,
``ScopedModelViewSet`` for Wagtail's model views, and menu items that only
coordinators see."""

from __future__ import annotations

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from community.coordination.scope import Scope
from community.models import Programme
from community.services.safety import COORDINATORS_GROUP


def coordinator_scope(user) -> Scope | None:
    """The scope of ``user`` as a coordinator, or None when they are not one
    (cached on the user for the request)."""
    if not user or not user.is_authenticated or not user.is_active:
        return None
    if hasattr(user, "_velkomst_scope"):
        return user._velkomst_scope
    if user.is_superuser:
        scope = Scope(None)
    else:
        groups = list(user.groups.values_list("pk", "name"))
        if any(name == COORDINATORS_GROUP for _pk, name in groups):
            scope = Scope(None)
        else:
            ids = Programme.objects.filter(
                coordinator_group__in=[pk for pk, _name in groups]
            ).values_list("pk", flat=True)
            ids = frozenset(ids)
            scope = Scope(ids) if ids else None
    user._velkomst_scope = scope
    return scope


def is_coordinator(user) -> bool:
    """Superusers, the "Coordinators" group and programme coordinators."""
    return coordinator_scope(user) is not None


class CoordinatorOnlyMixin:
    """For admin views: anyone but a coordinator gets 403; ``self.scope`` is
    what the coordinator may see. The header names the page (after "Home",
    or ``parent_crumb``: (url name, label))."""

    parent_crumb: tuple[str, str] | None = None

    def dispatch(self, request, *args, **kwargs):
        self.scope = coordinator_scope(request.user)
        if self.scope is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = list(super().get_breadcrumbs_items())
        if self.parent_crumb:
            url_name, label = self.parent_crumb
            items.append({"url": reverse(url_name), "label": label})
        return items + [{"url": "", "label": self.get_page_title()}]


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_coordinator(request.user)


class SiteCoordinatorMenuItem(MenuItem):
    """For what only whole-site coordinators may do (the tag vocabularies)."""

    def is_shown(self, request):
        scope = coordinator_scope(request.user)
        return scope is not None and scope.everything


class CoordinatorViewSet(ViewSet):
    """A plain admin view set whose menu item only coordinators see."""

    menu_item_class = CoordinatorMenuItem


# --- Model views that show each coordinator only their scope ------------------------


class ScopedViewMixin:
    """For Wagtail's generic model views: the listing holds only rows in the
    coordinator's scope, and any row outside it answers 404 (as if it did not
    exist). ``scope_paths`` name the row's profiles (see ``Scope.members``)."""

    scope_paths: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        self.scope = coordinator_scope(request.user)
        if self.scope is None:
            raise PermissionDenied
        pk = kwargs.get(getattr(self, "pk_url_kwarg", "pk"))
        if pk is not None and not self.scope.everything:
            rows = self.model._default_manager.filter(
                self.scope.rows(self.model, self.scope_paths)
            )
            if not rows.filter(pk=unquote(str(pk))).exists():
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(self.scope.rows(self.model, self.scope_paths))
        )


def _scoped(view_class):
    return type(f"Scoped{view_class.__name__}", (ScopedViewMixin, view_class), {})


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet for rows that belong to members: each coordinator sees
    the rows of their own programmes' members (``scope_paths``). The listing
    fetches ``list_select_related`` with its rows; rows are never copied."""

    scope_paths: tuple[str, ...] = ("",)
    list_select_related: tuple[str, ...] = ()
    copy_view_enabled = False
    index_view_class = _scoped(generic.IndexView)
    edit_view_class = _scoped(generic.EditView)
    delete_view_class = _scoped(generic.DeleteView)
    inspect_view_class = _scoped(generic.InspectView)
    history_view_class = _scoped(HistoryView)
    usage_view_class = _scoped(UsageView)

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(scope_paths=self.scope_paths, **kwargs)

    def get_index_view_kwargs(self, **kwargs):
        if self.list_select_related:
            kwargs.setdefault(
                "queryset",
                self.model.objects.select_related(*self.list_select_related),
            )
        return super().get_index_view_kwargs(**kwargs)
