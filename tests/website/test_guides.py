"""Guides (working abroad, starting a business): facts with source and date, the
occupations they name and the programmes found by relation."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.careers import factories as careers_factories
from tests.institutions import factories as school_factories
from website.models import GuidePage

pytestmark = pytest.mark.django_db

REAL_FACT = {
    "statement": "Tỉ lệ thất nghiệp của thanh niên 15–24 tuổi, quý I/2025",
    "value": "7,93 %",
    "source": "Cục Thống kê (Bộ Tài chính)",
    "source_url": "",
    "date": datetime.date(2025, 3, 31),
    "is_sample": False,
}
SAMPLE_FACT = {
    **REAL_FACT,
    "statement": "Chi phí được phép thu khi đi làm việc ở nước ngoài",
    "value": "theo hợp đồng",
    "source": "Nguồn minh họa",
    "is_sample": True,
}


def guide(parent, title="Đi làm việc ở nước ngoài theo hợp đồng", facts=(), **fields):
    occupations = fields.pop("occupations", ())
    programmes = fields.pop("programmes", ())
    page = GuidePage(
        title=title,
        intro=fields.pop("intro", "Những điều cần biết trước khi đăng ký."),
        body=[("fact", fact) for fact in facts] or [("paragraph", "<p>Nội dung.</p>")],
        **fields,
    )
    page.occupations = list(occupations)
    page.programmes = list(programmes)
    return factories.publish(parent, page)


def test_a_fact_shows_its_value_source_and_date(client, home_page):
    page = guide(home_page, facts=[REAL_FACT])
    html = client.get(page.url).text
    assert (
        "Tỉ lệ thất nghiệp của thanh niên 15–24 tuổi, quý I/2025: <strong>7,93 %</strong>" in html
    )
    assert "Nguồn: Cục Thống kê (Bộ Tài chính), ngày" in html
    assert '<time datetime="2025-03-31">31/03/2025</time>' in html
    assert "dữ liệu mẫu" not in html


def test_a_sample_fact_says_so(client, home_page):
    html = client.get(guide(home_page, facts=[SAMPLE_FACT]).url).text
    assert 'Nguồn minh họa, ngày <time datetime="2025-03-31">31/03/2025</time> ' in html
    assert '<span class="badge badge--sample">dữ liệu mẫu</span>' in html


def test_a_fact_needs_a_source_and_a_date():
    from django.core.exceptions import ValidationError

    from website.blocks import FactBlock

    block = FactBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({**REAL_FACT, "source": "", "date": None}))


@pytest.fixture
def trades(home_page):
    occupations = careers_factories.occupation_index(home_page)
    school = school_factories.institution(school_factories.index(home_page))
    welder = careers_factories.occupation(occupations, title="Hàn", slug="han")
    cook = careers_factories.occupation(occupations, title="Kỹ thuật chế biến món ăn", slug="bep")
    return {
        "welder": welder,
        "cook": cook,
        "welding": school_factories.programme(school, "Hàn điện", occupations=[welder]),
        "cooking": school_factories.programme(school, "Nấu ăn", occupations=[cook]),
        "korean": school_factories.programme(school, "Tiếng Hàn sơ cấp", level="so-cap"),
    }


def test_programmes_are_found_by_the_occupations_named(client, home_page, trades):
    page = guide(home_page, occupations=[trades["welder"]], programmes=[trades["korean"]])
    html = client.get(page.url).text
    assert f'href="{trades["welder"].url}"' in html
    assert "Hàn điện" in html  # trains for the occupation named: found by relation
    assert "Tiếng Hàn sơ cấp" in html  # chosen by the editor
    assert "Trường Cao đẳng Mẫu A" in html
    assert "Nấu ăn" not in html
    assert "Kỹ thuật chế biến món ăn" not in html


def test_unpublished_programmes_and_occupations_are_left_out(client, home_page, trades):
    page = guide(home_page, occupations=[trades["welder"]])
    trades["welding"].unpublish()
    trades["welder"].unpublish()
    html = client.get(page.url).text
    assert "Hàn điện" not in html
    assert "Nghề liên quan" not in html


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_links(client, home_page, trades):
    page = guide(home_page, occupations=[trades["welder"]], facts=[REAL_FACT])
    guide(page, title="Dấu hiệu lừa đảo")
    client.get(page.url)
    before = _count_queries(client, page.url)
    school = school_factories.institution(
        school_factories.index(home_page), title="Trường Trung cấp Mẫu B"
    )
    for number in range(6):
        school_factories.programme(school, f"Hàn {number}", occupations=[trades["welder"]])
        guide(page, title=f"Mục con {number}")
    page.occupations.add(trades["cook"])
    page.save_revision().publish()
    assert _count_queries(client, page.url) == before


def test_child_guides_are_listed(client, home_page):
    page = guide(home_page)
    guide(page, title="Dấu hiệu lừa đảo", intro="Cách nhận biết nơi môi giới không phép.")
    html = client.get(page.url).text
    assert "Trong mục này" in html
    assert "Cách nhận biết nơi môi giới không phép." in html
