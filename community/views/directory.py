"""Finding each other: the member directory, my best matches and a member's
profile page. Only signed-in members with a complete profile see any of it."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from cms_pages.listing import page_query, paginate
from community import matching, selectors
from community.models import LanguageLevel
from community.permissions import member_required

PER_PAGE = 20
MEMBER_ACTIONS_TEMPLATE = "components/member_actions.html"


CARD_INTERESTS = 5


def _with_explanations(viewer, members: list) -> list:
    """Attach to each member what their card shows: ``explanation`` (score,
    reasons, shared tag ids), ``card_interests`` (a few, shared ones first) and
    ``spoken_languages``. Uses the prefetched tags only."""
    explanations = matching.explain(viewer, members)
    for member in members:
        member.explanation = explanations.get(member.pk)
        shared = member.explanation.shared if member.explanation else {}
        member.card_interests = _tagged(
            member.interest_items.all(), shared, "interests"
        )[:CARD_INTERESTS]
        member.spoken_languages = [
            row
            for row in _tagged(member.language_items.all(), shared, "languages")
            if row["item"].level != LanguageLevel.LEARNING
        ]
    return members


@member_required
def directory(request: HttpRequest) -> HttpResponse:
    viewer = matching.viewer_with_tags(request.profile)
    filterset, members = selectors.directory_profiles(viewer=viewer, params=request.GET)
    page, notices = paginate(request, members, per_page=PER_PAGE)
    page.object_list = _with_explanations(
        viewer, selectors.profiles_in_order(list(page.object_list))
    )
    return render(
        request,
        "community/directory.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "page_obj": page,
            "page_query": page_query(request),
            "notices": [*filterset.notices, *notices],
            "active_filters": filterset.active_count(),
            "viewer": viewer,
        },
    )


@member_required
def suggested(request: HttpRequest) -> HttpResponse:
    viewer = matching.viewer_with_tags(request.profile)
    members = selectors.suggested_profiles(viewer=viewer)
    return render(
        request,
        "community/suggested.html",
        {"members": _with_explanations(viewer, members), "viewer": viewer},
    )


@member_required
def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request.profile
    member = selectors.member_profile_for(viewer=viewer, pk=pk)
    if member is None:
        raise Http404
    explanation = (
        None
        if member.pk == viewer.pk
        else matching.explain(viewer, [member])[member.pk]
    )
    relation = (
        None
        if member.pk == viewer.pk
        else selectors.member_relation(viewer=viewer, other=member)
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
