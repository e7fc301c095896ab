"""One tag vocabulary per facet of a profile, as on Let's meet!: languages,
professional background, leisure interests and hopes.

Each tag may hold a ``bit`` (0–62): profiles keep a bitmask per facet so that the
directory ranks 100,000 profiles with integer arithmetic in the database
(community/matching/sql.py). Tags beyond the 63rd of a facet get no bit and are
matched exactly through the tag tables instead.
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase, TaggedItemBase

MAX_BIT = 62


class FacetTag(TagBase):
    bit = models.PositiveSmallIntegerField(
        null=True, blank=True, unique=True, editable=False
    )
    curated = models.BooleanField(
        _("on the list members choose from"),
        default=False,
        help_text=_("Curated tags are offered to every member; others were typed in."),
    )
    name_da = models.CharField(
        _("name in Danish"),
        max_length=100,
        blank=True,
        help_text=_(
            "Shown on the Danish pages. Leave empty to show the name as it is "
            "(tags members typed in stay as they typed them)."
        ),
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    @property
    def label(self) -> str:
        """The name in the reader's language."""
        return tag_label(self.name, self.name_da)


def reads_danish() -> bool:
    """Whether the active language is Danish: tags then show their Danish names."""
    return (translation.get_language() or "").startswith("da")


def tag_label(name: str, name_da: str | None) -> str:
    """A tag's name in the active language: its Danish name on Danish pages
    when it has one, else the name as it is."""
    if name_da and reads_danish():
        return name_da
    return name


class LanguageTag(FacetTag):
    code = models.CharField(
        _("language code"),
        max_length=8,
        unique=True,
        help_text=_("ISO 639 code, e.g. 'da' or 'de'."),
    )

    class Meta(FacetTag.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class ProfessionTag(FacetTag):
    class Meta(FacetTag.Meta):
        verbose_name = _("professional background")
        verbose_name_plural = _("professional backgrounds")


class InterestTag(FacetTag):
    class Meta(FacetTag.Meta):
        verbose_name = _("leisure interest")
        verbose_name_plural = _("leisure interests")


class HopeTag(FacetTag):
    class Meta(FacetTag.Meta):
        verbose_name = _("hope")
        verbose_name_plural = _("hopes")


class LanguageLevel(models.TextChoices):
    NATIVE = "native", _("Native")
    FLUENT = "fluent", _("Fluent")
    CONVERSATIONAL = "conversational", _("Conversational")
    LEARNING = "learning", _("Learning")


SPOKEN_LEVELS = (
    LanguageLevel.NATIVE,
    LanguageLevel.FLUENT,
    LanguageLevel.CONVERSATIONAL,
)


class ProfileLanguage(TaggedItemBase):
    content_object = models.ForeignKey(
        "community.Profile", on_delete=models.CASCADE, related_name="language_items"
    )
    tag = models.ForeignKey(
        LanguageTag, on_delete=models.CASCADE, related_name="profile_items"
    )
    level = models.CharField(
        _("level"),
        max_length=16,
        choices=LanguageLevel.choices,
        default=LanguageLevel.FLUENT,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="one_level_per_language"
            )
        ]


class ProfileProfession(TaggedItemBase):
    content_object = models.ForeignKey(
        "community.Profile", on_delete=models.CASCADE, related_name="profession_items"
    )
    tag = models.ForeignKey(
        ProfessionTag, on_delete=models.CASCADE, related_name="profile_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="unique_profile_profession"
            )
        ]


class ProfileInterest(TaggedItemBase):
    content_object = models.ForeignKey(
        "community.Profile", on_delete=models.CASCADE, related_name="interest_items"
    )
    tag = models.ForeignKey(
        InterestTag, on_delete=models.CASCADE, related_name="profile_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="unique_profile_interest"
            )
        ]


class ProfileHope(TaggedItemBase):
    content_object = models.ForeignKey(
        "community.Profile", on_delete=models.CASCADE, related_name="hope_items"
    )
    tag = models.ForeignKey(
        HopeTag, on_delete=models.CASCADE, related_name="profile_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="unique_profile_hope"
            )
        ]
