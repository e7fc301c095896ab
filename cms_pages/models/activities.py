from django.db import models
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms_pages.blocks import HowToStreamBlock
from cms_pages.images import with_card_images
from cms_pages.listing import page_query, paginate
from cms_pages.models.mixins import ImageWithAltText


class ActivityCategory(TagBase):
    """A category of activity ideas ("outdoors", "food"), typed by editors on
    an idea. One category serves an idea and its translations; its Danish name
    is shown on the Danish pages."""

    name_da = models.CharField(
        _("name in Danish"),
        max_length=100,
        blank=True,
        help_text=_(
            "Shown on the Danish pages. Leave empty to show the name as it is."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("activity category")
        verbose_name_plural = _("activity categories")

    @property
    def label(self) -> str:
        """The name in the reader's language."""
        if self.name_da and (translation.get_language() or "").startswith("da"):
            return self.name_da
        return self.name


class ActivityIdeaPageTag(ItemBase):
    tag = models.ForeignKey(
        ActivityCategory, related_name="tagged_ideas", on_delete=models.CASCADE
    )
    content_object = ParentalKey(
        "cms_pages.ActivityIdeaPage",
        related_name="tagged_items",
        on_delete=models.CASCADE,
    )


class ActivityIdeaIndexPage(Page):
    """The list of activity ideas for pairs, filterable by category and by
    whether an idea suits families with children."""

    introduction = models.TextField(
        _("introduction"),
        max_length=500,
        blank=True,
        help_text=_("Shown above the list of ideas."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.ActivityIdeaPage"]
    max_count_per_parent = 1

    per_page = 12

    class Meta:
        verbose_name = _("activity idea index")

    def ideas(self):
        return (
            ActivityIdeaPage.objects.live()
            .public()
            .child_of(self)
            .order_by("-is_featured", "title")
            .prefetch_related("tags")
        )

    def categories(self):
        """Categories of at least one published idea here, for the filter, in
        the order of the reader's language."""
        categories = ActivityCategory.objects.filter(
            tagged_ideas__content_object__in=self.ideas()
        ).distinct()
        return sorted(categories, key=lambda category: category.label.casefold())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        notices: list[str] = []
        ideas = self.ideas()
        categories = self.categories()

        selected = None
        slug = request.GET.get("tag", "").strip()
        if slug:
            selected = next((tag for tag in categories if tag.slug == slug), None)
            if selected is None:
                notices.append(
                    gettext(
                        "There is no category called “%(tag)s”, so all ideas are shown."
                    )
                    % {"tag": slug[:60]}
                )
            else:
                ideas = ideas.filter(tags=selected)

        children_only = request.GET.get("children") == "1"
        if children_only:
            ideas = ideas.filter(suits_children=True)

        page, page_notices = paginate(
            request, with_card_images(ideas), per_page=self.per_page
        )
        context.update(
            ideas=page,
            categories=categories,
            selected_category=selected,
            children_only=children_only,
            notices=notices + page_notices,
            page_query=page_query(request),
        )
        return context


class ActivityIdeaPage(ImageWithAltText, Page):
    """One thing a host and a newcomer can do together, with how to do it."""

    class CostLevel(models.TextChoices):
        FREE = "free", _("Free")
        LOW = "low", _("Low (under 100 kr per person)")
        MEDIUM = "medium", _("Medium (100–300 kr per person)")
        HIGH = "high", _("High (over 300 kr per person)")

    class Season(models.TextChoices):
        ALL_YEAR = "all_year", _("All year")
        SPRING = "spring", _("Spring")
        SUMMER = "summer", _("Summer")
        AUTUMN = "autumn", _("Autumn")
        WINTER = "winter", _("Winter")

    class Duration(models.TextChoices):
        SHORT = "short", _("1–2 hours")
        HALF_DAY = "half_day", _("Half a day")
        FULL_DAY = "full_day", _("A whole day")
        EVENING = "evening", _("An evening")

    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences shown on the idea's card."),
    )
    tags = ClusterTaggableManager(
        through=ActivityIdeaPageTag,
        blank=True,
        verbose_name=_("categories"),
        help_text=_("e.g. outdoors, family, food, culture, sport, information visit."),
    )
    cost_level = models.CharField(
        _("cost"), max_length=10, choices=CostLevel.choices, default=CostLevel.FREE
    )
    season = models.CharField(
        _("season"), max_length=10, choices=Season.choices, default=Season.ALL_YEAR
    )
    duration = models.CharField(
        _("duration"), max_length=10, choices=Duration.choices, default=Duration.SHORT
    )
    suits_children = models.BooleanField(
        _("suits families with children"),
        default=False,
        help_text=_("Tick if children of most ages will enjoy it too."),
    )
    is_featured = models.BooleanField(
        _("feature on the home page"),
        default=False,
        help_text=_("Featured ideas are shown first, on the home page and the list."),
    )
    body = StreamField(
        HowToStreamBlock(),
        blank=True,
        verbose_name=_("how to do it"),
        help_text=_("Steps, tips and links for the pair."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")
        ),
        MultiFieldPanel(
            [
                FieldPanel("tags"),
                FieldPanel("cost_level"),
                FieldPanel("season"),
                FieldPanel("duration"),
                FieldPanel("suits_children"),
                FieldPanel("is_featured"),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields(
            "tags", [index.SearchField("name"), index.SearchField("name_da")]
        ),
        index.FilterField("suits_children"),
    ]

    parent_page_types = ["cms_pages.ActivityIdeaIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("activity idea")
