"""The vocabularies in the reader's language: curated interests, professional
backgrounds and hopes have Danish names, languages are named from pycountry's
Danish translation of ISO 639, and what members typed in stays as typed. Match
reasons read as whole Danish sentences."""

import pytest
from django.utils import translation

from community.matching import reads
from community.models import InterestTag, LanguageTag
from community.services.profiles import language_tag_for_code
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def test_the_curated_vocabularies_have_danish_names():
    assert InterestTag.objects.get(name="Cooking").name_da == "Madlavning"
    assert LanguageTag.objects.get(code="da").name_da == "Dansk"
    assert LanguageTag.objects.get(code="uk").name_da == "Ukrainsk"
    untranslated = InterestTag.objects.filter(curated=True, name_da="")
    assert list(untranslated.values_list("name", flat=True)) == []


def test_a_language_chosen_later_gets_its_danish_name_from_pycountry():
    tag = language_tag_for_code("is")
    assert (tag.name, tag.name_da) == ("Icelandic", "Islandsk")


def test_match_reasons_are_whole_danish_sentences():
    me = make_member(role="newcomer", languages={"da": "learning", "en": "fluent"})
    host = make_member(
        role="host",
        languages={"da": "native", "en": "fluent"},
        interests=("Cooking", "Hiking", "Knitting on the beach"),
    )
    with translation.override("da"):
        reasons = reads.explain(me, [host])[host.pk].reasons
    assert "I taler begge engelsk" in reasons
    assert any(
        reason.startswith("I kan begge lide ") and "madlavning og vandreture" in reason
        for reason in reasons
    ), reasons
    assert not any(word in " ".join(reasons) for word in ("You ", " and ", "Cooking"))
    assert "Dansk" not in " ".join(reasons)  # languages in lower case mid-sentence

    with translation.override("en"):
        reasons = reads.explain(me, [host])[host.pk].reasons
    assert any("Cooking and Hiking" in reason for reason in reasons), reasons


def test_tags_members_typed_stay_as_typed_on_danish_pages(client):
    member = make_member(interests=("Cooking", "Hiking", "Knitting on the beach"))
    viewer = make_member(role="host")
    client.force_login(viewer.user)
    page = client.get(f"/da/members/{member.pk}/").content.decode()
    assert "Madlavning" in page and "Vandreture" in page
    assert "Knitting on the beach" in page
    assert ">Cooking<" not in page
