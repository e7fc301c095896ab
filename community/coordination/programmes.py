"""Wagtail admin: partner programmes and their members, for coordinators
(community/wagtail_hooks.py registers them).

Coordinators of the whole site create programmes; a programme's own
coordinators see and edit only theirs, and hand it over by changing the list
of coordinators. Members are listed read-only, each coordinator seeing their
programmes' members only."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import validate_email
from django.db.models import Count, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column

from community.coordination.access import ScopedModelViewSet, coordinator_scope
from community.models import Profile, Programme
from community.services.programmes import programme_coordinators_set, programme_save

MAX_COORDINATORS = 20


class ProgrammeForm(WagtailAdminModelForm):
    coordinator_emails = forms.CharField(
        label=_("Coordinators"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "E-mail addresses of the people who run this programme, one per "
            "line. Each needs an account on this site; they then see this "
            "programme's members and pairs in the admin, and nothing else. To "
            "hand the programme over, replace the addresses: its history stays."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        group = self.instance.coordinator_group if self.instance.pk else None
        if group is not None:
            self.initial["coordinator_emails"] = "\n".join(
                group.user_set.order_by("email").values_list("email", flat=True)
            )

    def clean_coordinator_emails(self):
        addresses = []
        for line in self.cleaned_data["coordinator_emails"].replace(",", "\n").split():
            address = line.strip().lower()
            try:
                validate_email(address)
            except forms.ValidationError:
                raise forms.ValidationError(
                    gettext("“%(value)s” is not an e-mail address.")
                    % {"value": address[:80]}
                ) from None
            if address not in addresses:
                addresses.append(address)
        if len(addresses) > MAX_COORDINATORS:
            raise forms.ValidationError(
                gettext("At most %(count)d coordinators.") % {"count": MAX_COORDINATORS}
            )
        wanted = Q(pk__in=[])
        for address in addresses:
            wanted |= Q(email__iexact=address)
        users = {
            user.email.lower(): user
            for user in get_user_model().objects.filter(wanted, is_active=True)
        }
        unknown = [address for address in addresses if address not in users]
        if unknown:
            raise forms.ValidationError(
                gettext(
                    "Nobody has an account with %(addresses)s. Ask them to sign up "
                    "first, then add them here."
                )
                % {"addresses": ", ".join(unknown)}
            )
        return [users[address] for address in addresses]

    def save(self, commit=True):
        programme = super().save(commit=False)
        if commit:
            programme_save(programme)
            programme_coordinators_set(
                programme=programme, users=self.cleaned_data["coordinator_emails"]
            )
        return programme


class ProgrammeViewSet(ScopedModelViewSet):
    model = Programme
    name = "community_programme"
    url_prefix = "community/programmes"
    icon = "group"
    menu_label = _("Programmes")
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = [
        "name",
        "partner_organisation",
        Column("member_count", label=_("Members"), sort_key="member_count"),
        "within_programme_only",
        "active_from",
        "active_to",
    ]
    search_fields = ["name"]
    inspect_view_fields = [
        "name",
        "partner_organisation",
        "description",
        "contact_name",
        "contact_email",
        "active_from",
        "active_to",
        "within_programme_only",
        "listed_at_signup",
        "approval",
        "invite_link",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("partner_organisation"),
            FieldPanel("description"),
            FieldRowPanel(
                [FieldPanel("contact_name"), FieldPanel("contact_email")],
                heading=_("Contact"),
            ),
            FieldRowPanel(
                [FieldPanel("active_from"), FieldPanel("active_to")], heading=_("When")
            ),
            MultiFieldPanel(
                [
                    FieldPanel("within_programme_only"),
                    FieldPanel("listed_at_signup"),
                    FieldPanel("approval", widget=forms.RadioSelect),
                ],
                heading=_("Who meets whom"),
            ),
            FieldPanel("coordinator_emails"),
        ],
        base_form_class=ProgrammeForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=Programme.objects.select_related("partner_organisation").annotate(
                member_count=Count("members", filter=Q(members__is_deleted=False))
            ),
            **kwargs,
        )


def _programmes_in_scope(request):
    scope = coordinator_scope(request.user)
    if scope is None:
        return Programme.objects.none()
    return Programme.objects.filter(scope.rows(Programme, ()))


class MemberFilterSet(WagtailFilterSet):
    programme = django_filters.ModelChoiceFilter(
        label=_("programme"), queryset=_programmes_in_scope
    )

    class Meta:
        model = Profile
        fields = ["role", "programme", "approval", "is_available", "household"]


class MemberViewSet(ScopedModelViewSet):
    """Members, read-only: who they are in the programme, never their chats."""

    model = Profile
    icon = "user"
    menu_label = _("Members")
    name = "community_members"
    url_prefix = "community/members"
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = [
        "display_name",
        "role",
        "programme",
        "municipality",
        Column("created_at", label=_("Joined"), sort_key="created_at"),
        "is_available",
    ]
    filterset_class = MemberFilterSet
    search_fields = ["display_name"]
    inspect_view_fields = [
        "display_name",
        "role",
        "programme",
        "municipality",
        "age_group",
        "household",
        "arrival_date",
        "time_per_month",
        "capacity",
        "active_match_count",
        "is_available",
        "approval",
        "approval_waiting_since",
        "approval_decided_at",
        "created_at",
        "last_active_at",
    ]
    form_fields = ["is_available"]  # never shown: coordinators may only look

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=Profile.objects.filter(is_deleted=False).select_related(
                "programme", "municipality"
            ),
            **kwargs,
        )
