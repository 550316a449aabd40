"""The demo of the library, the guides and the summary (site/demo/15-thu-vien.toml, loaded by
the shared loader): labelled as sample, sourced facts marked real only where the data has a
source, linked from the pathway pages, idempotent."""

import pytest

from wagtail.documents import get_document_model
from wagtail.models import Page

from website.demo import SITE_DEMO, load_demo
from website.models import GuidePage, LibraryDocumentPage, PlainSummaryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(site_demo, db):
    return site_demo


def test_the_demo_runs_twice_without_duplicates(demo):
    counts = (Page.objects.count(), get_document_model().objects.count())
    assert load_demo(SITE_DEMO).created == {}
    assert (Page.objects.count(), get_document_model().objects.count()) == counts
    after_9 = str(Page.objects.get(slug="sau-lop-9").specific.body.raw_data)
    assert after_9.count("Xem thêm:") == 1  # linked once


def test_every_library_document_is_a_labelled_sample(client, demo):
    documents = LibraryDocumentPage.objects.live()
    assert documents.count() == 4
    assert all(page.is_sample for page in documents)
    html = client.get("/thu-vien/").text
    assert html.count('<span class="badge badge--sample">Dữ liệu mẫu</span>') == 4
    restricted = documents.get(restricted=True)
    assert client.get(restricted.document.url).status_code == 302
    public = documents.filter(restricted=False).first()
    response = client.get(public.document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_only_sourced_facts_are_shown_as_real(client, demo):
    for guide in GuidePage.objects.live():
        for block in guide.body:
            if block.block_type == "fact":
                fact = block.value
                assert fact["source"] and fact["date"]
                if not fact["is_sample"]:
                    assert fact["source"].startswith(("Kế hoạch 568/KH-UBND", "Cục Thống kê"))
                else:
                    assert not any(char.isdigit() for char in fact["value"])
    html = client.get("/khoi-nghiep/").text
    assert "7,93 %" in html and "31/03/2025" in html
    assert "dữ liệu mẫu" in html  # the sample facts and the page say so


def test_the_guides_are_linked_from_the_pathways_and_the_menu(client, demo):
    after_9 = client.get("/sau-lop-9/").text
    for url in ("/di-lam-viec-o-nuoc-ngoai/", "/khoi-nghiep/", "/tom-tat-sau-lop-9/"):
        assert f'href="{url}"' in after_9
    after_12 = client.get("/sau-lop-12/").text
    assert 'href="/di-lam-viec-o-nuoc-ngoai/"' in after_12
    menu = after_12.split('aria-label="Mục chính"')[1].split("</nav>")[0]
    for url in ("/thu-vien/", "/di-lam-viec-o-nuoc-ngoai/", "/khoi-nghiep/"):
        assert f'href="{url}"' in menu
    footer = after_12.split('class="site-footer"')[1]
    assert 'href="/thu-vien/"' in footer
    assert 'href="/tom-tat-sau-lop-9/"' in footer


def test_the_summary_has_sample_copies_awaiting_translation(client, demo):
    summary = PlainSummaryPage.objects.get(locale__language_code="vi")
    copies = {page.locale.language_code: page for page in summary.get_translations().live()}
    assert set(copies) == {"sed", "bdq"}
    assert all(page.awaiting_translation for page in copies.values())
    html = client.get("/bdq/tom-tat-sau-lop-9/").text
    assert "Bản mẫu, chưa được dịch" in html
    assert 'hreflang="sed"' in html and 'hreflang="vi"' in html
