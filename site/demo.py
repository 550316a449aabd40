"""Demo content for the site-wide pages, loaded by ``manage.py load_demo``.

Every step finds what an earlier run made (pages by slug under their parent, images by
title, accounts by username) and leaves it as it is, so the loader can run any number of
times without duplicating anything or overwriting what an editor has changed since.

Events and news describe things that did not happen: they are marked ``is_sample`` and
name only obviously fictional institutions ("Trường Cao đẳng Kỹ thuật Mẫu số 1"). The
pathway and policy pages state general facts and point readers to the official documents.

The helpers in the first half (``ensure_user``, ``get_or_create_page``,
``get_or_create_image`` and the StreamField block builders) are meant for the demo
loaders of the other apps too.
"""

import copy
import datetime
import functools
import io
import zlib
from dataclasses import dataclass, field

from PIL import Image as PillowImage
from PIL import ImageChops, ImageDraw, ImageFont

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Revision, Site
from wagtail.utils.file import hash_filelike

from website.models import (
    Audience,
    Commune,
    EventIndexPage,
    EventPage,
    EventParticipant,
    EventType,
    HomeEntryPoint,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    Province,
    SiteSettings,
    StandardPage,
    Structure,
)
from website.roles import EDITORS

IMAGE_COLLECTION = "Ảnh mẫu"
BANNER_SIZE = (1200, 630)
BANNER_FONTS = ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "NotoSans-Bold.ttf"]


class MissingAdminUnits(Exception):
    """The provinces and communes the sample events take place in are not loaded yet."""


# Accounts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoAccount:
    """A demo login. The password is a demo-only string, printed for whoever runs the demo."""

    username: str
    password: str
    name: str
    role: str
    is_superuser: bool = False
    groups: tuple[str, ...] = ()


def ensure_user(account):
    """The user for ``account``: created with its password if missing, put in its groups."""
    user, created = get_user_model().objects.get_or_create(
        username=account.username,
        defaults={
            "first_name": account.name,
            "email": f"{account.username}@example.com",
            "is_staff": account.is_superuser,
            "is_superuser": account.is_superuser,
        },
    )
    if created:
        user.set_password(account.password)
        user.save(update_fields=["password"])
    user.groups.add(*(Group.objects.get(name=name) for name in account.groups))
    return user


# Pages ---------------------------------------------------------------------------------


def get_or_create_page(parent, model, slug, *, tags=(), **fields):
    """The child of ``parent`` with ``slug``; if missing, created from ``fields`` and published.

    An existing page is returned unchanged: a re-run adds no revision and keeps edits.
    """
    page = parent.get_children().filter(slug=slug).first()
    if page is not None:
        return page.specific
    page = model(slug=slug, **fields)
    if tags:
        page.tags.add(*tags)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def page_link(page, text):
    """A rich-text link to ``page`` (follows the page if it moves)."""
    return f'<a linktype="page" id="{page.pk}">{escape(text)}</a>'


def heading(text):
    return {"type": "heading", "value": {"text": text}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def quote(text, attribution=""):
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}


def call_to_action(text, page=None, url=""):
    return {
        "type": "call_to_action",
        "value": {"text": text, "page": page.pk if page else None, "url": url},
    }


def faq(*items):
    """A question-and-answer block from (question, answer HTML) pairs."""
    return {
        "type": "faq",
        "value": {"items": [{"question": q, "answer": answer} for q, answer in items]},
    }


def image_with_caption(image, caption=""):
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "decorative": False, "alt_text": image.description},
            "caption": caption,
        },
    }


def table(rows, caption=""):
    """A table whose first row is the header."""
    return {
        "type": "table",
        "value": {
            "data": rows,
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": caption,
        },
    }


# Images --------------------------------------------------------------------------------


def get_or_create_collection(name):
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=name).first() or root.add_child(name=name)


def get_or_create_image(title, label, colours):
    """The image titled ``title``; if missing, a generated banner reading ``label``.

    Stored in the "Ảnh mẫu" collection with Vietnamese alt text (Wagtail's ``description``).
    """
    image_model = get_image_model()
    image = image_model.objects.filter(title=title).first()
    if image is not None:
        return image
    data = render_banner(label, colours)
    filename = slugify(title.replace("đ", "d").replace("Đ", "D")) + ".jpg"
    image = image_model(
        title=title,
        description=f"Ảnh minh họa: {label}",
        collection=get_or_create_collection(IMAGE_COLLECTION),
        file=ImageFile(io.BytesIO(data), name=filename),
        file_size=len(data),
        file_hash=hash_filelike(io.BytesIO(data)),
    )
    image.save()
    return image


def render_banner(label, colours):
    """A 1200×630 JPEG: a diagonal gradient between two colours, soft circles, the label."""
    width, height = BANNER_SIZE
    start, end = colours
    gradient = PillowImage.linear_gradient("L")
    mask = ImageChops.add(
        gradient.resize(BANNER_SIZE), gradient.rotate(90).resize(BANNER_SIZE), scale=2
    )
    banner = PillowImage.composite(
        PillowImage.new("RGB", BANNER_SIZE, start), PillowImage.new("RGB", BANNER_SIZE, end), mask
    ).convert("RGBA")

    # Circles placed from the label's checksum: the same label always gives the same picture.
    seed = zlib.crc32(label.encode())
    circles = PillowImage.new("RGBA", BANNER_SIZE)
    draw = ImageDraw.Draw(circles)
    for i in range(3):
        x = (seed >> (i * 8)) % width
        y = (seed >> (i * 8 + 4)) % height
        radius = 160 + 70 * i
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, 28))
    banner = PillowImage.alpha_composite(banner, circles).convert("RGB")

    title_font, note_font = _font(64), _font(28)
    if title_font is not None:
        draw = ImageDraw.Draw(banner)
        lines = _wrap(label, title_font, width - 160, draw)
        y = height - 90 - 78 * len(lines)
        draw.text((80, y - 56), "ẢNH MINH HỌA", font=note_font, fill="#f1f1f1")
        for line in lines:
            draw.text((80, y), line, font=title_font, fill="white")
            y += 78

    output = io.BytesIO()
    banner.save(output, "JPEG", quality=70, optimize=True, progressive=True)
    return output.getvalue()


@functools.cache
def _font(size):
    """A bold font with Vietnamese letters, or None (the banner then goes without text)."""
    for name in BANNER_FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return None


def _wrap(text, font, max_width, draw):
    lines = [""]
    for word in text.split():
        candidate = f"{lines[-1]} {word}".strip()
        if lines[-1] and draw.textlength(candidate, font=font) > max_width:
            lines.append(word)
        else:
            lines[-1] = candidate
    return lines


# Summary -------------------------------------------------------------------------------


@dataclass
class DemoSummary:
    """What one run created (label → number) and the accounts to log in with."""

    created: dict[str, int]
    accounts: list[DemoAccount]


def count_content():
    return {
        _("trang"): Page.objects.count(),
        _("phiên bản trang"): Revision.objects.count(),
        _("ảnh"): get_image_model().objects.count(),
        _("tài khoản"): get_user_model().objects.count(),
    }


@transaction.atomic
def load_demo():
    """Load the demo content of the site-wide pages and the demo accounts; say what was new.

    Raises ``MissingAdminUnits`` before writing anything if ``load_admin_units`` has not run.
    """
    provinces, communes = find_places()
    before = count_content()
    for account in DEMO_ACCOUNTS:
        ensure_user(account)

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    fill_site_settings(site)
    pages = load_standard_pages(home)
    news_index = get_or_create_page(home, NewsIndexPage, "tin-tuc", **NEWS_INDEX)
    event_index = get_or_create_page(home, EventIndexPage, "su-kien", **EVENT_INDEX)
    events = load_events(event_index, provinces, communes)
    load_news(news_index, pages, events)
    pages.update(tin_tuc=news_index, su_kien=event_index)
    pages["gioi_thieu"] = get_or_create_page(home, StandardPage, "gioi-thieu", **about(pages))
    fill_home_page(home, pages)

    after = count_content()
    created = {label: after[label] - before[label] for label in after}
    return DemoSummary(
        created={label: n for label, n in created.items() if n}, accounts=list(DEMO_ACCOUNTS)
    )


# The site's content --------------------------------------------------------------------

# Demo-only passwords for a local demo; printed by ``load_demo``, kept nowhere else.
DEMO_ACCOUNTS = [
    DemoAccount("quantri", "quantri@demo", "Quản trị", gettext_lazy("quản trị, toàn quyền"), True),
    DemoAccount(
        "bientap", "bientap@demo", "Biên tập", gettext_lazy("biên tập viên"), groups=(EDITORS,)
    ),
]

BLUE = ("#1d4e89", "#2a9d8f")
GREEN = ("#146356", "#6a994e")
ORANGE = ("#9c3d1b", "#d9822b")
PURPLE = ("#4b3f72", "#8c5e9e")
NAVY = ("#0b3c5d", "#328cc1")
BROWN = ("#6b4226", "#b8860b")

SITE_SETTINGS = {
    "site_name": "Hướng nghiệp",
    "tagline": "Chọn nghề, chọn trường, chọn đường học tiếp sau lớp 9 và lớp 12",
    "organisation": "Cổng thông tin mẫu – chưa thuộc cơ quan, đơn vị nào",
    "address": "Địa chỉ mẫu – cổng đang chạy thử, chưa có trụ sở",
    "email": "lienhe@example.com",
}


def fill_site_settings(site):
    """Fill the fields of the site's settings that are still empty."""
    settings = SiteSettings.for_site(site)
    empty = [name for name in SITE_SETTINGS if not getattr(settings, name)]
    for name in empty:
        setattr(settings, name, SITE_SETTINGS[name])
    if empty:
        settings.save(update_fields=empty)


def fill_home_page(home, pages):
    """Give the home page its demo intro and body, unless it has been edited since migrate."""
    if home.latest_revision_id is not None:
        return
    home.intro = (
        "Cùng học sinh lớp 9, lớp 12 và cha mẹ tìm hiểu nghề nghiệp, trường học "
        "và con đường học tiếp."
    )
    home.share_image = get_or_create_image("Ảnh mẫu – Hướng nghiệp", "Hướng nghiệp", BLUE)
    home.body = [
        heading("Bắt đầu từ đâu?"),
        paragraph(
            "<p>Chọn hướng đi sau lớp 9 hay lớp 12 là việc của cả gia đình. Cổng thông tin "
            "này gom lại những điều cần biết: có những con đường học tiếp nào, học ở đâu, "
            "mất bao lâu, được hỗ trợ gì, và học xong làm được nghề gì.</p>"
        ),
        call_to_action("Các con đường sau lớp 9", page=pages["sau_lop_9"]),
        call_to_action("Các con đường sau lớp 12", page=pages["sau_lop_12"]),
        call_to_action("Ngày hội tư vấn sắp diễn ra", page=pages["su_kien"]),
        paragraph(
            "<p>Tin tức và sự kiện trên cổng hiện là <b>dữ liệu mẫu</b>, soạn ra để giới thiệu "
            f"cách cổng hoạt động; xem {page_link(pages['gioi_thieu'], 'Giới thiệu')}.</p>"
        ),
    ]
    home.save_revision().publish()


# The home page's large links, in order: the slug of a child of the home page, the link's
# title and its description. A section that does not exist (yet) is left out.
ENTRY_POINTS = [
    ("nghe-nghiep", "Khám phá nghề nghiệp", "Nghề gì, làm gì, lương bao nhiêu, học ở đâu."),
    ("truong", "Tìm trường và ngành học", "Trường nghề gần nhà: ngành, học phí, hỗ trợ."),
    ("su-kien", "Ngày hội tư vấn", "Ngày hội tuyển sinh, hướng nghiệp sắp diễn ra."),
    ("sau-lop-9", "Sau lớp 9", "THPT, GDTX, trung cấp, con đường 9+."),
    ("sau-lop-12", "Sau lớp 12", "Đại học, cao đẳng, trung cấp, liên thông."),
    (
        "phu-huynh",
        "Dành cho phụ huynh",
        "Học phí, hỗ trợ, ký túc xá, đường xa, việc làm, học lên đại học.",
    ),
]


# The order of the home page's sections, so of the main menu (sections not listed go last).
SECTION_ORDER = [
    "nghe-nghiep",
    "truong",
    "sau-lop-9",
    "sau-lop-12",
    "di-lam-viec-o-nuoc-ngoai",
    "khoi-nghiep",
    "phu-huynh",
    "chinh-sach-ho-tro",
    "su-kien",
    "tin-tuc",
    "thi-truong-lao-dong",
    "thong-ke",
    "tim-kiem",
    "thu-vien",
    "tom-tat-sau-lop-9",
    "gioi-thieu",
]


def order_sections(home):
    """Put the home page's children in ``SECTION_ORDER`` (moves only what is out of place)."""
    rank = {slug: position for position, slug in enumerate(SECTION_ORDER)}
    children = list(home.get_children())
    wanted = sorted(children, key=lambda page: rank.get(page.slug, len(rank)))
    for previous, page in zip(wanted, wanted[1:], strict=False):
        page.refresh_from_db()
        previous.refresh_from_db()
        if page.path < previous.path:
            page.move(previous, pos="right")


def link_sections(home):
    """Add the home page's large links to the sections that exist and are not linked yet."""
    linked = set(home.entry_points.values_list("target__slug", flat=True))
    children = {page.slug: page for page in home.get_children().live()}
    missing = [entry for entry in ENTRY_POINTS if entry[0] in children and entry[0] not in linked]
    if not missing:
        return
    home = home.get_latest_revision_as_object()
    for slug, title, description in missing:
        home.entry_points.add(
            HomeEntryPoint(target=children[slug], title=title, description=description)
        )
    rank = {slug: position for position, (slug, _title, _description) in enumerate(ENTRY_POINTS)}
    for entry in home.entry_points.all():
        entry.sort_order = rank.get(entry.target.slug, len(rank))
    home.save_revision().publish()


def link_event_participants(home):
    """Link the demo events' participants named like a school of the directory to its page
    (run after the institutions demo; an event already linked is left as it is)."""
    from institutions.models import InstitutionPage

    schools = {page.title: page for page in InstitutionPage.objects.live()}
    for event in EventPage.objects.descendant_of(home):
        event = event.get_latest_revision_as_object()
        participants = list(event.participants.all())
        linked = [p for p in participants if not p.institution_id and p.name in schools]
        for participant in linked:
            participant.institution, participant.name = schools[participant.name], ""
        if linked:
            event.participants = participants
            event.save_revision().publish()


def load_standard_pages(home):
    """The pathway and policy pages, in the order of the main menu."""
    # Both pathway pages link to the policy page, so it is made first and then moved after them.
    policy_is_new = not home.get_children().filter(slug="chinh-sach-ho-tro").exists()
    policy = get_or_create_page(home, StandardPage, "chinh-sach-ho-tro", **policy_page())
    after_grade_9 = get_or_create_page(
        home, StandardPage, "sau-lop-9", **after_grade_9_page(policy)
    )
    after_grade_12 = get_or_create_page(
        home, StandardPage, "sau-lop-12", **after_grade_12_page(policy)
    )
    parents = get_or_create_page(home, StandardPage, "phu-huynh", **parents_page(policy))
    if policy_is_new:
        policy.move(parents, pos="right")
    return {
        "chinh_sach": policy,
        "sau_lop_9": after_grade_9,
        "sau_lop_12": after_grade_12,
        "phu_huynh": parents,
    }


def parents_page(policy):
    """The parents' door: the questions parents ask, each answered by a fact and a link to
    where the portal shows it school by school."""
    return {
        "title": "Dành cho phụ huynh",
        "show_in_menus": True,
        "intro": (
            "Những điều cha mẹ hay hỏi khi con chọn trường nghề: học phí và miễn giảm, hỗ trợ, "
            "ký túc xá và an toàn, đường đi, việc làm sau khi học, và con có học lên đại học "
            "được không."
        ),
        "body": [
            heading("Học phí bao nhiêu, ai được miễn?"),
            paragraph(
                "<p>Trang của từng ngành ghi học phí (theo tháng, học kỳ hay khóa) và ai được "
                "miễn, giảm. Theo Luật Giáo dục nghề nghiệp năm 2014 (Điều 62), học sinh tốt "
                "nghiệp THCS học tiếp trung cấp được miễn học phí. "
                f"{page_link(policy, 'Các chính sách hỗ trợ khác')}; "
                '<a href="/tim-kiem/?loai=chuong-trinh&amp;mien-giam=co">ngành có miễn, giảm '
                "học phí</a>.</p>"
            ),
            heading("Ở xa thì ở đâu? Có an toàn không?"),
            paragraph(
                "<p>Trang trường ghi có ký túc xá hay không, số chỗ, giá và ai được ưu tiên. "
                '<a href="/tim-kiem/?loai=chuong-trinh&amp;ky-tuc-xa=co">Ngành ở trường có ký '
                "túc xá</a>. Trang nghề có mục an toàn lao động và yêu cầu sức khỏe của nghề. "
                "Khi đến ngày hội tư vấn hay thăm trường, cha mẹ nên hỏi về nội quy ký túc xá, "
                "người quản lý và giờ giấc.</p>"
            ),
            heading("Trường có gần nhà không?"),
            paragraph(
                "<p>Tìm ngành theo tỉnh, thành phố và xã, phường nơi gia đình sống; trang trường "
                "có địa chỉ và đường dẫn bản đồ. "
                '<a href="/tim-kiem/?loai=chuong-trinh">Tìm ngành học theo nơi ở</a>.</p>'
            ),
            heading("Học xong có việc làm không?"),
            paragraph(
                "<p>Trang trường và trang ngành ghi tỉ lệ người tốt nghiệp có việc làm theo "
                "từng năm, kèm ngày khảo sát và ghi rõ số liệu do trường tự báo cáo hay đã được "
                "xác minh. Trang nghề ghi thu nhập (có nguồn và thời điểm) và nơi đang cần "
                'người. <a href="/nghe-nghiep/">Xem các nghề</a>.</p>'
            ),
            heading("Học nghề rồi có học lên đại học được không?"),
            paragraph(
                "<p>Được. Người có bằng trung cấp, cao đẳng được học liên thông lên trình độ "
                "cao hơn (Luật Giáo dục nghề nghiệp năm 2014; Quyết định 18/2017/QĐ-TTg về liên "
                "thông giữa trung cấp, cao đẳng với đại học); thời gian học liên thông ngắn hơn "
                "học từ đầu. Học sinh học trung cấp cùng các môn văn hóa THPT (con đường 9+) "
                "có thể đi tiếp lên cao đẳng, đại học theo quy định hiện hành. "
                "Hỏi phòng tuyển sinh của trường về con đường cụ thể của từng ngành.</p>"
            ),
            heading("Cùng con chọn"),
            paragraph(
                '<p><a href="/trac-nghiem-so-thich/">Trắc nghiệm sở thích</a> giúp con thấy '
                "những nghề hợp với mình; con lưu vài ngành vào "
                '<a href="/danh-sach-cua-toi/">danh sách</a>, so sánh và gửi đường dẫn cho '
                "cha mẹ qua Zalo, hoặc in một trang A4 để cả nhà cùng xem.</p>"
            ),
            heading("Hỏi – đáp"),
            faq(
                (
                    "Con học trung cấp thì có bằng THPT không?",
                    "<p>Bằng trung cấp không thay bằng tốt nghiệp THPT. Nếu con học cùng các "
                    "môn văn hóa THPT (con đường 9+) thì có thể dự thi tốt nghiệp THPT theo quy "
                    "định hiện hành; hỏi trường hoặc trung tâm GDNN-GDTX xem họ có tổ chức "
                    "không.</p>",
                ),
                (
                    "Hỏi ai để biết thêm?",
                    "<p>Giáo viên tư vấn ở trường THCS, THPT của con, phòng tuyển sinh của "
                    'trường nghề (số điện thoại, Zalo ghi trên trang trường), và các <a href="'
                    '/su-kien/">ngày hội tư vấn tuyển sinh</a>, nơi cha mẹ được gặp trực tiếp '
                    "các trường.</p>",
                ),
            ),
        ],
    }


def after_grade_9_page(policy):
    return {
        "title": "Sau lớp 9",
        "show_in_menus": True,
        "intro": (
            "Tốt nghiệp THCS, em có thể học tiếp THPT, học chương trình giáo dục thường xuyên, "
            "học nghề trình độ trung cấp hoặc sơ cấp – và con đường nào cũng có lối để học "
            "lên cao hơn."
        ),
        "body": [
            paragraph(
                "<p>Không có con đường nào đúng cho tất cả mọi người. Hãy chọn hướng hợp với "
                "sở thích, năng lực, sức khỏe và điều kiện của gia đình, và nhớ rằng chọn học "
                "nghề không có nghĩa là thôi học lên.</p>"
            ),
            heading("Học trung học phổ thông"),
            paragraph(
                "<p>Học sinh dự tuyển vào lớp 10 trường THPT công lập theo phương thức địa "
                "phương quy định (thi tuyển, xét tuyển hoặc kết hợp), hoặc đăng ký vào trường "
                "THPT tư thục. Chương trình kéo dài 3 năm; hết lớp 12, học sinh dự kỳ thi tốt "
                "nghiệp THPT. Đây là hướng hợp với em nếu em muốn học đại học và chưa chọn "
                "nghề cụ thể.</p>"
            ),
            heading("Học chương trình giáo dục thường xuyên cấp THPT"),
            paragraph(
                "<p>Các trung tâm giáo dục nghề nghiệp – giáo dục thường xuyên (GDNN-GDTX) "
                "dạy chương trình giáo dục thường xuyên cấp THPT. Học viên học hết chương trình "
                "được dự thi tốt nghiệp THPT như học sinh các trường THPT. Một số trung tâm "
                "còn tổ chức học nghề ngắn hạn song song.</p>"
            ),
            heading("Học nghề trình độ trung cấp"),
            paragraph(
                "<p>Người tốt nghiệp THCS có thể học trung cấp tại trường trung cấp, trường cao "
                "đẳng có tuyển trình độ trung cấp, hoặc ở lớp liên kết của các trường đặt tại "
                "trung tâm GDNN-GDTX. Chương trình trung cấp thường kéo dài từ 1 đến 2 năm học "
                "tùy nghề. Học sinh vào trung cấp sau lớp 9 thường học kèm khối lượng kiến thức "
                "văn hóa THPT theo quy định của Bộ Giáo dục và Đào tạo – phần này cần cho việc "
                "học lên cao đẳng, đại học sau này – nên tổng thời gian học dài hơn. Tốt nghiệp, "
                "người học nhận bằng tốt nghiệp trung cấp và có thể đi làm ngay.</p>"
            ),
            heading("Vừa học trung cấp vừa học văn hóa (mô hình 9+)"),
            paragraph(
                "<p>Ở nhiều địa phương, trung tâm GDNN-GDTX phối hợp với trường trung cấp, "
                "cao đẳng để học sinh vừa học nghề trình độ trung cấp, vừa học chương trình văn "
                "hóa THPT – thường gọi là mô hình 9+. Học xong, học sinh nhận bằng tốt nghiệp "
                "trung cấp; nếu học đủ chương trình giáo dục thường xuyên cấp THPT và đáp ứng "
                "điều kiện, học sinh được dự thi tốt nghiệp THPT. Mỗi nơi tổ chức một khác, nên "
                "hãy hỏi rõ nhà trường trước khi đăng ký.</p>"
            ),
            heading("Học nghề trình độ sơ cấp"),
            paragraph(
                "<p>Khóa sơ cấp kéo dài từ 3 tháng đến dưới 1 năm và dạy một nghề cụ thể để "
                "làm được việc ngay, như điện dân dụng, may công nghiệp, nấu ăn hay trồng trọt. "
                "Người học được cấp chứng chỉ sơ cấp. Đây là lựa chọn cho người cần đi làm "
                "sớm; sau này vẫn có thể học lên trình độ cao hơn.</p>"
            ),
            heading("Liên thông: học tiếp lên cao hơn"),
            paragraph(
                "<p>Người tốt nghiệp trung cấp có thể học liên thông lên cao đẳng, rồi lên đại "
                "học, khi đáp ứng yêu cầu về kiến thức văn hóa THPT và điều kiện tuyển sinh của "
                "trường. Phần đã học được xem xét công nhận, nên học liên thông thường ngắn hơn "
                "học từ đầu.</p>"
            ),
            table(
                [
                    ["Con đường", "Học ở đâu", "Thời gian thường gặp", "Văn bằng, chứng chỉ"],
                    ["THPT", "Trường THPT công lập, tư thục", "3 năm", "Bằng tốt nghiệp THPT"],
                    [
                        "Giáo dục thường xuyên cấp THPT",
                        "Trung tâm GDNN-GDTX",
                        "3 năm",
                        "Bằng tốt nghiệp THPT",
                    ],
                    [
                        "Trung cấp",
                        "Trường trung cấp, cao đẳng (có nơi học tại trung tâm GDNN-GDTX)",
                        "1–2 năm học, lâu hơn nếu học kèm văn hóa",
                        "Bằng tốt nghiệp trung cấp",
                    ],
                    [
                        "Trung cấp kết hợp văn hóa THPT (9+)",
                        "Trung tâm GDNN-GDTX phối hợp với trường trung cấp, cao đẳng",
                        "Tùy chương trình – hỏi nhà trường",
                        "Bằng tốt nghiệp trung cấp; bằng tốt nghiệp THPT nếu đủ điều kiện",
                    ],
                    [
                        "Sơ cấp",
                        "Trường, trung tâm, doanh nghiệp được phép đào tạo",
                        "Từ 3 tháng đến dưới 1 năm",
                        "Chứng chỉ sơ cấp",
                    ],
                ],
                caption="So sánh nhanh các con đường sau lớp 9",
            ),
            paragraph(
                "<p>Bằng tốt nghiệp THPT được cấp khi học sinh được công nhận tốt nghiệp theo "
                "quy chế của Bộ Giáo dục và Đào tạo.</p>"
            ),
            heading("Hỏi – đáp"),
            faq(
                (
                    "Không đỗ lớp 10 công lập thì em có những lựa chọn nào?",
                    "<p>Em vẫn có thể học trường THPT tư thục, học chương trình giáo dục thường "
                    "xuyên cấp THPT tại trung tâm GDNN-GDTX, hoặc học trung cấp, sơ cấp. Nhiều "
                    "trường trung cấp, cao đẳng tuyển sinh nhiều đợt trong năm; hãy xem thông "
                    "báo tuyển sinh của từng trường.</p>",
                ),
                (
                    "Học trung cấp sau lớp 9 có phải đóng học phí không?",
                    "<p>Học sinh tốt nghiệp THCS học tiếp lên trình độ trung cấp được miễn học "
                    "phí theo quy định. Các khoản khác như ký túc xá, đồng phục, ăn ở thường "
                    f"tính riêng. Xem thêm {page_link(policy, 'Chính sách hỗ trợ người học nghề')}"
                    ".</p>",
                ),
                (
                    "Học nghề rồi có học lên đại học được không?",
                    "<p>Được. Người tốt nghiệp trung cấp, cao đẳng có thể học liên thông lên "
                    "trình độ cao hơn khi đáp ứng điều kiện về kiến thức văn hóa THPT và điều "
                    "kiện tuyển sinh của trường.</p>",
                ),
                (
                    "Chọn trường nghề thế nào?",
                    "<p>Xem trường có dạy nghề em thích không, thời gian thực hành bao nhiêu, học "
                    "sinh khóa trước ra trường có việc làm không (và số liệu đó khảo sát khi "
                    "nào), trường có ký túc xá không, đi lại có xa không. Tốt nhất là đến thăm "
                    "trường hoặc gặp trường ở ngày hội tư vấn.</p>",
                ),
            ),
            call_to_action("Chính sách hỗ trợ người học nghề", page=policy),
        ],
    }


def after_grade_12_page(policy):
    return {
        "title": "Sau lớp 12",
        "show_in_menus": True,
        "intro": (
            "Học xong THPT, em có thể học đại học, cao đẳng hoặc trung cấp, học liên thông "
            "từng bước, hoặc đi làm kết hợp học một khóa ngắn."
        ),
        "body": [
            heading("Học đại học"),
            paragraph(
                "<p>Các trường đại học tuyển sinh theo quy chế của Bộ Giáo dục và Đào tạo, với "
                "nhiều phương thức: xét điểm thi tốt nghiệp THPT, xét học bạ, xét kết quả các "
                "kỳ thi đánh giá năng lực, đánh giá tư duy, hoặc kết hợp. Thí sinh đăng ký "
                "nguyện vọng trên hệ thống chung của Bộ theo lịch hằng năm. Chương trình đại "
                "học thường kéo dài 4 năm; một số ngành như y khoa, kiến trúc học lâu hơn.</p>"
            ),
            heading("Học cao đẳng"),
            paragraph(
                "<p>Trường cao đẳng đào tạo người làm được việc, chú trọng thực hành. Người có "
                "bằng tốt nghiệp THPT học cao đẳng thường mất từ 2 đến 3 năm. Người học xong "
                "được cấp bằng tốt nghiệp cao đẳng và có thể học liên thông lên đại học.</p>"
            ),
            heading("Học trung cấp"),
            paragraph(
                "<p>Nếu muốn có nghề nhanh, người có bằng tốt nghiệp THPT có thể học trung cấp, "
                "thường từ 1 đến 2 năm tùy nghề, rồi đi làm hoặc học liên thông lên cao "
                "đẳng.</p>"
            ),
            heading("Liên thông từng bước"),
            paragraph(
                "<p>Có thể đi từng bước: trung cấp, rồi cao đẳng, rồi đại học – nếu muốn, vừa "
                "làm vừa học. Mỗi bậc tốt nghiệp là một văn bằng để đi làm; khi học lên, phần đã "
                "học được xem xét công nhận nên thời gian học thường ngắn hơn.</p>"
            ),
            heading("Đi làm và học một khóa ngắn"),
            paragraph(
                "<p>Nếu gia đình cần em đi làm sớm, một khóa sơ cấp (từ 3 tháng đến dưới 1 năm) "
                "hoặc một khóa ngắn hạn ở trung tâm, doanh nghiệp giúp em có một kỹ năng cụ thể. "
                "Nhiều doanh nghiệp tự đào tạo người mới vào làm. Sau này em vẫn có thể học "
                "tiếp theo hình thức vừa làm vừa học.</p>"
            ),
            heading("Hỏi – đáp"),
            faq(
                (
                    "Học cao đẳng hay đại học thì tốt hơn?",
                    "<p>Không có câu trả lời chung. Hãy xem nghề em muốn làm cần trình độ nào, "
                    "thời gian và chi phí học, cơ hội việc làm ở nơi em muốn sống. Nhiều nghề kỹ "
                    "thuật và dịch vụ tuyển người có bằng cao đẳng; khi cần, em có thể học liên "
                    "thông lên đại học.</p>",
                ),
                (
                    "Đã đi làm rồi có học tiếp được không?",
                    "<p>Được. Nhiều trường có hình thức vừa làm vừa học và chương trình liên "
                    "thông cho người đã có bằng trung cấp, cao đẳng.</p>",
                ),
                (
                    "Gia đình khó khăn có vay được tiền để đi học không?",
                    "<p>Học sinh, sinh viên có hoàn cảnh khó khăn có thể vay vốn tín dụng học "
                    "sinh, sinh viên qua Ngân hàng Chính sách xã hội theo quy định. Xem "
                    f"{page_link(policy, 'Chính sách hỗ trợ người học nghề')}.</p>",
                ),
            ),
            call_to_action("Chính sách hỗ trợ người học nghề", page=policy),
        ],
    }


def policy_page():
    return {
        "title": "Chính sách hỗ trợ người học nghề",
        "show_in_menus": True,
        "intro": (
            "Những loại hỗ trợ mà người học sơ cấp, trung cấp, cao đẳng có thể được hưởng, và nơi "
            "kiểm tra quy định đang áp dụng."
        ),
        "body": [
            paragraph(
                "<p>Trang này giới thiệu chung các loại chính sách để gia đình biết mà hỏi. Đối "
                "tượng, mức hỗ trợ và hồ sơ cụ thể theo văn bản pháp luật hiện hành và hướng dẫn "
                "của nhà trường; văn bản có thể được sửa đổi, thay thế. Trước khi quyết định, hãy "
                "đọc văn bản gốc và hỏi phòng tuyển sinh của trường.</p>"
            ),
            heading("Miễn học phí khi học trung cấp sau lớp 9"),
            paragraph(
                "<p>Luật Giáo dục nghề nghiệp năm 2014 (Điều 62) quy định học sinh tốt nghiệp "
                "trung học cơ sở học tiếp lên trình độ trung cấp được miễn học phí. Các đối tượng "
                "được miễn, giảm học phí được hướng dẫn trong nghị định của Chính phủ về học phí "
                "(như Nghị định 81/2021/NĐ-CP và các văn bản sửa đổi, thay thế).</p>"
            ),
            heading("Các loại hỗ trợ khác thường gặp"),
            paragraph(
                "<ul>"
                "<li>Miễn, giảm học phí cho một số nhóm người học theo quy định, ví dụ người "
                "khuyết tật, người thuộc hộ nghèo, hộ cận nghèo, người dân tộc thiểu số ở vùng "
                "có điều kiện kinh tế – xã hội khó khăn.</li>"
                "<li>Chính sách nội trú (học bổng, hỗ trợ sinh hoạt, đi lại) cho một số nhóm "
                "học sinh, sinh viên học trung cấp, cao đẳng, như người dân tộc thiểu số, người "
                "khuyết tật, người thuộc hộ nghèo, hộ cận nghèo.</li>"
                "<li>Vay vốn tín dụng học sinh, sinh viên qua Ngân hàng Chính sách xã hội cho "
                "người học có hoàn cảnh khó khăn.</li>"
                "<li>Hỗ trợ học nghề trình độ sơ cấp và đào tạo dưới 3 tháng cho một số nhóm "
                "lao động, như người khuyết tật, lao động nông thôn, theo các chương trình của "
                "Nhà nước và địa phương.</li>"
                "<li>Học bổng của nhà trường, địa phương và doanh nghiệp: nhiều trường có học "
                "bổng khuyến khích học tập; một số doanh nghiệp hỗ trợ chi phí học và nhận người "
                "học vào làm sau khi tốt nghiệp.</li>"
                "</ul>"
            ),
            heading("Làm thế nào để được hưởng?"),
            paragraph(
                "<ol>"
                "<li>Hỏi phòng tuyển sinh hoặc phòng công tác học sinh, sinh viên của trường em "
                "thuộc diện được hưởng những chính sách nào.</li>"
                "<li>Chuẩn bị giấy tờ theo hướng dẫn, ví dụ bằng hoặc giấy chứng nhận tốt nghiệp "
                "THCS, giấy xác nhận hộ nghèo, hộ cận nghèo.</li>"
                "<li>Nộp đơn đúng hạn: mỗi chính sách có mẫu đơn và thời hạn riêng.</li>"
                "</ol>"
            ),
            heading("Xem văn bản gốc ở đâu?"),
            paragraph(
                "<p>Văn bản của Quốc hội và Chính phủ được đăng trên "
                '<a href="https://chinhphu.vn">Cổng Thông tin điện tử Chính phủ</a>. '
                "Sở Giáo dục và Đào tạo nơi em sống và nhà trường có thể giải thích quy định "
                "đang áp dụng cho trường hợp của em.</p>"
            ),
            heading("Hỏi – đáp"),
            faq(
                (
                    "Miễn học phí có gồm cả tiền ăn ở, đồng phục không?",
                    "<p>Không nhất thiết. Miễn học phí là không phải nộp học phí; các khoản như "
                    "ký túc xá, ăn ở, đồng phục, bảo hiểm y tế, tài liệu thường tính riêng, trừ "
                    "khi em thuộc diện được hỗ trợ thêm. Hãy xin nhà trường danh sách các khoản "
                    "phải nộp.</p>",
                ),
                (
                    "Ai xét em có được miễn, giảm học phí hay không?",
                    "<p>Nhà trường xét hồ sơ theo quy định hiện hành. Nếu chưa rõ, hỏi phòng tuyển "
                    "sinh của trường hoặc Sở Giáo dục và Đào tạo.</p>",
                ),
                (
                    "Thông tin trên trang này có thay đổi không?",
                    "<p>Có thể. Chính sách được điều chỉnh theo thời gian; luôn đối chiếu với văn "
                    "bản đang có hiệu lực.</p>",
                ),
            ),
        ],
    }


def about(pages):
    return {
        "title": "Giới thiệu",
        "show_in_menus": False,  # linked from the footer
        "intro": (
            "Cổng thông tin giúp học sinh và cha mẹ tìm hiểu nghề nghiệp, trường học và con "
            "đường học tiếp. Nội dung tin tức, sự kiện hiện là dữ liệu mẫu."
        ),
        "body": [
            heading("Cổng thông tin này là gì?"),
            paragraph(
                "<p>Hướng nghiệp là cổng thông tin dành cho học sinh lớp 9, lớp 12 và cha mẹ "
                "các em: tìm hiểu các nghề, nơi đào tạo, chi phí, chính sách hỗ trợ và các ngày "
                "hội tư vấn. Cổng phục vụ mục tiêu của Đề án “Giáo dục hướng nghiệp và định "
                "hướng phân luồng học sinh trong giáo dục phổ thông giai đoạn 2018–2025”, được "
                "phê duyệt tại Quyết định số 522/QĐ-TTg ngày 14/5/2018 của Thủ tướng Chính "
                "phủ.</p>"
            ),
            heading("Nội dung hiện có là dữ liệu mẫu"),
            paragraph(
                "<p>Cổng đang chạy thử và chưa thuộc cơ quan, đơn vị nào. Tin tức, sự kiện, các "
                "trường có chữ “Mẫu” trong tên và các trang mang nhãn “Dữ liệu mẫu” do nhóm "
                "phát triển soạn để minh họa; chúng không có thật. Các trang hướng dẫn chung "
                f"({page_link(pages['sau_lop_9'], 'Sau lớp 9')}, "
                f"{page_link(pages['sau_lop_12'], 'Sau lớp 12')}, "
                f"{page_link(pages['chinh_sach'], 'Chính sách hỗ trợ người học nghề')}) viết "
                "theo quy định chung và chỉ có giá trị tham khảo.</p>"
            ),
            heading("Ai cập nhật thông tin?"),
            paragraph(
                "<p>Khi đưa vào sử dụng, biên tập viên của cơ quan quản lý giáo dục ở địa phương "
                "viết tin, sự kiện và trang hướng dẫn; cán bộ tuyển sinh của các trường cập nhật "
                "thông tin trường mình và gửi lên để duyệt; cán bộ phụ trách số liệu nhập chỉ "
                "tiêu và kết quả phân luồng. Mỗi số liệu đều ghi nguồn và thời điểm.</p>"
            ),
            faq(
                (
                    "Em có thể dựa vào cổng này để nộp hồ sơ không?",
                    "<p>Chưa. Thông tin tuyển sinh chính thức (chỉ tiêu, hạn nộp, hồ sơ) do nhà "
                    "trường công bố; hãy liên hệ trực tiếp trường hoặc Sở Giáo dục và Đào tạo "
                    "nơi em sống.</p>",
                ),
                (
                    "Địa chỉ liên hệ ở chân trang có thật không?",
                    "<p>Không. Cổng đang chạy thử nên địa chỉ và thư điện tử ở chân trang là "
                    "địa chỉ mẫu.</p>",
                ),
            ),
            call_to_action("Xem các ngày hội tư vấn", page=pages["su_kien"]),
        ],
    }


NEWS_INDEX = {
    "title": "Tin tức",
    "show_in_menus": True,
    "intro": "Tin tuyển sinh, hướng nghiệp và chính sách cho học sinh, phụ huynh.",
}

EVENT_INDEX = {
    "title": "Sự kiện",
    "show_in_menus": True,
    "intro": (
        "Ngày hội tư vấn tuyển sinh, hướng nghiệp, tham quan doanh nghiệp và tư vấn trực "
        "tuyến dành cho học sinh, phụ huynh và thầy cô."
    ),
}

NEWS_CATEGORIES = {
    "tuyen-sinh": "Tuyển sinh",
    "huong-nghiep": "Hướng nghiệp",
    "chinh-sach": "Chính sách",
    "su-kien": "Sự kiện",
}


# Events --------------------------------------------------------------------------------


@dataclass(kw_only=True)
class SampleEvent:
    """An event dated relative to the day of the first load (negative ``in_days``: past)."""

    slug: str
    title: str
    event_type: str
    lead: str
    in_days: int
    start: datetime.time
    end: datetime.time
    days: int = 1
    province: str
    commune: str = ""  # code of a current commune
    venue_name: str = ""
    venue_address: str = ""
    online_url: str = ""
    organiser: str
    audiences: tuple[str, ...]
    # Names; those of the directory's schools are linked by ``link_event_participants``.
    participants: tuple[str, ...] = ()
    registration_url: str = ""
    banner: tuple[str, tuple[str, str]]  # label and colours of the generated image
    body: list
    report: list = field(default_factory=list)
    gallery: tuple[str, ...] = ()  # captions of generated photos

    def fields(self, provinces, communes):
        today = timezone.localdate()
        first_day = today + datetime.timedelta(days=self.in_days)
        last_day = first_day + datetime.timedelta(days=self.days - 1)
        label, colours = self.banner
        image = get_or_create_image(f"Ảnh mẫu – {self.title}", label, colours)
        gallery = [
            image_with_caption(
                get_or_create_image(f"Ảnh mẫu – {self.title} – {caption}", caption, colours),
                f"{caption} (ảnh minh họa, không phải ảnh chụp sự kiện)",
            )
            for caption in self.gallery
        ]
        return {
            "title": self.title,
            "is_sample": True,
            "event_type": self.event_type,
            "lead": self.lead,
            "start": _aware(first_day, self.start),
            "end": _aware(last_day, self.end),
            "venue_name": self.venue_name,
            "venue_address": self.venue_address,
            "online_url": self.online_url,
            "province": provinces[self.province],
            "commune": communes.get(self.commune),
            "organiser": self.organiser,
            "audiences": list(Audience.objects.filter(slug__in=self.audiences)),
            "participants": [EventParticipant(name=name) for name in self.participants],
            "registration_url": self.registration_url,
            "image": image,
            # Copies: Wagtail writes block ids into the raw blocks it saves.
            "body": copy.deepcopy(self.body),
            "report": copy.deepcopy(self.report),
            "gallery": gallery,
        }


def _aware(day, time):
    return timezone.make_aware(datetime.datetime.combine(day, time))


EVENT_SAMPLE_NOTE = paragraph(
    "<p><i>Sự kiện mẫu: đơn vị tổ chức, địa điểm và các trường tham gia đều là giả định, "
    "dùng để minh họa cổng thông tin.</i></p>"
)

EVENTS = [
    SampleEvent(
        slug="tu-van-truc-tuyen-sau-lop-9",
        title="Tư vấn trực tuyến: Sau lớp 9 học gì, học ở đâu?",
        event_type=EventType.ONLINE_COUNSELLING,
        lead=(
            "Một buổi tối hỏi – đáp trực tuyến về các con đường sau THCS: vào lớp 10, học "
            "giáo dục thường xuyên, học trung cấp kết hợp văn hóa, học phí và chỗ ở."
        ),
        in_days=5,
        start=datetime.time(19, 30),
        end=datetime.time(21, 0),
        province="nghe-an",
        online_url="https://example.com/truc-tuyen/sau-lop-9",
        organiser="Trung tâm GDNN-GDTX Mẫu số 5 (đơn vị mẫu)",
        audiences=("lop-9", "phu-huynh", "giao-vien"),
        registration_url="https://example.com/dang-ky/tu-van-sau-lop-9",
        banner=("Tư vấn trực tuyến", NAVY),
        body=[
            heading("Nội dung"),
            paragraph(
                "<ul><li>Các con đường sau lớp 9 và điểm khác nhau giữa chúng.</li>"
                "<li>Học trung cấp kết hợp văn hóa THPT: học những gì, bao lâu, nhận bằng gì.</li>"
                "<li>Học phí, chính sách hỗ trợ và chỗ ở cho học sinh ở xa.</li>"
                "<li>Giải đáp câu hỏi gửi trước và câu hỏi trực tiếp.</li></ul>"
            ),
            heading("Tham gia thế nào?"),
            paragraph(
                "<p>Đăng ký để nhận đường dẫn và gửi câu hỏi trước. Buổi tư vấn diễn ra trên "
                "điện thoại hoặc máy tính, không cần cài thêm phần mềm; phụ huynh và học sinh "
                "có thể cùng tham gia.</p>"
            ),
            EVENT_SAMPLE_NOTE,
        ],
    ),
    SampleEvent(
        slug="ngay-hoi-tu-van-tuyen-sinh-ha-noi",
        title="Ngày hội tư vấn tuyển sinh trung cấp, cao đẳng – Hà Nội",
        event_type=EventType.ADMISSION_FAIR,
        lead=(
            "Gặp trực tiếp cán bộ tuyển sinh của các trường trung cấp, cao đẳng; hỏi về nghề, "
            "học phí, ký túc xá và nộp hồ sơ xét tuyển ngay tại chỗ."
        ),
        in_days=12,
        start=datetime.time(7, 30),
        end=datetime.time(16, 30),
        province="ha-noi",
        commune="00166",  # Phường Cầu Giấy
        venue_name="Hội trường Trường Cao đẳng Kỹ thuật Mẫu số 1",
        venue_address="Số 1 đường Mẫu",
        organiser="Trường Cao đẳng Kỹ thuật Mẫu số 1 (đơn vị mẫu)",
        audiences=("lop-9", "lop-12", "phu-huynh"),
        participants=(
            "Trường Cao đẳng Kỹ thuật Mẫu số 1",
            "Trường Cao đẳng Công nghệ Mẫu Hà Nội",
            "Trường Cao đẳng Du lịch Mẫu Thăng Long",
            "Trung tâm GDNN-GDTX Mẫu Sóc Sơn",
        ),
        registration_url="https://example.com/dang-ky/ngay-hoi-ha-noi",
        banner=("Ngày hội tuyển sinh – Hà Nội", BLUE),
        body=[
            heading("Chương trình"),
            paragraph(
                "<ul><li>7:30 – Đón học sinh, phụ huynh.</li>"
                "<li>8:00 – Giới thiệu các con đường sau lớp 9 và lớp 12.</li>"
                "<li>8:30 – 11:30 – Tư vấn tại gian của từng trường.</li>"
                "<li>13:30 – 16:00 – Trải nghiệm nghề tại xưởng thực hành: điện, cơ khí, "
                "ô tô, nấu ăn.</li></ul>"
            ),
            heading("Nên mang theo"),
            paragraph(
                "<p>Học bạ hoặc bảng điểm nếu muốn được tư vấn xét tuyển, và danh sách câu hỏi "
                "của gia đình. Học sinh đi thực hành ở xưởng nên mặc quần dài, đi giày kín.</p>"
            ),
            EVENT_SAMPLE_NOTE,
        ],
    ),
    SampleEvent(
        slug="ngay-hoi-tuyen-sinh-gdnn-ho-chi-minh",
        title="Ngày hội tuyển sinh giáo dục nghề nghiệp – Thành phố Hồ Chí Minh",
        event_type=EventType.ADMISSION_FAIR,
        lead=(
            "Hai ngày gặp gỡ các trường cao đẳng, trung cấp, có khu tư vấn riêng cho phụ huynh "
            "về học phí, chính sách hỗ trợ và chỗ ở."
        ),
        in_days=19,
        days=2,
        start=datetime.time(8, 0),
        end=datetime.time(17, 0),
        province="ho-chi-minh",
        commune="26740",  # Phường Sài Gòn
        venue_name="Sân trường Trường Cao đẳng Công nghệ Mẫu",
        venue_address="Số 25 đường Mẫu",
        organiser="Trường Cao đẳng Công nghệ Mẫu (đơn vị mẫu)",
        audiences=("lop-9", "lop-12", "phu-huynh"),
        participants=(
            "Trường Cao đẳng Công nghệ Mẫu",
            "Trường Cao đẳng Kỹ thuật Mẫu Sài Gòn",
            "Trường Trung cấp Mẫu Thủ Đức",
            "Trung tâm Giáo dục nghề nghiệp Mẫu Củ Chi",
            "Trung tâm GDNN-GDTX Mẫu số 6",
        ),
        registration_url="https://example.com/dang-ky/ngay-hoi-ho-chi-minh",
        banner=("Ngày hội tuyển sinh – TP. Hồ Chí Minh", ORANGE),
        body=[
            heading("Có gì ở ngày hội?"),
            paragraph(
                "<ul><li>Gian tư vấn của từng trường: ngành nghề, thời gian học, học phí, "
                "việc làm sau tốt nghiệp.</li>"
                "<li>Khu dành cho phụ huynh: chính sách miễn, giảm học phí, vay vốn, ký túc "
                "xá.</li>"
                "<li>Khu trải nghiệm: lập trình robot, pha chế, chăm sóc sức khỏe cơ bản.</li>"
                "</ul>"
            ),
            paragraph(
                "<p>Hai ngày có cùng chương trình; học sinh chọn một ngày để đến. Nhà trường "
                "khuyến khích học sinh đi cùng cha mẹ.</p>"
            ),
            EVENT_SAMPLE_NOTE,
        ],
    ),
    SampleEvent(
        slug="cuoc-thi-kham-pha-the-gioi-nghe-nghiep",
        title="Cuộc thi “Khám phá thế giới nghề nghiệp” – vòng chung kết",
        event_type=EventType.COMPETITION,
        lead=(
            "Các đội học sinh THCS thi hiểu biết về nghề, giải tình huống và trình bày về một "
            "nghề mà đội đã tìm hiểu tại doanh nghiệp."
        ),
        in_days=26,
        start=datetime.time(7, 30),
        end=datetime.time(11, 30),
        province="quang-ngai",
        commune="21025",  # Phường Cẩm Thành
        venue_name="Hội trường Trung tâm GDNN-GDTX Mẫu số 4",
        venue_address="Số 4 đường Mẫu",
        organiser="Trung tâm GDNN-GDTX Mẫu số 4 (đơn vị mẫu)",
        audiences=("lop-9", "giao-vien"),
        participants=("Trường THCS Mẫu A", "Trường THCS Mẫu B", "Trường THCS Mẫu C"),
        registration_url="https://example.com/dang-ky/cuoc-thi-nghe-nghiep",
        banner=("Khám phá thế giới nghề nghiệp", PURPLE),
        body=[
            heading("Ba phần thi"),
            paragraph(
                "<ol><li><b>Hiểu nghề:</b> câu hỏi nhanh về công việc, nơi làm việc và con "
                "đường học nghề.</li>"
                "<li><b>Tình huống:</b> mỗi đội xử lý một tình huống thường gặp ở nơi làm "
                "việc.</li>"
                "<li><b>Một ngày của người thợ:</b> đội trình bày trong 5 phút về một nghề đã "
                "tìm hiểu tại doanh nghiệp.</li></ol>"
            ),
            paragraph(
                "<p>Thầy cô phụ trách hướng nghiệp có thể đăng ký cho học sinh đến cổ vũ và "
                "tham gia phần hỏi – đáp với khán giả.</p>"
            ),
            EVENT_SAMPLE_NOTE,
        ],
    ),
    SampleEvent(
        slug="mot-ngay-lam-cong-nhan-nghe-an",
        title="“Một ngày làm công nhân” tại Công ty May Mẫu – Nghệ An",
        event_type=EventType.ENTERPRISE_VISIT,
        lead=(
            "Học sinh lớp 9 theo chân công nhân một ca làm việc ở chuyền may và tổ kiểm hàng, "
            "hỏi về thu nhập, giờ làm và con đường học nghề may."
        ),
        in_days=33,
        start=datetime.time(7, 0),
        end=datetime.time(16, 0),
        province="nghe-an",
        commune="16681",  # Phường Thành Vinh
        venue_name="Công ty TNHH May Mẫu (doanh nghiệp giả định)",
        venue_address="Lô A, khu công nghiệp Mẫu",
        organiser="Trung tâm GDNN-GDTX Mẫu số 5 phối hợp với Công ty TNHH May Mẫu (đơn vị mẫu)",
        audiences=("lop-9", "giao-vien"),
        participants=(
            "Công ty TNHH May Mẫu",
            "Trung tâm GDNN-GDTX Mẫu số 5",
            "Trung tâm GDNN-GDTX Mẫu Đô Lương",
        ),
        registration_url="https://example.com/dang-ky/mot-ngay-lam-cong-nhan",
        banner=("Một ngày làm công nhân – Nghệ An", GREEN),
        body=[
            heading("Lịch trình"),
            paragraph(
                "<ul><li>7:00 – Nhận thẻ, áo bảo hộ; nghe hướng dẫn an toàn.</li>"
                "<li>7:30 – 11:00 – Theo chân công nhân ở chuyền may, tổ cắt và tổ kiểm hàng."
                "</li>"
                "<li>11:00 – Ăn trưa cùng công nhân tại nhà ăn của công ty.</li>"
                "<li>13:00 – 15:30 – Trò chuyện với tổ trưởng, kỹ thuật viên và người mới học "
                "nghề.</li></ul>"
            ),
            heading("Lưu ý"),
            paragraph(
                "<p>Học sinh cần giấy đồng ý của cha mẹ, đi giày kín, buộc gọn tóc và không "
                "mang đồ trang sức vào xưởng.</p>"
            ),
            EVENT_SAMPLE_NOTE,
        ],
    ),
    SampleEvent(
        slug="ngay-hoi-huong-nghiep-lop-9-can-tho",
        title="Ngày hội tư vấn hướng nghiệp cho học sinh lớp 9 – Cần Thơ",
        event_type=EventType.CAREER_FAIR,
        lead=(
            "Học sinh lớp 9 và phụ huynh tìm hiểu các con đường sau THCS, thử làm nghề ở các "
            "gian trải nghiệm và hỏi trực tiếp các trường."
        ),
        in_days=-40,
        start=datetime.time(7, 30),
        end=datetime.time(16, 0),
        province="can-tho",
        commune="31135",  # Phường Ninh Kiều
        venue_name="Nhà thi đấu Trường Trung cấp Nghề Mẫu số 2",
        venue_address="Số 2 đường Mẫu",
        organiser="Trường Trung cấp Nghề Mẫu số 2 (đơn vị mẫu)",
        audiences=("lop-9", "phu-huynh"),
        participants=(
            "Trường Trung cấp Nghề Mẫu số 2",
            "Trường Cao đẳng Kỹ thuật Mẫu Cần Thơ",
            "Trường Trung cấp Nghề Mẫu Tây Đô",
            "Trung tâm GDNN-GDTX Mẫu Phong Điền",
        ),
        banner=("Ngày hội hướng nghiệp – Cần Thơ", GREEN),
        body=[
            paragraph(
                "<p>Ngày hội dành cho học sinh lớp 9 và cha mẹ: giới thiệu các con đường sau "
                "THCS, gian trải nghiệm nghề điện, cơ khí, pha chế, nông nghiệp công nghệ cao, "
                "và gặp cán bộ tuyển sinh của các trường.</p>"
            ),
            EVENT_SAMPLE_NOTE,
        ],
        report=[
            paragraph(
                "<p>Ngày hội diễn ra trong một ngày với khoảng 1.200 lượt học sinh và phụ huynh "
                "(số liệu mẫu). Gian trải nghiệm nghề điện và gian nông nghiệp công nghệ cao "
                "đông nhất; nhiều phụ huynh ở lại khu tư vấn để hỏi về học phí và ký túc "
                "xá.</p>"
            ),
            heading("Điều học sinh và phụ huynh hỏi nhiều nhất"),
            paragraph(
                "<ul><li>Học trung cấp có được học văn hóa để sau này thi đại học không.</li>"
                "<li>Những khoản nào được miễn, khoản nào vẫn phải nộp.</li>"
                "<li>Ra trường làm ở đâu, thu nhập khởi điểm bao nhiêu.</li></ul>"
            ),
            quote(
                "Em thích sửa điện từ nhỏ, hôm nay được tự lắp một mạch đèn cầu thang. "
                "Em sẽ hỏi thêm về học trung cấp kết hợp văn hóa.",
                "Một học sinh lớp 9 (nhân vật minh họa)",
            ),
        ],
        gallery=("Gian trải nghiệm nghề điện", "Tư vấn cho phụ huynh"),
    ),
    SampleEvent(
        slug="mot-ngay-lam-cong-nhan-tay-ninh",
        title="“Một ngày làm công nhân” tại khu công nghiệp – Tây Ninh",
        event_type=EventType.ENTERPRISE_VISIT,
        lead=(
            "Học sinh lớp 9 mặc áo bảo hộ, vào xưởng cơ khí và xưởng lắp ráp, làm quen với "
            "nhịp làm việc của một ca sản xuất."
        ),
        in_days=-20,
        start=datetime.time(7, 0),
        end=datetime.time(15, 30),
        province="tay-ninh",
        commune="27694",  # Phường Long An
        venue_name="Công ty Cổ phần Cơ khí Mẫu (doanh nghiệp giả định)",
        venue_address="Lô B, khu công nghiệp Mẫu",
        organiser="Trường Trung cấp Kỹ thuật Mẫu số 8 (đơn vị mẫu)",
        audiences=("lop-9", "giao-vien"),
        participants=("Công ty Cổ phần Cơ khí Mẫu", "Trường Trung cấp Kỹ thuật Mẫu số 8"),
        banner=("Một ngày làm công nhân – Tây Ninh", BROWN),
        body=[
            paragraph(
                "<p>Học sinh chia nhóm, mỗi nhóm theo một tổ sản xuất trong ca sáng, ăn trưa "
                "cùng công nhân và trò chuyện với kỹ thuật viên về nghề hàn, cắt gọt kim loại "
                "và lắp ráp.</p>"
            ),
            EVENT_SAMPLE_NOTE,
        ],
        report=[
            paragraph(
                "<p>Khoảng 80 học sinh lớp 9 của ba trường THCS (số liệu mẫu) tham gia. Các "
                "em được xem quy trình từ phôi thép đến sản phẩm hoàn chỉnh, thử đo kích thước "
                "chi tiết bằng thước cặp và nghe kỹ thuật viên kể về con đường từ học trung "
                "cấp đến tổ trưởng.</p>"
            ),
            quote(
                "Em tưởng làm công nhân chỉ đứng máy, hóa ra phải đọc bản vẽ và đo rất chính "
                "xác. Em muốn học nghề cắt gọt kim loại.",
                "Một học sinh lớp 9 (nhân vật minh họa)",
            ),
        ],
        gallery=("Đo chi tiết bằng thước cặp", "Tham quan xưởng hàn"),
    ),
]


def find_places():
    """The current provinces (by slug) and communes (by code) of the sample events."""
    slugs = {event.province for event in EVENTS}
    codes = {event.commune for event in EVENTS if event.commune}
    provinces = {p.slug: p for p in Province.objects.current().filter(slug__in=slugs)}
    communes = {
        c.code: c for c in Commune.objects.filter(structure=Structure.CURRENT, code__in=codes)
    }
    if len(provinces) < len(slugs) or len(communes) < len(codes):
        raise MissingAdminUnits(
            _(
                "Chưa có dữ liệu đơn vị hành chính: thiếu %(provinces)d tỉnh, thành phố và "
                "%(communes)d xã, phường mà các sự kiện mẫu cần. Hãy chạy “python manage.py "
                "load_admin_units” trước, rồi chạy lại “python manage.py load_demo”."
            )
            % {"provinces": len(slugs) - len(provinces), "communes": len(codes) - len(communes)}
        )
    return provinces, communes


def load_events(index, provinces, communes):
    return {
        event.slug: get_or_create_page(
            index, EventPage, event.slug, **event.fields(provinces, communes)
        )
        for event in EVENTS
    }


# News ----------------------------------------------------------------------------------


def load_news(index, pages, events):
    categories = {
        slug: NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in NEWS_CATEGORIES.items()
    }
    today = timezone.localdate()
    for item in news_items(pages, events):
        image = get_or_create_image(f"Ảnh mẫu – {item['title']}", *item["banner"])
        get_or_create_page(
            index,
            NewsPage,
            item["slug"],
            title=item["title"],
            is_sample=True,
            date=today - datetime.timedelta(days=item["days_ago"]),
            lead=item["lead"],
            image=image,
            body=[*item["body"], copy.deepcopy(NEWS_SAMPLE_NOTE)],
            categories=[categories[slug] for slug in item["categories"]],
            tags=item["tags"],
        )


NEWS_SAMPLE_NOTE = paragraph(
    "<p><i>Tin mẫu: nội dung soạn để minh họa cổng thông tin; các trường, doanh nghiệp và "
    "nhân vật có chữ “Mẫu” hoặc “minh họa” là giả định.</i></p>"
)


def news_items(pages, events):
    """The sample news; dated back from the day of the first load."""
    policy = pages["chinh_sach"]
    can_tho = events["ngay-hoi-huong-nghiep-lop-9-can-tho"]
    tay_ninh = events["mot-ngay-lam-cong-nhan-tay-ninh"]
    return [
        {
            "slug": "cao-dang-ky-thuat-mau-so-1-nhan-ho-so-trung-cap",
            "title": "Trường Cao đẳng Kỹ thuật Mẫu số 1 nhận hồ sơ trung cấp cho học sinh lớp 9",
            "days_ago": 3,
            "categories": ["tuyen-sinh"],
            "tags": ["trung cấp", "lớp 9", "mô hình 9+"],
            "banner": ("Tuyển sinh trung cấp", BLUE),
            "lead": (
                "Trường mở đợt nhận hồ sơ trình độ trung cấp cho học sinh tốt nghiệp THCS, gồm "
                "các nghề điện công nghiệp, cắt gọt kim loại, công nghệ ô tô và hàn; học sinh "
                "có thể học kèm văn hóa THPT."
            ),
            "body": [
                paragraph(
                    "<p>Trường Cao đẳng Kỹ thuật Mẫu số 1 thông báo nhận hồ sơ xét tuyển trình "
                    "độ trung cấp cho học sinh đã tốt nghiệp trung học cơ sở. Học sinh có nhu "
                    "cầu được học kèm chương trình văn hóa THPT ngay tại trường.</p>"
                ),
                heading("Các nghề tuyển sinh"),
                paragraph(
                    "<ul><li>Điện công nghiệp</li><li>Cắt gọt kim loại</li>"
                    "<li>Công nghệ ô tô</li><li>Hàn</li></ul>"
                ),
                heading("Hồ sơ và cách đăng ký"),
                paragraph(
                    "<p>Hồ sơ gồm phiếu đăng ký, bản sao bằng hoặc giấy chứng nhận tốt nghiệp "
                    "THCS, bản sao học bạ THCS. Học sinh nộp trực tiếp tại phòng tuyển sinh của "
                    "trường hoặc đăng ký trực tuyến rồi bổ sung hồ sơ khi nhập học.</p>"
                ),
                paragraph(
                    "<p>Học sinh tốt nghiệp THCS học tiếp lên trung cấp được miễn học phí theo "
                    f"quy định; xem {page_link(policy, 'Chính sách hỗ trợ người học nghề')}.</p>"
                ),
            ],
        },
        {
            "slug": "nam-cau-hoi-khi-den-ngay-hoi-tu-van",
            "title": "Năm câu hỏi nên mang theo khi đến ngày hội tư vấn tuyển sinh",
            "days_ago": 15,
            "categories": ["huong-nghiep"],
            "tags": ["ngày hội", "phụ huynh", "lớp 9", "lớp 12"],
            "banner": ("Hỏi gì ở ngày hội?", ORANGE),
            "lead": (
                "Ngày hội đông người, thời gian gặp mỗi trường chỉ vài phút. Chuẩn bị sẵn mấy "
                "câu hỏi dưới đây giúp học sinh và phụ huynh không bỏ sót điều quan trọng."
            ),
            "body": [
                paragraph(
                    "<ol><li>Nghề này học những gì, thực hành ở đâu, thực hành chiếm bao nhiêu "
                    "thời gian?</li>"
                    "<li>Học bao lâu, mỗi năm phải chi những khoản nào, em có được miễn, giảm "
                    "học phí không?</li>"
                    "<li>Học sinh khóa trước ra trường có việc làm không, làm ở đâu, số liệu đó "
                    "khảo sát khi nào?</li>"
                    "<li>Trường có ký túc xá, xe đưa đón hay hỗ trợ chỗ ở không?</li>"
                    "<li>Học xong có học liên thông lên được không, lên trường nào?</li></ol>"
                ),
                paragraph(
                    "<p>Ghi câu trả lời của từng trường vào một tờ giấy chia cột để về nhà cả "
                    "nhà cùng so sánh.</p>"
                ),
                quote(
                    "Con hỏi về nghề, còn tôi hỏi về chỗ ở và chi phí. Hai mẹ con chia nhau hỏi "
                    "thì nhanh hơn nhiều.",
                    "Một phụ huynh (nhân vật minh họa)",
                ),
            ],
        },
        {
            "slug": "nhin-lai-ngay-hoi-huong-nghiep-can-tho",
            "title": "Nhìn lại ngày hội hướng nghiệp ở Cần Thơ: học sinh thử làm nghề",
            "days_ago": 38,
            "categories": ["su-kien", "huong-nghiep"],
            "tags": ["ngày hội", "lớp 9", "trải nghiệm nghề"],
            "banner": ("Ngày hội ở Cần Thơ", GREEN),
            "lead": (
                "Học sinh lớp 9 tự lắp mạch điện, pha chế và chăm sóc cây giống ở các gian "
                "trải nghiệm; phụ huynh hỏi nhiều về học phí và chỗ ở."
            ),
            "body": [
                paragraph(
                    "<p>Ngày hội tư vấn hướng nghiệp cho học sinh lớp 9 do Trường Trung cấp Nghề "
                    "Mẫu số 2 tổ chức đã thu hút đông học sinh và phụ huynh. Thay vì chỉ nghe "
                    "giới thiệu, các em được tự tay làm thử ở các gian trải nghiệm nghề.</p>"
                ),
                paragraph(
                    f"<p>Xem tường thuật và ảnh tại trang {page_link(can_tho, can_tho.title)}.</p>"
                ),
            ],
        },
        {
            "slug": "hoc-sinh-lop-9-vao-xuong-co-khi",
            "title": "“Một ngày làm công nhân”: học sinh lớp 9 vào xưởng cơ khí",
            "days_ago": 18,
            "categories": ["su-kien", "huong-nghiep"],
            "tags": ["doanh nghiệp", "lớp 9", "trải nghiệm nghề"],
            "banner": ("Một ngày làm công nhân", BROWN),
            "lead": (
                "Mặc áo bảo hộ, theo chân công nhân một ca sáng, học sinh lớp 9 thấy nghề cơ "
                "khí cần đọc bản vẽ và đo đạc chính xác chứ không chỉ đứng máy."
            ),
            "body": [
                paragraph(
                    "<p>Chương trình “Một ngày làm công nhân” đưa học sinh lớp 9 vào Công ty Cổ "
                    "phần Cơ khí Mẫu. Mỗi nhóm theo một tổ sản xuất, nghe hướng dẫn an toàn, "
                    "quan sát và làm thử những việc đơn giản dưới sự kèm cặp của công nhân.</p>"
                ),
                quote(
                    "Các em hỏi rất thật: làm ca đêm không, lương tháng đầu bao nhiêu, học bao "
                    "lâu thì đứng máy được. Đó là những câu hỏi nên hỏi.",
                    "Một tổ trưởng sản xuất (nhân vật minh họa)",
                ),
                paragraph(f"<p>Xem ảnh tại trang {page_link(tay_ninh, tay_ninh.title)}.</p>"),
            ],
        },
        {
            "slug": "hoc-trung-cap-sau-lop-9-khoan-duoc-mien-khoan-phai-chi",
            "title": "Học trung cấp sau lớp 9: khoản nào được miễn, khoản nào vẫn phải chi",
            "days_ago": 52,
            "categories": ["chinh-sach"],
            "tags": ["học phí", "trung cấp", "lớp 9", "phụ huynh"],
            "banner": ("Học phí trung cấp", PURPLE),
            "lead": (
                "Học sinh tốt nghiệp THCS học tiếp trung cấp được miễn học phí, nhưng tiền ở, "
                "ăn, đồng phục thường tính riêng. Gia đình nên hỏi kỹ trước khi nhập học."
            ),
            "body": [
                paragraph(
                    "<p>Theo Luật Giáo dục nghề nghiệp, học sinh tốt nghiệp trung học cơ sở học "
                    "tiếp lên trình độ trung cấp được miễn học phí. Hồ sơ và cách thực hiện do "
                    "nhà trường hướng dẫn.</p>"
                ),
                heading("Những khoản thường vẫn phải chi"),
                paragraph(
                    "<ul><li>Tiền ở ký túc xá hoặc nhà trọ</li><li>Tiền ăn, đi lại</li>"
                    "<li>Đồng phục, quần áo bảo hộ</li>"
                    "<li>Bảo hiểm y tế học sinh, sinh viên</li>"
                    "<li>Tài liệu, dụng cụ học tập cá nhân</li></ul>"
                ),
                paragraph(
                    "<p>Một số em còn thuộc diện được hỗ trợ thêm, ví dụ chính sách nội trú hay "
                    f"vay vốn. Xem {page_link(policy, 'Chính sách hỗ trợ người học nghề')}.</p>"
                ),
            ],
        },
        {
            "slug": "lop-12-chuan-bi-truoc-khi-dang-ky-nguyen-vong",
            "title": "Lớp 12: chuẩn bị gì trước khi đăng ký nguyện vọng",
            "days_ago": 70,
            "categories": ["tuyen-sinh", "huong-nghiep"],
            "tags": ["lớp 12", "đại học", "cao đẳng"],
            "banner": ("Đăng ký nguyện vọng", NAVY),
            "lead": (
                "Lập danh sách nghề quan tâm, đọc kỹ phương thức tuyển sinh của từng trường và "
                "cân nhắc cả cao đẳng bên cạnh đại học – ba việc nên làm sớm."
            ),
            "body": [
                heading("Bắt đầu từ nghề, không phải từ trường"),
                paragraph(
                    "<p>Hãy viết ra ba đến năm nghề em thấy hợp, rồi tìm xem mỗi nghề cần học "
                    "ngành gì, ở trình độ nào. Từ đó mới chọn trường.</p>"
                ),
                heading("Đọc kỹ phương thức tuyển sinh"),
                paragraph(
                    "<p>Mỗi trường có thể dùng nhiều phương thức: điểm thi tốt nghiệp THPT, học "
                    "bạ, kỳ thi đánh giá năng lực. Nguyện vọng được xét theo thứ tự ưu tiên em "
                    "đặt và em chỉ trúng tuyển một nguyện vọng cao nhất có thể, nên hãy xếp "
                    "ngành, trường em thích nhất lên đầu.</p>"
                ),
                heading("Đừng bỏ qua cao đẳng"),
                paragraph(
                    "<p>Nhiều trường cao đẳng xét tuyển theo kế hoạch riêng, có thể nhiều đợt "
                    "trong năm; hãy xem thông báo của từng trường. Học cao đẳng rồi học liên "
                    "thông lên đại học cũng là một con đường.</p>"
                ),
            ],
        },
        {
            "slug": "vay-von-di-hoc-phu-huynh-can-biet",
            "title": "Vay vốn để đi học: phụ huynh cần biết gì",
            "days_ago": 95,
            "categories": ["chinh-sach"],
            "tags": ["vay vốn", "phụ huynh"],
            "banner": ("Vay vốn đi học", BROWN),
            "lead": (
                "Học sinh, sinh viên có hoàn cảnh khó khăn có thể vay vốn qua Ngân hàng Chính "
                "sách xã hội để trang trải chi phí học tập. Hỏi ở đâu, cần giấy tờ gì?"
            ),
            "body": [
                paragraph(
                    "<p>Chương trình tín dụng học sinh, sinh viên cho vay đối với người học có "
                    "hoàn cảnh khó khăn đang theo học tại các trường đại học, cao đẳng, trung "
                    "cấp và cơ sở đào tạo nghề. Đại diện hộ gia đình là người vay.</p>"
                ),
                heading("Bắt đầu từ đâu?"),
                paragraph(
                    "<ol><li>Xin nhà trường giấy xác nhận đang theo học.</li>"
                    "<li>Liên hệ tổ tiết kiệm và vay vốn ở thôn, tổ dân phố hoặc phòng giao dịch "
                    "Ngân hàng Chính sách xã hội nơi gia đình cư trú.</li>"
                    "<li>Làm hồ sơ theo hướng dẫn; mức cho vay và lãi suất do Nhà nước quy định "
                    "theo từng thời kỳ.</li></ol>"
                ),
                paragraph(
                    f"<p>Các hỗ trợ khác: {page_link(policy, 'Chính sách hỗ trợ người học nghề')}"
                    ".</p>"
                ),
            ],
        },
    ]
