from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField


@register_setting(icon="doc-full")
class ProgrammeTexts(BaseSiteSetting):
    """The texts members agree to: the community guidelines at sign-up and the
    programme's expectation statement before a match. Changing a text makes a
    new version; members confirm the version they saw."""

    community_guidelines = RichTextField(
        _("community guidelines"),
        default="<p>Be kind and respectful. Meet in public the first time. Never "
        "ask for money. Tell the coordinator if something feels wrong.</p>",
        help_text=_("Members accept these when they sign up."),
    )
    guidelines_version = models.PositiveIntegerField(default=1, editable=False)
    expectation_statement = RichTextField(
        _("expectation statement"),
        default="<p>A host and a newcomer meet about once or twice a month for at "
        "least six months. Both answer messages within a few days and say so "
        "openly if it does not work.</p>",
        help_text=_("Both members confirm this before they are matched."),
    )
    expectations_version = models.PositiveIntegerField(default=1, editable=False)

    panels = [
        MultiFieldPanel([FieldPanel("community_guidelines")], heading=_("Sign-up")),
        MultiFieldPanel([FieldPanel("expectation_statement")], heading=_("Matching")),
    ]

    class Meta:
        verbose_name = _("programme texts")

    def save(self, *args, **kwargs):
        if self.pk:
            before = (
                type(self)
                .objects.filter(pk=self.pk)
                .values("community_guidelines", "expectation_statement")
                .first()
            )
            if before and before["community_guidelines"] != self.community_guidelines:
                self.guidelines_version += 1
            if before and before["expectation_statement"] != self.expectation_statement:
                self.expectations_version += 1
        super().save(*args, **kwargs)
