"""Search counts that mean something, pinned on the demo content (``make demo``): a multi-word
query matches only the rows that hold every word (folded) in the names, the field, the
occupations, the institution's name and province — never the summary or an address.

The honest totals were worked out by reading the demo data (``institutions/demo/``,
``careers/demo/``): 11 programmes are about computers (7 "Quản trị mạng máy tính",
4 "Lập trình máy tính", both in the field "Máy tính và công nghệ thông tin"); one occupation
and four programmes are about cars ("Công nghệ ô tô"). Before, "lap trinh" gave 85 of 166
programmes, "may tinh" 101, "cong nghe thong tin" 85, "tinh" all 166 and occupations "o to" 15.
"""

import io
import re
from collections import Counter

import pytest

from django.core.management import call_command
from django.http import QueryDict
from django.test import Client

from wagtail.models import Revision

from institutions.models import InstitutionPage
from search.database import DatabaseEngine
from search.kinds import get_kind
from search.models import OccupationSearchRow, ProgrammeSearchRow
from search.text import analyse
from tests.conftest import rolled_back
from tests.search.helpers import run, titles
from website.adminunits import load_admin_units
from website.models import EventPage, EventParticipant

pytestmark = pytest.mark.slow  # the whole demo, loaded once for the module

COMPUTING = Counter({"Quản trị mạng máy tính": 7, "Lập trình máy tính": 4})


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo, loaded once for the module by the command and rolled back after it;
    gives what the command printed. The command's own test is here too, to share the load
    (the whole demo is about 20 s; it was loaded once more for that test alone)."""
    from django.test import override_settings

    media = tmp_path_factory.mktemp("media")
    out = io.StringIO()
    with (
        override_settings(MEDIA_ROOT=media, ALLOW_DEMO_CONTENT=True),
        rolled_back(django_db_blocker),
    ):
        load_admin_units()
        call_command("load_demo", stdout=out)
        yield out.getvalue()


@pytest.fixture
def engine(demo, db):
    return DatabaseEngine()


def every_hit(engine, kind, typed):
    """Every hit of a query (all pages), and the result of its first page."""
    first = run(engine, QueryDict.fromkeys(["q"], typed).urlencode(), kind=kind)
    found = list(first.hits)
    for page in range(2, first.num_pages + 1):
        params = QueryDict(mutable=True)
        params.update({"q": typed, "trang": str(page)})
        found += run(engine, params.urlencode(), kind=kind).hits
    return first, found


def test_the_demo_is_what_the_totals_were_worked_out_on(engine):
    assert ProgrammeSearchRow.objects.count() == 166
    assert OccupationSearchRow.objects.count() == 44


@pytest.mark.parametrize(
    ("kind", "typed", "expected"),
    [
        ("programmes", "lap trinh", COMPUTING),
        ("programmes", "lập trình", COMPUTING),
        # A synonym reading ("công nghệ thông tin", "tin học") finds the same eleven.
        ("programmes", "may tinh", COMPUTING),
        ("programmes", "cong nghe thong tin", COMPUTING),
        # "tỉnh" in the schools' addresses no longer counts: only "máy tính" has the word.
        ("programmes", "tinh", COMPUTING),
        ("programmes", "o to", Counter({"Công nghệ ô tô": 4})),
        ("occupations", "o to", Counter({"Công nghệ ô tô": 1})),
        (
            "occupations",
            "may tinh",
            Counter({"Lập trình viên": 1, "Kỹ thuật viên máy tính và mạng": 1}),
        ),
    ],
)
def test_totals_count_only_what_holds_every_word(engine, kind, typed, expected):
    first, hits = every_hit(engine, kind, typed)
    assert Counter(hit.title for hit in hits) == expected
    assert first.total == sum(expected.values())
    assert not first.approximate


def test_facet_counts_add_up_to_the_honest_total(engine):
    result = run(engine, "q=lap trinh", kind="programmes")
    level = next(facet for facet in result.facets if facet.facet.name == "level")
    assert sum(option.count for option in level.options) == 11
    ticked = run(engine, "q=lap trinh&trinh-do=cao-dang", kind="programmes")
    cao_dang = next(option for option in level.options if option.value == "cao-dang")
    assert ticked.total == cao_dang.count > 0


QUERIES = [
    ("programmes", "lap trinh"),
    ("programmes", "may tinh"),
    ("programmes", "cong nghe thong tin"),
    ("programmes", "tinh"),
    ("programmes", "o to"),
    ("programmes", "dien cong nghiep"),
    ("programmes", "ke toan"),
    ("programmes", "can tho"),
    ("programmes", "cao dang ha noi"),
    ("programmes", "han"),
    ("programmes", "che bien"),
    ("programmes", "điện"),
    ("occupations", "o to"),
    ("occupations", "dien"),
    ("occupations", "ky thuat"),
    ("occupations", "cham soc"),
    ("occupations", "nau an"),
    ("occupations", "giao vien"),
]


def test_precision_every_hit_holds_every_word(engine):
    """Over a set of queries, the share of hits whose searchable text holds every word of the
    query (or of one of its synonym readings) is 100 %, and the set finds something."""
    checked = 0
    for kind_name, typed in QUERIES:
        kind = get_kind(kind_name)
        _first, hits = every_hit(engine, kind_name, typed)
        texts = dict(
            kind.row_model.objects.filter(page_id__in=[hit.id for hit in hits]).values_list(
                "page_id", "text_folded"
            )
        )
        readings = [set(variant.words) for variant in analyse(typed).variants]
        for hit in hits:
            words = set(re.findall(r"[a-z0-9]+", texts[hit.id]))
            assert any(reading <= words for reading in readings), (typed, hit.title)
            checked += 1
    assert checked >= 60


def test_near_matches_only_when_nothing_holds_every_word(engine, client):
    typo = run(engine, "q=lap trinh may tnih", kind="programmes")
    assert typo.approximate
    assert set(titles(typo)) == {"Lập trình máy tính"}
    page = client.get("/tim-kiem/", {"loai": "chuong-trinh", "q": "lap trinh may tnih"})
    assert "Kết quả gần đúng" in page.content.decode()
    api = client.get("/api/search/programmes/", {"q": "lap trinh may tnih"}).json()
    assert api["approximate"] is True
    assert client.get("/api/search/programmes/", {"q": "lap trinh"}).json()["approximate"] is False
    assert "Kết quả gần đúng" not in client.get("/tim-kiem/", {"q": "o to"}).content.decode()


def test_the_demo_has_a_survey_class_a_visitor_can_answer(demo, db, client):
    """Besides last school year's closed sample round, the whole demo opens one class of the
    current school year, so someone trying the site can answer as a student does."""
    from django.utils import timezone

    from careers.survey.models import SurveyClass

    open_class = SurveyClass.objects.get(name="9A5 (lớp thử)")
    today = timezone.localdate()
    assert open_class.round.is_sample and open_class.answers_count == 0
    assert open_class.round.opens_on <= today <= open_class.round.closes_on
    assert open_class.round.year == (today.year + 1 if today.month >= 8 else today.year)
    response = client.get(open_class.get_absolute_url())
    assert response.status_code == 200
    assert 'method="post"' in response.text and "dữ liệu mẫu" in response.text.lower()
    closed = SurveyClass.objects.exclude(pk=open_class.pk).first()
    assert client.get(closed.get_absolute_url()).status_code == 410


def test_command_prints_what_it_made_and_how_to_log_in(demo, db, settings):
    """The load_demo command's output and what it made, the first time and the second."""
    output = demo
    assert "Đã nạp nội dung mẫu" in output
    assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/" in output
    assert "quantri, mật khẩu quantri@demo" in output
    assert "bientap, mật khẩu bientap@demo" in output

    # The events' participants that are schools of the directory are linked to their pages.
    linked = EventParticipant.objects.filter(institution__isnull=False, page__live=True)
    assert linked.count() >= 10 and not linked.exclude(name="").exists()
    free = EventParticipant.objects.filter(institution__isnull=True)
    titles = set(linked.values_list("institution__title", flat=True))
    assert not titles & set(free.values_list("name", flat=True))
    event = EventPage.objects.get(pk=linked.first().page_id)
    assert f'href="{linked.first().institution.url}"' in Client().get(event.url).text
    # Each event is organised by a school of the directory, and one that hosts it is where the
    # event is.
    schools = {page.title: page for page in InstitutionPage.objects.live()}
    for event in EventPage.objects.live():
        organisers = [title for title in schools if title in event.organiser]
        assert organisers, event.organiser
        for title in organisers:
            if title in event.venue_name:
                assert schools[title].commune_id == event.commune_id, event.slug
                assert schools[title].address == event.venue_address, event.slug
    revisions = Revision.objects.count()

    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "không tạo thêm gì" in out.getvalue()
    assert Revision.objects.count() == revisions
