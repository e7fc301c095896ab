"""The grid of member cards on the directory and the suggestions page:
``{% member_cards cards heading_level=3 %}``.

Printed here rather than by a template: twenty cards of some forty fields each
cost the template engine about 3.5 ms a page, more than half of the page's
rendering, and this about a sixth of that (bench/members.py). The cards come
from ``community.views.directory._cards`` with everything worked out, so this
only escapes and joins. Every value a member typed goes through ``escape``;
the labels are translated once per grid.
"""

from html import escape as _escape_text

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def member_cards(cards: list, heading_level: int = 2, wide: bool = False) -> SafeString:
    """A ``<ul>`` of ``MemberCard``s with the member's name as a heading of
    ``heading_level``; ``wide`` gives the suggestions page's wider cards."""
    labels = {
        "host": escape(gettext("Host")),
        "newcomer": escape(gettext("Newcomer")),
        "lives_in": escape(gettext("Lives in")),
        "about": escape(gettext("About them")),
        "why": escape(gettext("Why you might get on:")),
        "speaks": escape(gettext("Speaks")),
        "interests": escape(gettext("Interests")),
        "shared": escape(gettext("(you share this)")),
    }
    level = int(heading_level or 2)
    grid = (
        "card-grid member-grid member-grid--wide" if wide else "card-grid member-grid"
    )
    items = "".join(_card(card, level, labels) for card in cards)
    return mark_safe(f'<ul class="{grid}">{items}</ul>')  # noqa: S308 - all escaped


def escape(value) -> str:
    """What the template engine's autoescape does (``conditional_escape``),
    without its lazy-string wrapper: some 800 calls a page."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape_text(str(value))


def _card(card: dict, level: int, labels: dict) -> str:
    return (
        '<li><article class="card member-card">'
        f"{_head(card, level, labels)}{_facts(card, labels)}"
        f"{_reasons(card, labels)}{_tags(card, labels)}"
        "</article></li>"
    )


def _head(card: dict, level: int, labels: dict) -> str:
    if card["photo_url"]:
        avatar = (
            f'<img class="member-avatar" src="{escape(card["photo_url"])}" alt="" '
            'width="64" height="64" loading="lazy">'
        )
    else:
        host = " member-avatar--host" if card["is_host"] else ""
        avatar = (
            f'<span class="member-avatar member-avatar--initial{host}" '
            f'aria-hidden="true">{escape(card["initial"])}</span>'
        )
    role = labels["host"] if card["is_host"] else labels["newcomer"]
    place = (
        '<p class="member-card__place"><span class="visually-hidden">'
        f"{labels['lives_in']} </span>{escape(card['place'])}</p>"
        if card["place"]
        else ""
    )
    distance = (
        f'<p class="member-card__distance">{escape(card["distance"])}</p>'
        if card["distance"]
        else ""
    )
    return (
        f'<div class="member-card__head">{avatar}<div class="member-card__who">'
        f'<p class="card__kicker member-card__role">{role}</p>'
        f'<h{level} class="card__title member-card__name"><a class="card__link" '
        f'href="{escape(card["url"])}">{escape(card["name"])}</a></h{level}>'
        f"{place}{distance}</div></div>"
    )


def _facts(card: dict, labels: dict) -> str:
    if not card["facts"]:
        return ""
    facts = "".join(f"<li>{escape(fact)}</li>" for fact in card["facts"])
    return f'<ul class="member-facts" aria-label="{labels["about"]}">{facts}</ul>'


def _reasons(card: dict, labels: dict) -> str:
    if not card["reasons"]:
        return ""
    reasons = "".join(f"<li>{escape(reason)}</li>" for reason in card["reasons"])
    return (
        '<div class="member-card__reasons"><p class="match-score">'
        f'<strong class="match-score__words">{escape(card["strength"])}</strong> '
        '<a class="match-score__points" href="#match-points">'
        f"{escape(card['points'])}</a>"
        f'<span class="visually-hidden">. {labels["why"]}</span></p>'
        f'<ul class="reason-list">{reasons}</ul></div>'
    )


def _tags(card: dict, labels: dict) -> str:
    languages = (
        '<p class="member-card__languages"><span class="member-card__tags-label">'
        f"{labels['speaks']}</span> {escape(card['languages'])}</p>"
        if card["languages"]
        else ""
    )
    interests = ""
    if card["interests"]:
        tags = "".join(
            f'<li class="tag tag--shared">{escape(name)}<span class="visually-hidden">'
            f" {labels['shared']}</span></li>"
            if shared
            else f'<li class="tag">{escape(name)}</li>'
            for name, shared in card["interests"]
        )
        interests = (
            f'<ul class="tag-list" aria-label="{labels["interests"]}">{tags}</ul>'
        )
    return f'<div class="member-card__tags">{languages}{interests}</div>'
