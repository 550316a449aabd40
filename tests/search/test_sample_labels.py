"""Sample data is labelled where a search hit shows it (fees, dates of a sample school)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def hit_cards(html):
    """{title: card html} for every search hit on the page."""
    cards = re.findall(r'<li class="card search-hit">(.*?)</li>', html, flags=re.S)
    return {re.search(r'<a href="[^"]*">(.*?)</a>', card).group(1): card for card in cards}


def test_a_sample_schools_programme_hit_says_its_fees_and_dates_are_sample(client, schools):
    school = schools["b"]
    school.is_sample = True
    school.save_revision().publish()
    html = client.get("/tim-kiem/", {"loai": "chuong-trinh"}).content.decode()
    cards = hit_cards(html)
    sample = cards["Công nghệ ô tô"]  # school b's: 900.000 đồng/tháng, dates
    assert "900.000 đồng/tháng" in sample
    assert "Dữ liệu mẫu" in sample and "học phí và ngày tuyển sinh là minh họa" in sample
    assert "Dữ liệu mẫu" not in cards["Điện công nghiệp"]  # school a is not sample data
