from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms_pages.blocks import InformationStreamBlock
from cms_pages.images import with_card_images
from cms_pages.models.mixins import ImageWithAltText, alt_text_field, image_field


class HomePage(ImageWithAltText, Page):
    """The front page: what the programme is, the two ways in (host or newcomer),
    the next events and some activity ideas. Edited by the programme's editors;
    events and ideas come from their own pages automatically."""

    hero_title = models.CharField(
        _("hero title"),
        max_length=120,
        help_text=_("The big welcome line, e.g. 'Make friends in Denmark'."),
    )
    hero_text = models.TextField(
        _("hero text"),
        max_length=400,
        help_text=_("One or two sentences under the title."),
    )
    # The page's image is the hero image, under the names it had first.
    image = None
    image_alt = None
    hero_image = image_field(_("hero image"))
    hero_image_alt = alt_text_field(_("hero image description"))
    alt_texts = {"hero_image": "hero_image_alt"}
    introduction = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("A short paragraph on what the programme offers."),
    )
    host_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("'Become a host' page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the 'Become a host' button leads."),
    )
    host_cta_text = models.CharField(
        _("'Become a host' text"),
        max_length=200,
        default="Share your Denmark with a family who just arrived.",
        help_text=_("One sentence next to the button."),
    )
    newcomer_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("'New in Denmark?' page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the 'New in Denmark?' button leads."),
    )
    newcomer_cta_text = models.CharField(
        _("'New in Denmark?' text"),
        max_length=200,
        default="Meet a local host, practise Danish and find your feet.",
        help_text=_("One sentence next to the button."),
    )
    body = StreamField(
        InformationStreamBlock(),
        blank=True,
        verbose_name=_("more content"),
        help_text=_("Optional sections shown below events and activity ideas."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("host_cta_page"),
                FieldPanel("host_cta_text"),
                FieldPanel("newcomer_cta_page"),
                FieldPanel("newcomer_cta_text"),
            ],
            heading=_("Calls to action"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("introduction"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def upcoming_events(self, limit: int = 3):
        from cms_pages.models.events import EventPage

        events = (
            EventPage.objects.live()
            .public()
            .descendant_of(self)
            .filter(end__gte=timezone.now())
            .order_by("start")
        )
        return with_card_images(events)[:limit]

    def featured_ideas(self, limit: int = 4):
        from cms_pages.models.activities import ActivityIdeaPage

        ideas = (
            ActivityIdeaPage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("-is_featured", "-first_published_at")
            .prefetch_related("tags")
        )
        return with_card_images(ideas)[:limit]

    def first_live_child(self, model):
        return model.objects.live().public().child_of(self).first()

    def get_context(self, request, *args, **kwargs):
        from cms_pages.models.activities import ActivityIdeaIndexPage
        from cms_pages.models.events import EventIndexPage

        context = super().get_context(request, *args, **kwargs)
        context["upcoming_events"] = self.upcoming_events()
        context["featured_ideas"] = self.featured_ideas()
        context["event_index"] = self.first_live_child(EventIndexPage)
        context["idea_index"] = self.first_live_child(ActivityIdeaIndexPage)
        return context
