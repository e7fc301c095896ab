from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField

GUIDELINES = (
    "<p>Be kind and respectful. Meet in public the first time. Never ask for "
    "money. Tell the coordinator if something feels wrong.</p>"
)
GUIDELINES_DA = (
    "<p>Vær venlig og respektfuld. Mød hinanden et offentligt sted første gang. "
    "Bed aldrig om penge. Sig det til koordinatoren, hvis noget føles forkert.</p>"
)
EXPECTATIONS = (
    "<p>A host and a newcomer meet about once or twice a month for at least six "
    "months. Both answer messages within a few days and say so openly if it "
    "does not work.</p>"
)
EXPECTATIONS_DA = (
    "<p>En vært og en nytilkommen mødes en eller to gange om måneden i mindst et "
    "halvt år. I svarer begge på beskeder inden for et par dage og siger ærligt "
    "til, hvis det ikke fungerer.</p>"
)
TEXTS = {
    "guidelines": ("community_guidelines", "community_guidelines_da"),
    "expectations": ("expectation_statement", "expectation_statement_da"),
}


@register_setting(icon="doc-full")
class ProgrammeTexts(BaseSiteSetting):
    """The texts members agree to: the community guidelines at sign-up and the
    programme's expectation statement before a match. Changing a text makes a
    new version; members confirm the version they saw."""

    community_guidelines = RichTextField(
        _("community guidelines"),
        default=GUIDELINES,
        help_text=_("Members accept these when they sign up."),
    )
    guidelines_version = models.PositiveIntegerField(default=1, editable=False)
    expectation_statement = RichTextField(
        _("expectation statement"),
        default=EXPECTATIONS,
        help_text=_("Both members confirm this before they are matched."),
    )
    expectations_version = models.PositiveIntegerField(default=1, editable=False)
    # Wagtail cannot translate settings (one row per site): the Danish texts
    # live beside the English ones.
    community_guidelines_da = RichTextField(
        _("community guidelines in Danish"),
        blank=True,
        default=GUIDELINES_DA,
        help_text=_("Shown on the Danish pages. Empty: the English is shown."),
    )
    expectation_statement_da = RichTextField(
        _("expectation statement in Danish"),
        blank=True,
        default=EXPECTATIONS_DA,
        help_text=_("Shown on the Danish pages. Empty: the English is shown."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("community_guidelines"), FieldPanel("community_guidelines_da")],
            heading=_("Sign-up"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("expectation_statement"),
                FieldPanel("expectation_statement_da"),
            ],
            heading=_("Matching"),
        ),
    ]

    class Meta:
        verbose_name = _("programme texts")

    @property
    def guidelines(self) -> str:
        """The community guidelines in the reader's language."""
        return self._in_language("community_guidelines")

    @property
    def expectations(self) -> str:
        """The expectation statement in the reader's language."""
        return self._in_language("expectation_statement")

    def _in_language(self, name: str) -> str:
        danish = getattr(self, f"{name}_da")
        if danish and (translation.get_language() or "").startswith("da"):
            return danish
        return getattr(self, name)

    def save(self, *args, **kwargs):
        if self.pk:
            before = (
                type(self)
                .objects.filter(pk=self.pk)
                .values(*TEXTS["guidelines"], *TEXTS["expectations"])
                .first()
            )
            # A change in either language is a new version to agree to.
            for kind, fields in TEXTS.items():
                if before and any(before[f] != getattr(self, f) for f in fields):
                    version = f"{kind}_version"
                    setattr(self, version, getattr(self, version) + 1)
        super().save(*args, **kwargs)
