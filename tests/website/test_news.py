import datetime

import pytest

from tests import factories
from website.context import NEWS_PER_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(home_page):
    return factories.news_index(home_page)


def test_news_list_newest_first_with_date_and_lead(client, news_index):
    factories.news(news_index, title="Tin cũ", date=datetime.date(2026, 3, 2))
    factories.news(news_index, title="Tin mới", date=datetime.date(2026, 9, 15), lead="Lịch thi.")
    html = client.get("/tin-tuc/").text
    assert html.index("Tin mới") < html.index("Tin cũ")
    assert "15/09/2026" in html
    assert "Lịch thi." in html


def test_news_list_is_paginated(client, news_index):
    for number in range(NEWS_PER_PAGE + 2):
        factories.news(news_index, title=f"Tin số {number:02d}", date=datetime.date(2026, 1, 1))
    first = client.get("/tin-tuc/").text
    second = client.get("/tin-tuc/?trang=2").text
    assert first.count('class="card"') == NEWS_PER_PAGE
    assert second.count('class="card"') == 2
    assert "Trang 2/2" in second
    assert 'href="?trang=2"' in first


def test_a_bad_page_number_shows_a_page_not_an_error(client, news_index):
    factories.news(news_index, title="Tin duy nhất")
    for value in ("abc", "999", "-1", "1e9"):
        response = client.get("/tin-tuc/", {"trang": value})
        assert response.status_code == 200
        assert "Tin duy nhất" in response.text


def test_category_filter(client, news_index):
    admissions = factories.category("Tuyển sinh", "tuyen-sinh")
    policy = factories.category("Chính sách", "chinh-sach")
    factories.news(news_index, title="Lịch tuyển sinh trung cấp", categories=[admissions])
    factories.news(news_index, title="Miễn học phí học nghề", categories=[policy])
    html = client.get("/tin-tuc/?chuyen-muc=chinh-sach").text
    assert "Miễn học phí học nghề" in html
    assert "Lịch tuyển sinh trung cấp" not in html
    assert 'href="?chuyen-muc=tuyen-sinh"' in html


def test_unknown_category_says_so_and_lists_everything(client, news_index):
    factories.news(news_index, title="Tin chung")
    response = client.get("/tin-tuc/?chuyen-muc=<script>")
    assert response.status_code == 200
    assert "Không có chuyên mục “&lt;script&gt;”" in response.text
    assert "<script>" not in response.text.split("</head>")[1]
    assert "Tin chung" in response.text


def test_drafts_are_not_listed_nor_served(client, news_index):
    factories.news(news_index, title="Bản nháp chưa duyệt", live=False)
    assert "Bản nháp chưa duyệt" not in client.get("/tin-tuc/").text
    assert client.get("/tin-tuc/ban-nhap-chua-duyet/").status_code == 404


def test_news_page_shows_everything_a_reader_needs(client, news_index):
    admissions = factories.category()
    page = factories.news(
        news_index,
        title="Trường nghề mở thêm ngành",
        date=datetime.date(2026, 10, 5),
        lead="Năm nay có thêm ngành logistics.",
        categories=[admissions],
    )
    page.tags.add("logistics")
    page.save_revision().publish()
    html = client.get(page.url).text
    assert "<h1>Trường nghề mở thêm ngành</h1>" in html
    assert "05/10/2026" in html
    assert "Năm nay có thêm ngành logistics." in html
    assert "Nội dung tin." in html
    assert 'href="/tin-tuc/?chuyen-muc=tuyen-sinh"' in html
    assert "logistics" in html
    assert '<meta property="og:type" content="article">' in html
