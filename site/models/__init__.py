from website.models.areas import Commune, CommuneSuccession, District, Province, Structure
from website.models.events import (
    Audience,
    EventIndexPage,
    EventPage,
    EventParticipant,
    EventType,
)
from website.models.guides import GuidePage
from website.models.library import (
    DocumentKind,
    LibraryDocumentPage,
    LibraryIndexPage,
    LibraryTopic,
)
from website.models.news import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag
from website.models.pages import HomeEntryPoint, HomePage, PlainSummaryPage, StandardPage
from website.models.settings import SiteSettings

__all__ = [
    "Audience",
    "Commune",
    "CommuneSuccession",
    "District",
    "DocumentKind",
    "EventIndexPage",
    "EventPage",
    "EventParticipant",
    "EventType",
    "GuidePage",
    "HomeEntryPoint",
    "HomePage",
    "LibraryDocumentPage",
    "LibraryIndexPage",
    "LibraryTopic",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PlainSummaryPage",
    "Province",
    "SiteSettings",
    "StandardPage",
    "Structure",
]
