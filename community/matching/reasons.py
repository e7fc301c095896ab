"""The match score of two members in words ("You both speak Danish and
English"), in the reader's language: pure functions of the plain values that
``matching.score`` works on; ``matching.reads.explain`` reads them for a page
of members."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy, ngettext

from community.matching.score import (
    COUPLE,
    LEARNING,
    NEWCOMER,
    SPOKEN_LEVELS,
    FacetTags,
    MatchProfile,
    MatchScore,
    TagRef,
)


@dataclass(frozen=True)
class Explanation:
    score: int
    reasons: list[str]
    shared: dict[str, frozenset[int]]
    out_of: int = 100  # the best possible score (``Weights.max_total``)
    strength: str = ""  # "Strong match", "Good match", "Some things in common"
    distance: str = ""  # "About 40 km away", "In your municipality"


# What ``explain`` says, translated once per call rather than once per card.
_WORDS = {
    "speak": gettext_lazy("You both speak %(languages)s"),
    "they_teach": gettext_lazy("They speak %(languages)s, which you are learning"),
    "you_teach": gettext_lazy("You speak %(languages)s, which they are learning"),
    "like": gettext_lazy("You both like %(interests)s"),
    "background": gettext_lazy("You share a background in %(fields)s"),
    "hope": gettext_lazy("You both hope for %(hopes)s"),
    "same_age": gettext_lazy("You are in the same age group"),
    "close_age": gettext_lazy("You are close in age"),
    "families": gettext_lazy("You are both families with children"),
    "couples": gettext_lazy("You are both couples"),
    "singles": gettext_lazy("You both live on your own"),
    "children": gettext_lazy("Your children are of similar ages"),
    "same_place": gettext_lazy("You both live in %(place)s"),
    "same_region": gettext_lazy(
        "You live about %(km)d km apart, both in the %(region)s"
    ),
    "apart": gettext_lazy("You live about %(km)d km apart"),
    "here": gettext_lazy("In your municipality"),
    "close": gettext_lazy("Less than 5 km away"),
    "away": gettext_lazy("About %(km)d km away"),
    "strong": gettext_lazy("Strong match"),
    "good": gettext_lazy("Good match"),
    "some": gettext_lazy("Some things in common"),
    "and": gettext_lazy("and"),
    # Translators: This string is used as a separator between list elements
    ", ": gettext_lazy(", "),
}

Words = dict[str, str | bool]


def words_translated() -> Words:
    """The words of the reasons in the active language, translated once for a
    page of members rather than once per card."""
    words: Words = {key: str(text) for key, text in _WORDS.items()}
    words["lower_case_names"] = (translation.get_language() or "").startswith("da")
    return words


def _listed(items: list[str], words: Words) -> str:
    """'a, b and c', as ``django.utils.text.get_text_list`` writes it, with the
    words translated once per ``explain`` rather than once per list."""
    if len(items) < 2:
        return "".join(items)
    return f"{words[', '].join(items[:-1])} {words['and']} {items[-1]}"


def _names(tags: list[TagRef], ids) -> list[str]:
    return sorted(tag.name for tag in tags if tag.id in ids)


def _in_sentence(name: str) -> str:
    """A tag's name inside a Danish sentence: Danish writes languages and
    common nouns in lower case ("I taler begge dansk"); names such as "HR og
    personale" keep their capitals."""
    if len(name) > 1 and name[1].islower():
        return name[:1].lower() + name[1:]
    return name


def reasons(
    me: MatchProfile,
    my_tags: FacetTags,
    other: MatchProfile,
    their_tags: FacetTags,
    match: MatchScore,
    *,
    place: str,
    region: str | None,
    words: Words,
) -> list[str]:
    """Why ``other`` suits ``me``, in sentences. ``place``: the name of the
    municipality when we live in the same one; ``region``: the name of the
    region when we live in different municipalities of the same one."""
    found: list[str] = []
    if words["lower_case_names"]:
        my_tags, their_tags = (
            {
                facet: [tag._replace(name=_in_sentence(tag.name)) for tag in tags]
                for facet, tags in facets.items()
            }
            for facets in (my_tags, their_tags)
        )
    languages = their_tags["languages"]
    found.append(
        words["speak"]
        % {"languages": _listed(_names(languages, match.shared_languages), words)}
    )
    if match.learning_help:
        mine = my_tags["languages"]
        my_learning = {t.id for t in mine if t.level == LEARNING}
        helps = _names([t for t in languages if t.level in SPOKEN_LEVELS], my_learning)
        if helps:
            found.append(words["they_teach"] % {"languages": _listed(helps, words)})
        else:
            their_learning = {t.id for t in languages if t.level == LEARNING}
            teach = _names(
                [t for t in mine if t.level in SPOKEN_LEVELS], their_learning
            )
            found.append(words["you_teach"] % {"languages": _listed(teach, words)})
    if match.shared_interests:
        found.append(
            words["like"]
            % {
                "interests": _listed(
                    _names(their_tags["interests"], match.shared_interests), words
                )
            }
        )
    if match.shared_professions:
        found.append(
            words["background"]
            % {
                "fields": _listed(
                    _names(their_tags["professions"], match.shared_professions), words
                )
            }
        )
    if match.shared_hopes:
        found.append(
            words["hope"]
            % {
                "hopes": _listed(
                    [
                        _as_object(name, languages)
                        for name in _names(their_tags["hopes"], match.shared_hopes)
                    ],
                    words,
                )
            }
        )
    found.extend(_place_reasons(me, other, match, place, region, words))
    if match.same_age:
        found.append(words["same_age"])
    elif match.adjacent_age:
        found.append(words["close_age"])
    if match.both_families:
        found.append(words["families"])
    elif match.same_household:
        found.append(words["couples"] if me.household == COUPLE else words["singles"])
    if match.children_overlap:
        found.append(words["children"])
    if me.role == NEWCOMER and match.host_has_room:
        free = other.free_places
        found.append(
            ngettext(
                "They can host %(count)d more newcomer",
                "They can host %(count)d more newcomers",
                free,
            )
            % {"count": free}
        )
    return found


def _as_object(name: str, languages) -> str:
    """'Friendship' → 'friendship' after "hope for", but 'Danish practice' keeps
    its capital: a language's name is a proper noun."""
    first = name.split(" ", 1)[0]
    language_names = {tag.name for tag in languages}
    if first in language_names or first.endswith(("ish", "ese", "ian")):
        return name
    return name[:1].lower() + name[1:]


def rounded_km(km: float) -> int:
    """A distance as members see it, never more exact than this: to 5 km
    under 50 km, to 10 km from there (town hall to town hall is no closer to
    the truth, and a member's address is theirs)."""
    step = 5 if km < 47.5 else 10
    return int(step * round(km / step))


def distance_words(
    distance_km: float | None, *, same_municipality: bool, words: Words
) -> str:
    """How far away a member lives, in words: "In your municipality", "About
    40 km away"; empty when either place is unknown."""
    if same_municipality:
        return str(words["here"])
    if distance_km is None:
        return ""
    km = rounded_km(distance_km)
    if km < 5:
        return str(words["close"])
    return str(words["away"]) % {"km": km}


def _place_reasons(
    me: MatchProfile,
    other: MatchProfile,
    match: MatchScore,
    place: str,
    region: str | None,
    words: Words,
) -> list[str]:
    if me.municipality_id is None or other.municipality_id is None:
        return []
    if me.municipality_id == other.municipality_id:
        return [words["same_place"] % {"place": place}]
    km = max(5, rounded_km(match.distance_km or 0))
    if region is not None:
        return [words["same_region"] % {"km": km, "region": region}]
    return [words["apart"] % {"km": km}]
