from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms_pages.blocks import InformationStreamBlock
from cms_pages.images import with_card_images
from cms_pages.listing import page_query, paginate
from cms_pages.models.mixins import ImageWithAltText


class EventIndexPage(Page):
    """The programme's events: upcoming first, then the past ones, page by page."""

    introduction = models.TextField(
        _("introduction"),
        max_length=500,
        blank=True,
        help_text=_("Shown above the list of events."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.EventPage"]
    max_count_per_parent = 1

    past_per_page = 10

    class Meta:
        verbose_name = _("event index")

    def events(self):
        return with_card_images(EventPage.objects.live().public().child_of(self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        upcoming = self.events().filter(end__gte=now).order_by("start")
        past = self.events().filter(end__lt=now).order_by("-start")
        past_page, notices = paginate(request, past, per_page=self.past_per_page)
        context.update(
            upcoming_events=upcoming,
            past_events=past_page,
            notices=notices,
            page_query=page_query(request),
        )
        return context


class EventPage(ImageWithAltText, Page):
    """One event: a welcome meeting, an outing, an information visit."""

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        DANISH = "da", _("Danish")
        BOTH = "en-da", _("English and Danish")

    class Area(models.TextChoices):
        """Where an event is held, as Denmark's regions (the same values as
        ``community.models.Region``; tests/cms_pages hold them equal). Empty:
        open to members from all areas, or online."""

        EVERYWHERE = "", _("All areas (or online)")
        HOVEDSTADEN = "hovedstaden", _("Capital Region of Denmark")
        SJAELLAND = "sjaelland", _("Region Zealand")
        SYDDANMARK = "syddanmark", _("Region of Southern Denmark")
        MIDTJYLLAND = "midtjylland", _("Central Denmark Region")
        NORDJYLLAND = "nordjylland", _("North Denmark Region")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        HOSTS = "hosts", _("Hosts")
        NEWCOMERS = "newcomers", _("Newcomers")
        FAMILIES = "families", _("Families with children")

    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    place_name = models.CharField(
        _("place"), max_length=160, help_text=_("e.g. 'Dokk1, the main library'.")
    )
    address = models.CharField(
        _("address"),
        max_length=250,
        help_text=_(
            "Street, postcode and town, e.g. 'Hack Kampmanns Plads 2, 8000 Aarhus C'."
        ),
    )
    area = models.CharField(
        _("area"),
        max_length=20,
        choices=Area.choices,
        blank=True,
        default=Area.EVERYWHERE,
        help_text=_(
            "The region the event is held in. Matched pairs are shown events "
            "in a region where one of them lives, and events for all areas."
        ),
    )
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )
    audience = models.CharField(
        _("for"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("How many people can come. Leave empty if there is no limit."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences shown in event listings."),
    )
    contact_person = models.ForeignKey(
        "cms_pages.ContactPerson",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = StreamField(
        InformationStreamBlock(), blank=True, verbose_name=_("description")
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("When")),
        MultiFieldPanel(
            [FieldPanel("place_name"), FieldPanel("address"), FieldPanel("area")],
            heading=_("Where"),
        ),
        FieldRowPanel(
            [FieldPanel("language"), FieldPanel("audience"), FieldPanel("capacity")],
            heading=_("Who and how many"),
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")
        ),
        FieldPanel("contact_person"),
        FieldPanel("description"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("place_name"),
        index.SearchField("description"),
        index.FilterField("start"),
    ]
    # A translation keeps the English address unless the translator changes it.
    override_translatable_fields = [SynchronizedField("address")]

    parent_page_types = ["cms_pages.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="event_ends_after_it_starts"
            )
        ]

    def clean(self):
        super().clean()  # Page's checks, then the image's alt text
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The event must end after it starts.")})

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    def ics_url(self) -> str:
        return reverse("event_ics", kwargs={"page_id": self.pk})
