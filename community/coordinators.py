"""Who is a coordinator, what they may see, and the pieces the coordinators'
admin views share.

Two kinds of coordinator: superusers and members of the "Coordinators" group
see the whole site; members of a programme's own group (``Programme.
coordinator_group``) see only that programme's members, and the requests,
pairs, check-ins, reports and sign-ups they are part of. ``coordinator_scope``
says which; every coordinators' view filters its rows through it."""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.urls import reverse
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from community.services.safety import COORDINATORS_GROUP


@dataclass(frozen=True)
class Scope:
    """What a coordinator sees: every member (``programme_ids`` None) or the
    members of these programmes."""

    programme_ids: frozenset[int] | None

    @property
    def everything(self) -> bool:
        return self.programme_ids is None

    def members(self, *paths: str) -> Q:
        """A filter on rows whose profile at any of ``paths`` (e.g. ``"host"``,
        ``"newcomer"``; ``""`` for profiles themselves) is in scope."""
        if self.programme_ids is None:
            return Q()
        condition = Q(pk__in=[])
        for path in paths or ("",):
            prefix = f"{path}__" if path else ""
            condition |= Q(**{f"{prefix}programme_id__in": self.programme_ids})
        return condition

    def rows(self, model, paths: tuple[str, ...]) -> Q:
        """A filter on ``model``'s rows in scope: programmes themselves, or rows
        whose profiles at ``paths`` are in scope."""
        from community.models import Programme

        if model is Programme:
            return Q() if self.everything else Q(pk__in=self.programme_ids)
        return self.members(*paths)

    def covers(self, profile) -> bool:
        return self.everything or profile.programme_id in self.programme_ids


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
        from community.models import Programme

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
    the rows of their own programmes' members (``scope_paths``)."""

    scope_paths: tuple[str, ...] = ("",)
    index_view_class = _scoped(generic.IndexView)
    edit_view_class = _scoped(generic.EditView)
    delete_view_class = _scoped(generic.DeleteView)
    inspect_view_class = _scoped(generic.InspectView)
    history_view_class = _scoped(HistoryView)
    usage_view_class = _scoped(UsageView)

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(scope_paths=self.scope_paths, **kwargs)


# --- Lists to download -------------------------------------------------------------


# What a spreadsheet may take for the start of a formula. Full-width, small,
# superscript and subscript forms fold to these under NFKC; the minus sign,
# dashes and heavy signs do not fold, so they are listed.
_FORMULA_STARTS = frozenset(
    "=+-@"
    "\u2212\u02d7\u2796\u2795"  # minus sign, modifier minus, heavy minus/plus
    "\u2010\u2011\u2012\u2013\u2014\u2015"  # hyphens and dashes
    "\u2e3a\u2e3b\ufe58"  # two- and three-em dash, small em dash
)


def _first_visible(value: str) -> str:
    """The first character that is not white space, a control or an invisible
    format character (zero-width space, byte order mark, bidi marks)."""
    for char in value:
        if not (char.isspace() or unicodedata.category(char)[0] in "CZ"):
            return char
    return ""


def csv_safe(value) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: not ours.
    Also caught: those signs after spaces or invisible characters, their
    look-alikes (``＝``, ``﹢``, ``−`` ...), and cells starting with a tab or
    a line break. Such a cell is kept as text by a leading apostrophe."""
    value = str(value)
    if value[:1] in ("\t", "\r", "\n") or any(
        _first_visible(text) in _FORMULA_STARTS
        for text in (value, unicodedata.normalize("NFKC", value))
    ):
        return "'" + value
    return value


def csv_download(filename: str, header: list[str], rows: Iterable) -> HttpResponse:
    """A CSV attachment; every cell is made safe for spreadsheets."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return response
