"""The member directory's filters: what a member may narrow ``/members/`` by.

Every value comes from a whitelist (choices, or tags and municipalities that
exist); anything else makes that one field invalid, and ``directory_profiles``
drops it with a notice instead of failing. Nothing from the query string is ever
used as a field name or lookup. Tag filters are ``EXISTS`` subqueries rather than
joins, so a profile is never counted twice and the ranking stays one row per
member.

Fields a member has chosen to hide (age group, household) are only matched on
profiles that show them: filtering must not reveal what the profile hides.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from functools import cached_property

import django_filters
from django import forms
from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Value
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField, ModelMultipleChoiceField

from community.directory_tags import FACETS, OfferedTags, directory_tags
from community.matching.reads import (
    municipality_ids_in_region,
    municipality_ids_within,
    municipality_rows,
)
from community.matching.sql import tags_condition
from community.models import (
    AgeGroup,
    Household,
    InterestTag,
    LanguageTag,
    Municipality,
    ProfessionTag,
    Profile,
    ProfileInterest,
    ProfileLanguage,
    ProfileProfession,
    Region,
    Role,
)
from community.models.tags import SPOKEN_LEVELS

MAX_TEXT = 100
MAX_WORDS = 5
# No query string value needs to be longer than a tag slug; nobody picks more
# than a handful of languages or interests.
MAX_VALUE_LENGTH = 120
MAX_VALUES_PER_FIELD = 20

ROLE_ALL = "all"
SORT_SCORE, SORT_NEWEST, SORT_ACTIVE = "score", "newest", "active"
SORT_CHOICES = [
    (SORT_SCORE, _("Best match")),
    (SORT_NEWEST, _("Newest members")),
    (SORT_ACTIVE, _("Recently active")),
]
RADIUS_CHOICES = [
    ("10", _("Within 10 km")),
    ("25", _("Within 25 km")),
    ("50", _("Within 50 km")),
    ("100", _("Within 100 km")),
]


def other_role(role: str) -> str:
    return Role.NEWCOMER if role == Role.HOST else Role.HOST


class CheckboxFilter(django_filters.Filter):
    """A tick box: ticked narrows the list, unticked (absent) does nothing."""

    field_class = forms.BooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", forms.CheckboxInput(attrs={"class": "form-checkbox"})
        )
        super().__init__(*args, **kwargs)


class OfferedTagField(ModelChoiceField):
    """A tag by its slug: from ``offered`` (the cached rows MemberFilter sets on
    each form) when it is there, else from the database. Either way an unknown
    value is invalid."""

    offered: OfferedTags | None = None

    def to_python(self, value):
        if self.offered is not None and isinstance(value, str):
            tags = self.offered.tags([value])
            if tags:
                return tags[0]
        return super().to_python(value)


class OfferedTagsField(ModelMultipleChoiceField):
    """Tags by their codes or slugs: from ``offered`` when all of them are there
    (in the order a query would give), else from the database as before, which
    refuses the list if any value is unknown."""

    offered: OfferedTags | None = None

    def clean(self, value):
        if not value and not self.required:
            # Not ``queryset.none()``: the filter set sees this is empty as it is.
            return []
        return super().clean(value)

    def _check_values(self, value):
        if self.offered is not None and all(isinstance(v, str) for v in value):
            tags = self.offered.tags(value)
            if tags is not None:
                return tags
        return super()._check_values(value)


class TagFilter(django_filters.ModelChoiceFilter):
    field_class = OfferedTagField


class TagsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = OfferedTagsField


def _filter_copy(prototype: django_filters.Filter) -> django_filters.Filter:
    """A filter set's own copy of a declared filter. It shares what no filter set
    changes (widget, queryset, label; the form's fields copy those again) and has
    its own ``extra`` (the role's choices are set per viewer) and its own
    method binding, so the method runs on its own filter set."""
    clone = copy.copy(prototype)
    clone.__dict__.pop("_field", None)
    clone.extra = dict(prototype.extra)
    clone.method = prototype.method  # a FilterMethod bound to the clone
    return clone


class _DeclaredFilters(OrderedDict):
    """``MemberFilter.base_filters``: django-filter deep-copies them for every
    filter set, which cost more than the rest of building one; this makes that
    copy ``_filter_copy``."""

    def __deepcopy__(self, memo):
        return OrderedDict((name, _filter_copy(f)) for name, f in self.items())


class _SharedFields(dict):
    """``base_fields`` of MemberFilter's cached form classes. A form deep-copies
    them for every instance; these fields' widgets, choices and querysets are
    only read (querysets are cloned by every lookup, choices are printed by
    ``MemberFilter.choices``), so each form gets shallow copies: its own field
    objects, for ``offered``, sharing the rest."""

    def __deepcopy__(self, memo):
        return {name: copy.copy(field) for name, field in self.items()}


def _checkbox_list() -> forms.CheckboxSelectMultiple:
    return forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"})


def _tag_pairs_with_chosen(chosen: dict[str, set[str]]) -> dict[str, list[tuple]]:
    """``(value, name)`` of the curated languages and interests, any chosen one,
    and every professional background, by name: one query, for a page that
    names a tag outside the cached rows."""
    tags = {"languages": [], "interests": [], "profession": []}
    text = CharField()
    rows = (
        LanguageTag.objects.filter(Q(curated=True) | Q(code__in=chosen["languages"]))
        .order_by()
        .values_list(Value("languages", output_field=text), "code", "name")
        .union(
            InterestTag.objects.filter(
                Q(curated=True) | Q(slug__in=chosen["interests"])
            )
            .order_by()
            .values_list(Value("interests", output_field=text), "slug", "name"),
            ProfessionTag.objects.order_by().values_list(
                Value("profession", output_field=text), "slug", "name"
            ),
            all=True,
        )
        .order_by("name")
    )
    for facet, value, label in rows:
        tags[facet].append((value, label))
    return tags


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name, about or interests"),
        method="filter_text",
        max_length=MAX_TEXT,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_TEXT}),
    )
    role = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[],  # set per viewer in __init__: the other role first
        method="filter_role",
        empty_label=None,
        widget=forms.RadioSelect(attrs={"class": "form-checkbox"}),
    )
    languages = TagsFilter(
        label=_("Speaks any of"),
        queryset=LanguageTag.objects.all(),
        to_field_name="code",
        method="filter_languages",
        widget=_checkbox_list(),
    )
    interests = TagsFilter(
        label=_("Likes any of"),
        queryset=InterestTag.objects.all(),
        to_field_name="slug",
        method="filter_interests",
        widget=_checkbox_list(),
    )
    profession = TagFilter(
        label=_("Professional background"),
        queryset=ProfessionTag.objects.all(),
        to_field_name="slug",
        method="filter_profession",
        empty_label=_("Any background"),
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        to_field_name="code",
        method="filter_municipality",
        empty_label=_("Anywhere"),
    )
    radius = django_filters.ChoiceFilter(
        label=_("Distance"),
        help_text=_("From the municipality above, or from yours."),
        choices=RADIUS_CHOICES,
        method="filter_radius",
        empty_label=_("Any distance"),
        widget=forms.Select(attrs={"aria-describedby": "radius-help"}),
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        choices=Region.choices,
        method="filter_region",
        empty_label=_("All of Denmark"),
    )
    age_group = django_filters.MultipleChoiceFilter(
        label=_("Age group"),
        choices=AgeGroup.choices,
        method="filter_age_group",
        widget=_checkbox_list(),
    )
    household = django_filters.ChoiceFilter(
        label=_("Household"),
        choices=Household.choices,
        method="filter_household",
        empty_label=_("Any household"),
    )
    has_children = CheckboxFilter(
        label=_("Only families with children"), method="filter_has_children"
    )
    free_places = CheckboxFilter(
        label=_("Only hosts with a free place"), method="filter_free_places"
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        method="filter_nothing",  # ordering is the selector's job
        empty_label=None,
        # The sort menu sits above the results, outside the filter form.
        widget=forms.Select(attrs={"form": "member-filters"}),
    )

    class Meta:
        model = Profile
        fields: list[str] = []

    # The form class for each language and list of role choices (one per
    # viewer role): building it turns some labels into text in the language
    # of the page that built it.
    _form_classes: dict[tuple[str, ...], type[forms.Form]] = {}

    @classmethod
    def get_filters(cls):
        return _DeclaredFilters(super().get_filters())

    def __init__(
        self,
        data: QueryDict | None = None,
        queryset: QuerySet[Profile] | None = None,
        *,
        viewer: Profile,
        request=None,
        prefix=None,
    ):
        self.viewer = viewer
        self.notices: list[str] = []
        super().__init__(
            self._prepare(data or QueryDict()),
            queryset,
            request=request,
            prefix=prefix,
        )
        mine, theirs = viewer.role, other_role(viewer.role)
        names = {Role.HOST: _("Hosts"), Role.NEWCOMER: _("Newcomers")}
        choices = [(theirs, names[theirs])]
        if mine in names:
            choices.append((mine, names[mine]))
        choices.append((ROLE_ALL, _("Everyone")))
        self.filters["role"].extra["choices"] = choices

    def get_form_class(self) -> type[forms.Form]:
        roles = (value for value, _label in self.filters["role"].extra["choices"])
        key = (translation.get_language() or "", *roles)
        form_class = self._form_classes.get(key)
        if form_class is None:
            form_class = super().get_form_class()
            form_class.base_fields = _SharedFields(form_class.base_fields)
            self._form_classes[key] = form_class
        return form_class

    @property
    def form(self) -> forms.Form:
        if not hasattr(self, "_form"):
            form = super().form
            for name, offered in self.offered_tags.items():
                form.fields[name].offered = offered
            # Labels from the declared filters (lazy), whatever language the
            # cached form class was built in: each page reads its own.
            for name, field in form.fields.items():
                if name in self.filters and self.filters[name].label is not None:
                    field.label = self.filters[name].label
        return self._form

    @cached_property
    def offered_tags(self) -> dict[str, OfferedTags]:
        """The cached rows of the tags the form offers (community/directory_tags.py)."""
        return directory_tags()

    # --- Reading the query string -------------------------------------------

    def _prepare(self, data: QueryDict) -> QueryDict:
        """Only the declared parameters, each value shortened, without NUL
        characters (PostgreSQL refuses them), and the defaults filled in so the
        form shows what is applied."""
        clean = QueryDict(mutable=True)
        for name in self.base_filters:
            values = [
                value.replace("\x00", "").strip()
                for value in data.getlist(name)[:MAX_VALUES_PER_FIELD]
            ]
            values = [value for value in values if value]
            if name == "q" and values and len(values[-1]) > MAX_TEXT:
                self.notices.append(
                    gettext("Your search was shortened to %(count)d characters.")
                    % {"count": MAX_TEXT}
                )
                values = [values[-1][:MAX_TEXT].strip()]
            else:
                values = [value[:MAX_VALUE_LENGTH] for value in values]
            if values:
                clean.setlist(name, values)
        clean.setdefault("role", other_role(self.viewer.role))
        clean.setdefault("sort", SORT_SCORE)
        clean._mutable = False
        return clean

    def choices(self) -> dict:
        """Every choice of the form, with ``selected`` set from the query string,
        for templates/community/directory.html to print without widget templates
        (a widget template per option would cost more than the whole result
        list). The tag lists come from the cache (community/directory_tags.py;
        one query when a tag outside it is chosen); the municipalities are read
        once per process.

        Keys: ``role``, ``age_group``, ``household``, ``radius``, ``region``,
        ``sort``, ``languages``, ``interests`` and ``profession``: tuples of
        ``(value, label, selected)``; ``languages`` and ``interests`` offer the
        curated tags and any chosen one (any existing tag is still accepted,
        e.g. from a link on a profile). ``municipality``: ``(empty, groups)``,
        the "Anywhere" row and ``(region label, rows)`` per region. The long
        lists are printed by community/templatetags/directory_filters.py. ``q``
        is the search text."""
        data = self.data
        chosen = {name: set(data.getlist(name)) for name in self.base_filters}

        def options(name, pairs, picked=None, empty_label=None) -> tuple:
            picked = chosen[name] if picked is None else picked
            rows = [(str(value), label, str(value) in picked) for value, label in pairs]
            if empty_label is not None:
                rows.insert(0, ("", empty_label, not picked))
            return tuple(rows)

        offered = self.offered_tags
        if all(
            value in offered[name]
            for name in ("languages", "interests")
            for value in chosen[name]
        ):
            tags = {facet: offered[facet].pairs() for facet in FACETS}
        else:
            tags = _tag_pairs_with_chosen(chosen)

        labels = dict(Region.choices)
        groups: dict[str, list] = {region: [] for region in labels}
        for _pk, code, name, region in municipality_rows():
            groups.setdefault(region, []).append((str(code), name))
        picked_place = chosen["municipality"]
        places = (
            ("", _("Anywhere"), not picked_place),
            tuple(
                (labels.get(region, region), options(None, in_region, picked_place))
                for region, in_region in groups.items()
                if in_region
            ),
        )
        return {
            "q": data.get("q", ""),
            "q_max_length": MAX_TEXT,
            "role": options("role", self.filters["role"].extra["choices"]),
            "age_group": options("age_group", AgeGroup.choices),
            "household": options(
                "household", Household.choices, empty_label=_("Any household")
            ),
            "has_children": bool(self._cleaned().get("has_children")),
            "free_places": bool(self._cleaned().get("free_places")),
            "municipality": places,
            "radius": options("radius", RADIUS_CHOICES, empty_label=_("Any distance")),
            "region": options(
                "region", Region.choices, empty_label=_("All of Denmark")
            ),
            "languages": options("languages", tags["languages"]),
            "interests": options("interests", tags["interests"]),
            "profession": options(
                "profession", tags["profession"], empty_label=_("Any background")
            ),
            "sort": options("sort", SORT_CHOICES),
        }

    def ignored_labels(self) -> list[str]:
        """Labels of the fields whose values were not understood."""
        form = self.form
        return [
            str(form.fields[name].label) for name in form.errors if name in form.fields
        ]

    def _cleaned(self) -> dict:
        self.form.is_valid()  # valid fields are in cleaned_data even if others fail
        return self.form.cleaned_data

    @property
    def sort_value(self) -> str:
        return self._cleaned().get("sort") or SORT_SCORE

    @property
    def role_value(self) -> str:
        return self._cleaned().get("role") or other_role(self.viewer.role)

    def active_count(self) -> int:
        """How many filters narrow the list beyond the defaults."""
        count = 0
        for name, value in self._cleaned().items():
            if name in ("sort", "radius") or not value:
                continue
            if name == "role" and value == other_role(self.viewer.role):
                continue
            count += 1
        return count

    # --- Filters ----------------------------------------------------------------

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_role(self, queryset, name, value):
        if value == ROLE_ALL:
            return queryset.filter(role__in=[Role.HOST, Role.NEWCOMER])
        return queryset.filter(role=value)

    def filter_text(self, queryset, name, value):
        for word in value.split()[:MAX_WORDS]:
            queryset = queryset.filter(
                Q(display_name__icontains=word)
                | Q(about__icontains=word)
                | Exists(
                    ProfileInterest.objects.filter(
                        content_object=OuterRef("pk"), tag__name__icontains=word
                    )
                )
                | Exists(
                    ProfileProfession.objects.filter(
                        content_object=OuterRef("pk"), tag__name__icontains=word
                    )
                )
            )
        return queryset

    def filter_languages(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            tags_condition(
                "spoken_mask", value, ProfileLanguage, level__in=list(SPOKEN_LEVELS)
            )
        )

    def filter_interests(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(tags_condition("interest_mask", value, ProfileInterest))

    def filter_profession(self, queryset, name, value):
        return queryset.filter(
            tags_condition("profession_mask", [value], ProfileProfession)
        )

    def _near(self, queryset, municipality: Municipality, radius: str | None):
        if not radius:
            return queryset.filter(municipality=municipality)
        ids = municipality_ids_within(municipality, float(radius))
        return queryset.filter(municipality_id__in=ids)

    def filter_municipality(self, queryset, name, value):
        return self._near(queryset, value, self.form.cleaned_data.get("radius"))

    def filter_radius(self, queryset, name, value):
        if self.form.cleaned_data.get("municipality"):
            return queryset  # applied together with the municipality
        # A distance without a place: from where I live.
        if self.viewer.municipality_id is None:
            return queryset
        return self._near(queryset, self.viewer.municipality, value)

    def filter_region(self, queryset, name, value):
        return queryset.filter(municipality_id__in=municipality_ids_in_region(value))

    def filter_age_group(self, queryset, name, value):
        return queryset.filter(show_age_group=True, age_group__in=value)

    def filter_household(self, queryset, name, value):
        return queryset.filter(show_household=True, household=value)

    def filter_has_children(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Q(children_0_5=True) | Q(children_6_12=True) | Q(children_13_17=True),
            show_household=True,
        )

    def filter_free_places(self, queryset, name, value):
        if not value:
            return queryset
        # Narrows the hosts only; newcomers (when shown) are left alone.
        return queryset.filter(
            Q(role=Role.NEWCOMER) | Q(capacity__gt=F("active_match_count"))
        )
