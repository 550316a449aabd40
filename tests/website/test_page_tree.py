from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from website.models import (
    EventIndexPage,
    EventPage,
    GuidePage,
    HomePage,
    LibraryDocumentPage,
    LibraryIndexPage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_only_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_sections_live_under_the_home_page(self):
        for section in (NewsIndexPage, EventIndexPage, StandardPage):
            self.assertCanCreateAt(HomePage, section)
        self.assertCanNotCreateAt(StandardPage, NewsIndexPage)
        self.assertCanNotCreateAt(NewsIndexPage, EventIndexPage)

    def test_news_only_in_the_news_list(self):
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_events_only_in_the_event_list(self):
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())

    def test_standard_pages_nest_for_guides(self):
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, NewsPage)

    def test_one_home_one_news_list_one_event_list(self):
        assert HomePage.max_count == 1
        assert NewsIndexPage.max_count == 1
        assert EventIndexPage.max_count == 1

    def test_library_documents_only_in_the_library(self):
        self.assertAllowedParentPageTypes(LibraryIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(LibraryIndexPage, {LibraryDocumentPage})
        self.assertAllowedParentPageTypes(LibraryDocumentPage, {LibraryIndexPage})
        self.assertAllowedSubpageTypes(LibraryDocumentPage, set())
        assert LibraryIndexPage.max_count == 1

    def test_guides_under_the_home_page_and_nested(self):
        self.assertAllowedParentPageTypes(GuidePage, {HomePage, GuidePage})
        self.assertAllowedSubpageTypes(GuidePage, {GuidePage})
