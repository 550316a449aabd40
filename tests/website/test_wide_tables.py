"""One component for every wide table: a focusable, labelled region that scrolls sideways,
with a visible hint (``{% wide_table %}``, ``components/wide_table.html``)."""

import pytest

from django.template import Context, Template, TemplateSyntaxError

from tests import factories
from tests.institutions import factories as schools

pytestmark = pytest.mark.django_db


def comparison_page(home_page, rows):
    """/sau-lop-9/ with an editor's table (a TableBlock) comparing the paths after grade 9."""
    table = {
        "data": rows,
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "So sánh các con đường sau lớp 9",
    }
    page = factories.standard(home_page, title="Sau lớp 9", slug="sau-lop-9")
    page.body = [("table", table)]
    page.save_revision().publish()
    return page


def test_the_component_wraps_a_table_in_a_labelled_focusable_region():
    html = Template(
        "{% load website_tags %}{% wide_table label %}<table><tr><td>1</td></tr></table>"
        '{% endwide_table %}{% wide_table "Hai" "cards" %}<table></table>{% endwide_table %}'
    ).render(Context({"label": "Bảng <một>"}))
    assert (
        '<div class="table-scroll" role="region" tabindex="0" aria-label="Bảng &lt;một&gt;" '
        'aria-describedby="bang-rong-1"><table><tr><td>1</td></tr></table></div>'
    ) in html
    assert '<p class="table-scroll__hint" id="bang-rong-1" data-table-hint>' in html
    assert "vuốt sang ngang" in html
    assert 'class="table-scroll__hint table-scroll__hint--cards" id="bang-rong-2"' in html
    with pytest.raises(TemplateSyntaxError):
        Template('{% load website_tags %}{% wide_table "a" "b" %}{% endwide_table %}')


def test_the_wide_tables_of_the_site_use_it(client, home_page):
    school = schools.institution(schools.index(home_page), outcomes=2)
    html = client.get(school.url).content.decode()
    assert 'role="region" tabindex="0" aria-label="Tỉ lệ có việc làm sau tốt nghiệp, theo' in html
    comparison_page(home_page, [["Con đường", "Học ở đâu"], ["THPT", "Trường THPT"]])
    html = client.get("/sau-lop-9/").content.decode()
    assert 'role="region" tabindex="0" aria-label="So sánh các con đường sau lớp 9"' in html
