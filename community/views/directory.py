"""Finding each other: the member directory, my best matches and a member's
profile page. Only signed-in members with a complete profile see any of it."""

from typing import TypedDict

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from cms_pages.listing import page_query, paginate
from community.matching import reads
from community.models import AgeGroup, Household, LanguageLevel, Region
from community.permissions import member_required
from community.selectors.members import (
    directory_profiles,
    member_profile_for,
    member_relation,
)
from community.services import suggestions

PER_PAGE = 20
MEMBER_ACTIONS_TEMPLATE = "components/member_actions.html"
CARD_INTERESTS = 5
CARD_REASONS = 4
# Choice labels by value (lazy, so in the language of the request). Not
# get_FOO_display(), which hashes every choice's translated label on each call.
AGE_LABELS = dict(AgeGroup.choices)
HOUSEHOLD_LABELS = dict(Household.choices)
REGION_LABELS = dict(Region.choices)


class MemberCard(TypedDict):
    """What a member card shows of one member, worked out here so that
    community/templatetags/member_cards.py only escapes and prints it: only
    what the member chose to show, never contact details. ``interests`` are
    ``(name, shared)`` pairs, the shared ones first."""

    url: str
    name: str
    initial: str
    is_host: bool
    photo_url: str
    place: str
    facts: list[str]
    score: int
    out_of: int
    points: str  # "72 of 100 points"
    strength: str  # "Strong match"...
    distance: str  # "About 40 km away", "In your municipality"
    reasons: list[str]
    languages: str
    interests: list[tuple[str, bool]]


def _cards(viewer, members: list) -> list[MemberCard]:
    """Cards for ``members`` (tags loaded by the selector), with score and reasons
    from ``matching.reads.explain``."""
    explanations = reads.explain(viewer, members)
    # Translated once per page, not once per card.
    ages = {value: str(label) for value, label in AGE_LABELS.items()}
    households = {value: str(label) for value, label in HOUSEHOLD_LABELS.items()}
    regions = {value: str(label) for value, label in REGION_LABELS.items()}
    aged = _("Aged %(age)s")
    # The words of {% blocktranslate %} "{{ score }} of {{ out_of }} points",
    # looked up once rather than by the template on every card.
    points = _("%(score)s of %(out_of)s points")
    url_of = _profile_urls()
    cards = []
    for member in members:
        explanation = explanations.get(member.pk)
        shared = explanation.shared if explanation else {}
        tags = reads.tags_of(member)
        facts = []
        if member.show_age_group and member.age_group:
            facts.append(aged % {"age": ages.get(member.age_group, member.age_group)})
        if member.show_household and member.household:
            facts.append(households.get(member.household, ""))
        municipality = member.municipality
        name = str(member.public_name)
        cards.append(
            MemberCard(
                url=url_of(member.pk),
                name=name,
                initial=name[:1].upper(),
                is_host=member.is_host,
                photo_url=member.photo.url
                if member.show_photo and member.photo
                else "",
                place=f"{municipality.name}, {regions.get(municipality.region)}"
                if municipality
                else "",
                facts=facts,
                score=explanation.score if explanation else 0,
                out_of=explanation.out_of if explanation else 0,
                points=points
                % {"score": explanation.score, "out_of": explanation.out_of}
                if explanation
                else "",
                strength=explanation.strength if explanation else "",
                distance=explanation.distance if explanation else "",
                reasons=explanation.reasons[:CARD_REASONS] if explanation else [],
                languages=", ".join(
                    tag.name
                    for tag, _shared in _shared_first(
                        tags["languages"], shared.get("languages", ())
                    )
                    if tag.level != LanguageLevel.LEARNING
                ),
                interests=[
                    (tag.name, is_shared)
                    for tag, is_shared in _shared_first(
                        tags["interests"], shared.get("interests", ())
                    )[:CARD_INTERESTS]
                ],
            )
        )
    return cards


def _profile_urls():
    """``pk → /members/<pk>/`` in the active language, with one ``reverse`` for
    the whole page (a pk is digits only, so it can stand in for the marker)."""
    marker = "2147483647"
    pattern = reverse("community:profile_detail", args=[int(marker)])
    before, _marker, after = pattern.rpartition(marker)
    return lambda pk: f"{before}{int(pk)}{after}"


def _shared_first(tags, shared_ids) -> list[tuple]:
    """(tag, shared) for each ``matching.score.TagRef``, the ones we share first, then
    by name."""
    rows = [(tag, tag.id in shared_ids) for tag in tags]
    return sorted(rows, key=lambda row: (not row[1], row[0].name.lower()))


def _awaiting_coordinator(request: HttpRequest, title: str) -> HttpResponse:
    """For a member a coordinator has not approved (yet): nobody to list, and
    why (community/services/approvals.py), not an empty page."""
    return render(
        request,
        "community/awaiting_approval.html",
        {"profile": request.profile, "title": title},
    )


@member_required
def directory(request: HttpRequest) -> HttpResponse:
    if request.profile.awaits_coordinator:
        return _awaiting_coordinator(request, _("Members"))
    viewer = reads.viewer_with_tags(request.profile)
    filterset, members = directory_profiles(
        viewer=viewer, params=request.GET, per_page=PER_PAGE
    )
    page, notices = paginate(request, members, per_page=PER_PAGE)
    page.object_list = _cards(viewer, page.object_list)
    return render(
        request,
        "community/directory.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "choices": filterset.choices(),
            "page_obj": page,
            "page_query": page_query(request),
            "count_is_capped": members.is_capped,
            "count_bound": members.bound,
            "notices": [*filterset.notices, *notices],
            "active_filters": filterset.active_count(),
            "viewer": viewer,
        },
    )


@member_required
def suggested(request: HttpRequest) -> HttpResponse:
    if request.profile.awaits_coordinator:
        return _awaiting_coordinator(request, _("Your best matches"))
    viewer = reads.viewer_with_tags(request.profile)
    members = suggestions.member_suggestions_get(profile=viewer)
    return render(
        request,
        "community/suggested.html",
        {"cards": _cards(viewer, members), "viewer": viewer},
    )


@member_required
def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request.profile
    member = member_profile_for(viewer=viewer, pk=pk)
    if member is None:
        raise Http404
    explanation = (
        None if member.pk == viewer.pk else reads.explain(viewer, [member])[member.pk]
    )
    relation = (
        None if member.pk == viewer.pk else member_relation(viewer=viewer, other=member)
    )
    shared = explanation.shared if explanation else {}
    return render(
        request,
        "community/profile_detail.html",
        {
            "member": member,
            "viewer": viewer,
            "is_me": member.pk == viewer.pk,
            "explanation": explanation,
            "languages": _tagged(member.language_items.all(), shared, "languages"),
            "interests": _tagged(member.interest_items.all(), shared, "interests"),
            "professions": _tagged(
                member.profession_items.all(), shared, "professions"
            ),
            "hopes": _tagged(member.hope_items.all(), shared, "hopes"),
            "member_actions_template": MEMBER_ACTIONS_TEMPLATE,
            "relation": relation,
        },
    )


def _tagged(items, shared: dict, facet: str) -> list[dict]:
    """Tags of one facet, the ones we share first, each marked ``shared``."""
    mine = shared.get(facet, ())
    rows = [
        {"tag": item.tag, "item": item, "shared": item.tag_id in mine} for item in items
    ]
    return sorted(rows, key=lambda row: (not row["shared"], row["tag"].name.lower()))
