"""Where each page type may live in the tree, and that editors can create every
type through the admin and visitors then see it."""

from wagtail.coreutils import get_dummy_request
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms_pages.models import (
    ActivityIdeaIndexPage,
    ActivityIdeaPage,
    EventIndexPage,
    EventPage,
    HomePage,
    InformationPage,
    PartnersPage,
)
from tests import factories

ALL_PAGE_TYPES = [
    HomePage,
    InformationPage,
    ActivityIdeaIndexPage,
    ActivityIdeaPage,
    EventIndexPage,
    EventPage,
    PartnersPage,
]


class TestWhereEachPageTypeMayLive(WagtailPageTestCase):
    def test_home_page_is_allowed_only_at_the_top_of_the_tree(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertAllowedParentPageTypes(HomePage, [Page])
        for parent in ALL_PAGE_TYPES:
            self.assertCanNotCreateAt(parent, HomePage)

    def test_information_page_is_allowed_under_home_and_information_pages(self):
        self.assertCanCreateAt(HomePage, InformationPage)
        self.assertCanCreateAt(InformationPage, InformationPage)
        self.assertAllowedParentPageTypes(InformationPage, [HomePage, InformationPage])

    def test_information_page_is_refused_under_the_listings(self):
        self.assertCanNotCreateAt(ActivityIdeaIndexPage, InformationPage)
        self.assertCanNotCreateAt(EventIndexPage, InformationPage)
        self.assertCanNotCreateAt(PartnersPage, InformationPage)
        self.assertCanNotCreateAt(Page, InformationPage)

    def test_section_pages_are_allowed_only_under_the_home_page(self):
        for section in (ActivityIdeaIndexPage, EventIndexPage, PartnersPage):
            with self.subTest(section=section.__name__):
                self.assertCanCreateAt(HomePage, section)
                self.assertAllowedParentPageTypes(section, [HomePage])
                self.assertCanNotCreateAt(InformationPage, section)
                self.assertCanNotCreateAt(Page, section)

    def test_activity_idea_is_allowed_only_under_the_idea_index(self):
        self.assertCanCreateAt(ActivityIdeaIndexPage, ActivityIdeaPage)
        self.assertAllowedParentPageTypes(ActivityIdeaPage, [ActivityIdeaIndexPage])

    def test_activity_idea_is_refused_under_the_event_index(self):
        self.assertCanNotCreateAt(EventIndexPage, ActivityIdeaPage)

    def test_activity_idea_is_refused_under_home_and_information_pages(self):
        self.assertCanNotCreateAt(HomePage, ActivityIdeaPage)
        self.assertCanNotCreateAt(InformationPage, ActivityIdeaPage)

    def test_event_page_is_allowed_only_under_the_event_index(self):
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertAllowedParentPageTypes(EventPage, [EventIndexPage])

    def test_event_page_is_refused_under_home_page(self):
        self.assertCanNotCreateAt(HomePage, EventPage)

    def test_event_page_is_refused_under_the_idea_index(self):
        self.assertCanNotCreateAt(ActivityIdeaIndexPage, EventPage)

    def test_home_page_offers_editors_the_four_section_types(self):
        # The admin offers creatable_subpage_models(); the plain wagtailcore.Page is
        # "allowed" below HomePage (no subpage_types) but never creatable.
        self.assertEqual(
            set(HomePage.creatable_subpage_models()),
            {InformationPage, ActivityIdeaIndexPage, EventIndexPage, PartnersPage},
        )

    def test_listings_accept_only_their_own_items(self):
        self.assertAllowedSubpageTypes(ActivityIdeaIndexPage, [ActivityIdeaPage])
        self.assertAllowedSubpageTypes(EventIndexPage, [EventPage])
        self.assertAllowedSubpageTypes(InformationPage, [InformationPage])

    def test_ideas_events_and_partners_page_take_no_children(self):
        self.assertAllowedSubpageTypes(ActivityIdeaPage, [])
        self.assertAllowedSubpageTypes(EventPage, [])
        self.assertAllowedSubpageTypes(PartnersPage, [])


class TestEveryPageTypeCanBeCreatedInTheAdmin(WagtailPageTestCase):
    """Posts the admin's add form as an editor would, then visits the page."""

    def setUp(self):
        # Wagtail caches site root paths on the request; the class-wide dummy
        # request would remember the previous test's site.
        self.dummy_request = get_dummy_request()
        self.client.force_login(self.create_superuser("admin"))

    def _visit(self, page, *, text):
        self.client.logout()
        self.assertPageIsRenderable(page)
        response = self.client.get(page.url)
        self.assertContains(response, text)

    def _home(self):
        return factories.make_home_page()

    def test_home_page_can_be_created_under_the_root_and_shown(self):
        root = Page.objects.get(depth=1)
        self.assertCanCreate(
            root,
            HomePage,
            nested_form_data(
                {
                    "title": "Welcome to Aarhus",
                    "slug": "aarhus",
                    "hero_title": "Make friends in Aarhus",
                    "hero_text": "Hosts and newcomers meet once or twice a month.",
                    "hero_image_alt": "",
                    "introduction": rich_text("<p>Free for everyone.</p>"),
                    "host_cta_text": "Share your Denmark.",
                    "newcomer_cta_text": "Meet a local host.",
                    "body": streamfield([]),
                }
            ),
        )
        home = HomePage.objects.get(slug="aarhus")
        site = Site.objects.get(is_default_site=True)
        site.root_page = home
        site.save()
        self._visit(home, text="Make friends in Aarhus")

    def test_information_page_with_a_body_can_be_created_and_shown(self):
        home = self._home()
        self.assertCanCreate(
            home,
            InformationPage,
            nested_form_data(
                {
                    "title": "Being a host",
                    "introduction": "What it means to be a host.",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Your first meeting", "level": "h2"}),
                            (
                                "paragraph",
                                rich_text("<p>Meet somewhere public and warm.</p>"),
                            ),
                        ]
                    ),
                }
            ),
        )
        page = InformationPage.objects.get(slug="being-a-host")
        self.assertTrue(page.live)
        self._visit(page, text="Meet somewhere public and warm.")

    def test_activity_idea_index_and_an_idea_can_be_created_and_shown(self):
        home = self._home()
        self.assertCanCreate(
            home,
            ActivityIdeaIndexPage,
            nested_form_data({"title": "Ideas", "introduction": "Things to do."}),
        )
        index = ActivityIdeaIndexPage.objects.get(slug="ideas")
        self.assertCanCreate(
            index,
            ActivityIdeaPage,
            nested_form_data(
                {
                    "title": "Picnic at the lake",
                    "summary": "Each family brings one dish.",
                    "image_alt": "",
                    "tags": "outdoors, food",
                    "cost_level": "free",
                    "season": "summer",
                    "duration": "half_day",
                    "suits_children": "on",
                    "body": streamfield(
                        [
                            (
                                "steps",
                                {
                                    "title": "How to do it",
                                    "steps": streamfield(
                                        [
                                            ("item", "Pick a sunny Sunday."),
                                            ("item", "Bring a blanket."),
                                        ]
                                    ),
                                },
                            )
                        ]
                    ),
                }
            ),
        )
        idea = ActivityIdeaPage.objects.get(slug="picnic-at-the-lake")
        self.assertEqual(sorted(idea.tags.names()), ["food", "outdoors"])
        self.assertTrue(idea.suits_children)
        self._visit(idea, text="Pick a sunny Sunday.")
        self._visit(index, text="Picnic at the lake")

    def test_event_index_and_an_event_can_be_created_and_shown(self):
        home = self._home()
        self.assertCanCreate(
            home,
            EventIndexPage,
            nested_form_data({"title": "Events", "introduction": ""}),
        )
        index = EventIndexPage.objects.get(slug="events")
        self.assertCanCreate(
            index,
            EventPage,
            nested_form_data(
                {
                    "title": "Autumn welcome meeting",
                    "start": "2099-09-10 17:00",
                    "end": "2099-09-10 19:00",
                    "place_name": "Dokk1",
                    "address": "Hack Kampmanns Plads 2, 8000 Aarhus C",
                    "language": "en",
                    "audience": "everyone",
                    "capacity": "40",
                    "summary": "Coffee, cake and a first hello.",
                    "image_alt": "",
                    "description": streamfield(
                        [("paragraph", rich_text("<p>Bring your family.</p>"))]
                    ),
                }
            ),
        )
        event = EventPage.objects.get(slug="autumn-welcome-meeting")
        self.assertEqual(event.capacity, 40)
        self._visit(event, text="Bring your family.")
        self._visit(index, text="Autumn welcome meeting")

    def test_partners_page_can_be_created_and_lists_partners(self):
        home = self._home()
        factories.PartnerOrganisationFactory(name="Aarhus University")
        self.assertCanCreate(
            home,
            PartnersPage,
            nested_form_data(
                {"title": "Partners", "introduction": "Who makes this possible."}
            ),
        )
        page = PartnersPage.objects.get(slug="partners")
        self._visit(page, text="Aarhus University")

    def test_event_that_ends_before_it_starts_is_refused_with_a_message(self):
        index = factories.make_event_index(self._home())
        url = f"/admin/pages/add/cms_pages/eventpage/{index.pk}/"
        response = self.client.post(
            url,
            nested_form_data(
                {
                    "title": "Backwards",
                    "slug": "backwards",
                    "start": "2099-09-10 19:00",
                    "end": "2099-09-10 17:00",
                    "place_name": "Dokk1",
                    "address": "Aarhus",
                    "language": "en",
                    "audience": "everyone",
                    "summary": "Never happens.",
                    "image_alt": "",
                    "description": streamfield([]),
                    "action-publish": "action-publish",
                }
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "The event must end after it starts.")
        self.assertFalse(EventPage.objects.filter(slug="backwards").exists())

    def test_idea_with_an_image_but_no_description_is_refused(self):
        index = factories.make_idea_index(self._home())
        image = factories.make_image()
        url = f"/admin/pages/add/cms_pages/activityideapage/{index.pk}/"
        response = self.client.post(
            url,
            nested_form_data(
                {
                    "title": "No alt",
                    "slug": "no-alt",
                    "summary": "An image without words.",
                    "image": str(image.pk),
                    "image_alt": "  ",
                    "tags": "",
                    "cost_level": "free",
                    "season": "all_year",
                    "duration": "short",
                    "body": streamfield([]),
                    "action-publish": "action-publish",
                }
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, "Describe the image for people who cannot see it."
        )
        self.assertFalse(ActivityIdeaPage.objects.filter(slug="no-alt").exists())
