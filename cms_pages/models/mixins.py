"""What several page models (and snippets) share."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def image_field(verbose_name, help_text="") -> models.ForeignKey:
    """An optional image of a page or a snippet (a contact's photo, a partner's
    logo). Deleting the image leaves the page or snippet without one."""
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


def alt_text_field(verbose_name) -> models.CharField:
    """The alt text of an ``image_field``: required with an image (checked by
    ``ImageWithAltText.clean``)."""
    return models.CharField(
        verbose_name,
        max_length=250,
        blank=True,
        help_text=_("Alt text: what the image shows. Required with an image."),
    )


class ImageWithAltText(models.Model):
    """A page with an image and its alt text: editors are not developers, and
    every image a page shows needs a description for people who cannot see it.

    A page whose image has other field names (the home page's hero image) sets
    ``image`` and ``image_alt`` to ``None``, declares its own with
    ``image_field`` and ``alt_text_field``, and names them in ``alt_texts``."""

    image = image_field(_("image"))
    image_alt = alt_text_field(_("image description"))

    # Each image field and the alt text field ``clean`` requires with it.
    alt_texts: dict[str, str] = {"image": "image_alt"}

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        for image, alt_text in self.alt_texts.items():
            if getattr(self, f"{image}_id") and not getattr(self, alt_text).strip():
                raise ValidationError(
                    {alt_text: _("Describe the image for people who cannot see it.")}
                )
