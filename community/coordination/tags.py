"""Wagtail admin: the tag vocabularies, shared by all programmes and so for
coordinators of the whole site only: rename a tag, or merge duplicates of one
facet into one (``community.services.tags.tags_merge``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from community.coordination.access import (
    CoordinatorViewSet,
    SiteCoordinatorMenuItem,
    coordinator_scope,
)
from community.models import HopeTag, InterestTag, LanguageTag, ProfessionTag
from community.services.tags import FACET_MODELS, tags_merge

TAG_MODELS = (LanguageTag, ProfessionTag, InterestTag, HopeTag)


class TagViewSet(ModelViewSet):
    """A tag vocabulary, shared by all programmes: for coordinators of the
    whole site."""

    icon = "tag"
    menu_item_class = SiteCoordinatorMenuItem
    list_display = [
        "name",
        "name_da",
        "slug",
        "curated",
        Column("member_count", label=_("Members"), sort_key="member_count"),
    ]
    list_filter = ["curated"]
    search_fields = ["name", "name_da", "slug"]
    form_fields = ["name", "name_da", "slug", "curated"]
    copy_view_enabled = False

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=self.model.objects.annotate(member_count=Count("profile_items")),
            **kwargs,
        )


def tag_viewset(tag_model, label):
    """The ``TagViewSet`` of one facet, its URLs named ``tags_<model name>``."""
    return type(
        f"{tag_model.__name__}ViewSet",
        (TagViewSet,),
        {
            "model": tag_model,
            "name": f"tags_{tag_model._meta.model_name}",
            "menu_label": label,
        },
    )


class TagMergeForm(forms.Form):
    facet = forms.CharField(widget=forms.HiddenInput)
    sources = forms.ModelMultipleChoiceField(
        label=_("Tags to merge"),
        help_text=_(
            "Members who have these tags get the target tag instead; these tags "
            "are then deleted."
        ),
        queryset=InterestTag.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    target = forms.ModelChoiceField(
        label=_("Merge into"),
        help_text=_("The tag that stays. Rename it afterwards if you like."),
        queryset=InterestTag.objects.none(),
    )

    def __init__(self, *args, tag_model, **kwargs):
        super().__init__(*args, **kwargs)
        tags = tag_model.objects.annotate(member_count=Count("profile_items")).order_by(
            "name"
        )
        self.fields["sources"].queryset = tags
        self.fields["target"].queryset = tags
        self.fields["sources"].label_from_instance = self._label
        self.fields["target"].label_from_instance = self._label

    @staticmethod
    def _label(tag) -> str:
        return ngettext(
            "%(name)s (%(count)d member)",
            "%(name)s (%(count)d members)",
            tag.member_count,
        ) % {"name": tag.name, "count": tag.member_count}

    def clean(self):
        data = super().clean()
        target, sources = data.get("target"), data.get("sources")
        if target is not None and sources is not None:
            sources = [tag for tag in sources if tag.pk != target.pk]
            if not sources:
                raise forms.ValidationError(
                    _("Choose at least one tag other than the target to merge.")
                )
            data["sources"] = sources
        return data


class TagMergeView(WagtailAdminTemplateMixin, FormView):
    """Merge duplicate tags of one facet (chosen by ``?facet=``) into one."""

    template_name = "community/admin/tag_merge.html"
    form_class = TagMergeForm
    page_title = _("Merge tags")
    header_icon = "tag"

    def dispatch(self, request, *args, **kwargs):
        scope = coordinator_scope(request.user)
        if scope is None or not scope.everything:
            raise PermissionDenied
        facet = request.POST.get("facet") or request.GET.get("facet")
        self.facet = facet if facet in FACET_MODELS else "interests"
        self.tag_model = FACET_MODELS[self.facet]
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"tag_model": self.tag_model}

    def get_initial(self):
        return {"facet": self.facet}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context |= {
            "facets": [
                (key, model._meta.verbose_name_plural, key == self.facet)
                for key, model in FACET_MODELS.items()
            ],
            "facet_label": self.tag_model._meta.verbose_name_plural,
            "action_url": reverse("community_tag_merge:index") + f"?facet={self.facet}",
            "submit_button_label": gettext("Merge tags"),
            "submit_button_active_label": gettext("Merging…"),
        }
        return context

    def form_valid(self, form):
        target, sources = form.cleaned_data["target"], form.cleaned_data["sources"]
        names = ", ".join(tag.name for tag in sources)
        touched = tags_merge(into=target, merged=list(sources))
        messages.success(
            self.request,
            gettext("Merged %(names)s into “%(target)s” (%(count)d members updated).")
            % {"names": names, "target": target.name, "count": touched},
        )
        return redirect(reverse("community_tag_merge:index") + f"?facet={self.facet}")


class TagMergeViewSet(CoordinatorViewSet):
    menu_item_class = SiteCoordinatorMenuItem
    name = "community_tag_merge"
    url_prefix = "community/merge-tags"
    icon = "tag"
    menu_label = _("Merge tags")

    def get_urlpatterns(self):
        return [path("", TagMergeView.as_view(), name="index")]
