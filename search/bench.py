"""The search benchmark: a synthetic data set generated in bulk, a fixed mix of queries timed
on our database engine, and the same "điện" search timed on the peer a Wagtail developer
would reach for — Wagtail's database search backend with ``.facet()`` once per facet.

Everything is generated inside a transaction that is rolled back at the end (unless
``keep``), so the benchmark can run against any development database.
"""

import random
import statistics
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from careers.models import OccupationIndexPage, OccupationPage, TrainingField
from institutions.models import InstitutionIndexPage, InstitutionPage, ProgramPage
from search.contract import parse_query
from search.database import DatabaseEngine
from search.facetindex import FacetIndex, facet_index
from search.indexing import rebuild_rows, write_rows
from search.kinds import get_kind
from website.models import Province
from website.text import initial, sort_key

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# (field code, base titles, words that describe the work) — a programme's words follow its
# field and occupation, so a broad word such as "điện" hits a realistic share.
FIELDS = [
    (
        "52",
        [
            "Điện công nghiệp",
            "Điện dân dụng",
            "Điện tử công nghiệp",
            "Cơ điện tử",
            "Kỹ thuật máy lạnh và điều hòa không khí",
            "Hàn",
            "Cắt gọt kim loại",
        ],
        "lắp đặt vận hành bảo trì thiết bị máy móc nhà máy an toàn lao động",
    ),
    (
        "51",
        [
            "Công nghệ ô tô",
            "Công nghệ kỹ thuật cơ khí",
            "Bảo trì hệ thống thiết bị cơ khí",
            "Công nghệ kỹ thuật xây dựng",
        ],
        "sửa chữa bảo dưỡng động cơ kiểm tra chẩn đoán xưởng thực hành",
    ),
    (
        "48",
        [
            "Công nghệ thông tin",
            "Lập trình máy tính",
            "Quản trị mạng máy tính",
            "Thiết kế đồ họa",
            "Thiết kế trang web",
        ],
        "phần mềm máy tính mạng dữ liệu lập trình ứng dụng",
    ),
    (
        "34",
        [
            "Kế toán doanh nghiệp",
            "Quản trị kinh doanh",
            "Marketing thương mại",
            "Thương mại điện tử",
            "Logistics",
        ],
        "sổ sách chứng từ báo cáo bán hàng khách hàng doanh nghiệp",
    ),
    (
        "81",
        [
            "Kỹ thuật chế biến món ăn",
            "Quản trị khách sạn",
            "Hướng dẫn du lịch",
            "Chăm sóc sắc đẹp",
            "Nghiệp vụ nhà hàng",
        ],
        "phục vụ khách nấu ăn du lịch nhà hàng khách sạn",
    ),
    (
        "72",
        ["Điều dưỡng", "Kỹ thuật phục hồi chức năng", "Dược", "Y sĩ"],
        "chăm sóc người bệnh bệnh viện sức khỏe thuốc",
    ),
    (
        "62",
        ["Chăn nuôi thú y", "Trồng trọt", "Nuôi trồng thủy sản", "Lâm sinh"],
        "cây trồng vật nuôi nông nghiệp trang trại giống",
    ),
    (
        "54",
        ["May thời trang", "Chế biến thực phẩm", "Công nghệ dệt", "Chế biến gỗ"],
        "sản xuất dây chuyền may mặc chế biến chất lượng sản phẩm",
    ),
    (
        "21",
        ["Diễn viên kịch", "Thanh nhạc", "Nhiếp ảnh", "Điêu khắc"],
        "biểu diễn sân khấu nghệ thuật sáng tạo",
    ),
]
SPECIALITIES = [
    "",
    "",
    "nhà máy",
    "tàu thủy",
    "dân dụng",
    "công nghiệp",
    "ứng dụng",
    "nông thôn",
    "đô thị",
    "chất lượng cao",
    "quốc tế",
    "thực hành",
]
LEVELS = ["trung-cap", "cao-dang", "so-cap"]

QUERIES = [
    ("chỉ từ khóa: “điện”", "q=điện"),
    # Words that begin a quarter of the names, or expand through synonyms (three readings).
    ("chỉ từ khóa: “công nghệ”", "q=công nghệ"),
    ("chỉ từ khóa: “thợ” (3 cách đọc)", "q=thợ"),
    ("chỉ bộ lọc (3)", "trinh-do=trung-cap&so-huu=cong-lap&thoi-gian=24-36"),
    ("từ khóa + 3 bộ lọc", "q=điện&trinh-do=cao-dang&so-huu=cong-lap&thoi-gian=24-36"),
    ("không dấu: “dien cong nghiep”", "q=dien cong nghiep"),
    ("gõ nhầm: “ke tona doanh”", "q=ke tona doanh"),
    (
        "từ khóa + 6 bộ lọc (như đối chứng)",
        "q=điện&trinh-do=cao-dang&trinh-do=trung-cap&so-huu=cong-lap&ky-tuc-xa=co"
        "&thoi-gian=24-36&loai-truong=cao-dang&loai-truong=trung-cap",
    ),
]
PROGRAMMES = 20000
PER_SCHOOL = 40
PEER_FACETS = ["level", "nine_plus", "retired", "depth", "locked", "show_in_menus"]


def _path(parent_path, number):
    digits = ""
    for _ in range(4):
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return parent_path + digits


def _insert_pages(parent, objects, start=1):
    """Insert specific pages under ``parent`` in bulk: the Page rows with bulk_create, the
    rows of the specific table with one executemany (treebeard paths computed here)."""
    model = type(objects[0])
    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    now = timezone.now()
    base = []
    for number, page in enumerate(objects, start=start):
        page.path = _path(parent.path, number)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale = locale
        page.live = True
        page.draft_title = page.title
        page.translation_key = uuid.uuid4()
        page.first_published_at = page.last_published_at = now
        fields = {f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields}
        fields.pop("id")
        base.append(Page(**fields))
    Page.objects.bulk_create(base, batch_size=2000)
    table = model._meta.db_table
    local = list(model._meta.local_concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in local)
    placeholders = ", ".join(["%s"] * len(local))
    rows = []
    for page, saved in zip(objects, base, strict=True):
        page.pk = page.id = page.page_ptr_id = saved.pk
        rows.append([f.get_db_prep_save(getattr(page, f.attname), connection) for f in local])
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608 - table and columns from the model
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(objects))
    parent.numchild += len(objects)
    return objects


def generate(occupations=1000, institutions=500, programmes=20000, seed=9, out=print):
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    home = Site.objects.get(is_default_site=True).root_page
    provinces = list(Province.objects.current())
    if len(provinces) < 34:
        provinces += [
            Province.objects.create(
                structure="2025",
                code=f"{n + 60:02d}",
                name=f"Tỉnh Mẫu {n}",
                short_name=f"Mẫu {n}",
                slug=f"mau-{n}",
            )
            for n in range(34 - len(provinces))
        ]
    fields = {f.code: f for f in TrainingField.objects.all()}

    def add_index(model, title, slug):
        existing = model.objects.child_of(home).first()
        return existing or home.add_child(instance=model(title=title, slug=slug))

    occupation_index = add_index(OccupationIndexPage, "Nghề nghiệp", "nghe-nghiep")
    school_index = add_index(InstitutionIndexPage, "Trường học", "truong")
    empty = [("list", [])]

    started = time.perf_counter()
    occupation_pages = []
    for number in range(occupations):
        code, titles, words = FIELDS[number % len(FIELDS)]
        base = titles[(number // len(FIELDS)) % len(titles)]
        speciality = SPECIALITIES[(number // 50) % len(SPECIALITIES)]
        title = f"{base} {speciality}".strip()
        if number >= 200:
            title = f"{title} (hướng {number})"
        occupation_pages.append(
            OccupationPage(
                title=title,
                slug=f"bench-nghe-{number}",
                summary=f"{base}: {words}.",
                tasks=empty,
                environment=empty,
                riasec_code=rng.choice(["RIC", "CES", "AS", "RI"]),
                outlook=rng.choice(["tang-manh", "tang", "on-dinh", "giam"]),
                training_field=fields.get(code),
                initial=initial(title),
                sort_title=sort_key(title),
                pay_start_min=rng.choice([5, 6, 7.5, 9, 12, 16]),
            )
        )
    _insert_pages(occupation_index, occupation_pages, start=occupation_index.numchild + 1)
    by_field = {}
    for page, number in zip(occupation_pages, range(occupations), strict=True):
        by_field.setdefault(FIELDS[number % len(FIELDS)][0], []).append(page)
    out(f"  {occupations} nghề: {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    school_pages = [
        InstitutionPage(
            title=f"Trường {rng.choice(['Cao đẳng', 'Trung cấp', 'Trung tâm GDNN-GDTX'])} "
            f"Mẫu {number}",
            slug=f"bench-truong-{number}",
            institution_type=rng.choice(["cao-dang", "trung-cap", "gdnn-gdtx"]),
            ownership=rng.choice(["cong-lap", "cong-lap", "tu-thuc"]),
            summary="Trường đào tạo nghề.",
            province=provinces[number % 34],
            boarding=rng.random() < 0.5,
            support_policies=[],
        )
        for number in range(institutions)
    ]
    _insert_pages(school_index, school_pages, start=school_index.numchild + 1)
    out(f"  {institutions} trường: {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    per_school = programmes // institutions
    links = []
    through = ProgramPage.occupations.through
    today = timezone.localdate()
    for school_number, school in enumerate(school_pages):
        batch = []
        chosen = []
        for number in range(per_school):
            code, titles, words = FIELDS[rng.randrange(len(FIELDS))]
            occupation = rng.choice(by_field[code])
            level = rng.choice(LEVELS)
            start = today + timezone.timedelta(days=rng.randint(-120, 60))
            batch.append(
                ProgramPage(
                    title=occupation.title,
                    slug=f"bench-ct-{school_number}-{number}",
                    level=level,
                    summary=f"{occupation.title}: {words}.",
                    training_field=fields.get(code),
                    duration_months={"so-cap": 6, "trung-cap": 24, "cao-dang": 30}[level],
                    nine_plus=level == "trung-cap" and rng.random() < 0.3,
                    entry_requirements="Tốt nghiệp THCS",
                    tuition=rng.choice([0, 800_000, 1_200_000, 1_500_000, 2_000_000]),
                    tuition_exemptions="Miễn học phí cho học sinh sau THCS."
                    if rng.random() < 0.3
                    else "",
                    admission_start=start,
                    admission_end=start + timezone.timedelta(days=60),
                    outcomes_text=words,
                )
            )
            chosen.append(occupation)
        _insert_pages(school, batch)
        links += [
            through(programpage_id=page.pk, occupationpage_id=occupation.pk)
            for page, occupation in zip(batch, chosen, strict=True)
        ]
    through.objects.bulk_create(links, batch_size=5000)
    out(f"  {programmes} chương trình: {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    for name in ("occupations", "programmes"):
        rebuild_rows(get_kind(name))
    out(f"  dòng tìm kiếm của ta: {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    pages = list(ProgramPage.objects.live())
    for offset in range(0, len(pages), 1000):
        backend.add_bulk(ProgramPage, pages[offset : offset + 1000])
    out(f"  chỉ mục tìm kiếm của Wagtail (đối chứng): {time.perf_counter() - started:.1f} s")


def _timed(function, runs):
    function()  # warm up
    times, statements = [], 0
    for _ in range(runs):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            function()
            times.append((time.perf_counter() - started) * 1000)
        statements = len(captured)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return statistics.median(times), p95, statements


def measure(runs=40, out=print):
    engine = DatabaseEngine()
    kind = get_kind("programmes")
    rows = []
    for label, params in QUERIES:
        query = parse_query(kind, QueryDict(params), strict=True)[0]
        total = engine.search(query).total

        def ours(query=query):
            engine.search(query)

        p50, p95, statements = _timed(ours, runs)
        rows.append((label, total, p50, p95, statements))

    def peer():
        results = ProgramPage.objects.live().search("điện")
        for name in PEER_FACETS:
            results.facet(name)
        return results[:20]

    peer_runs = max(5, runs // 4)
    peer_p50, peer_p95, peer_statements = _timed(lambda: list(peer()), peer_runs)

    # The facet index: what the first search after a publish pays — reloading every row (as
    # before) or updating in place — and what each process holds.
    load_p50, load_p95, _ = _timed(lambda: FacetIndex.load(kind), max(5, runs // 4))
    index = {
        "reload": (load_p50, load_p95),
        "in place": _timed_publish(kind, runs, rename=False),
        "in place, moved": _timed_publish(kind, runs, rename=True),
        "memory": FacetIndex.load(kind).memory(),
    }
    return rows, (peer_p50, peer_p95, peer_statements, peer_runs), index


def _timed_publish(kind, runs, rename):
    """p50 and p95 of the first index lookup after one programme's row is written again (as
    publishing does); with ``rename``, its title changes, so it moves in name order."""
    pages = list(ProgramPage.objects.order_by("pk").values_list("pk", "title")[: runs + 1])
    facet_index(kind)
    times = []
    for number, (pk, title) in enumerate(pages):
        if rename:
            ProgramPage.objects.filter(pk=pk).update(title=f"{title} {number}")
        write_rows(kind, [pk])
        started = time.perf_counter()
        facet_index(kind)
        times.append((time.perf_counter() - started) * 1000)
    times = sorted(times[1:])  # the first one warms up
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]


def run(runs=40, keep=False, out=print, programmes=PROGRAMMES):
    if connection.vendor != "postgresql":
        raise RuntimeError("Benchmark chạy trên PostgreSQL (DATABASE_URL=postgres://…).")
    if not connection.in_atomic_block:
        # A previous run's rolled-back rows are dead tuples until vacuumed: without this,
        # every index scan would also visit them.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")
    with transaction.atomic():
        kept = ProgramPage.objects.filter(slug__startswith="bench-ct-").count()
        if kept and kept != programmes:
            raise RuntimeError(
                f"Cơ sở dữ liệu đang giữ {kept} chương trình tổng hợp của lần chạy --keep "
                f"trước; dùng --programmes {kept} hoặc một cơ sở dữ liệu trống."
            )
        if kept:
            out(f"Dùng lại {kept} chương trình tổng hợp đã giữ (--keep).")
        else:
            out("Tạo dữ liệu tổng hợp:")
            generate(institutions=programmes // PER_SCHOOL, programmes=programmes, out=out)
        with connection.cursor() as cursor:
            # The state a live database is in after autovacuum (which cannot run inside this
            # transaction): fresh statistics, and the GIN indexes' pending entries merged —
            # ours and the peer's alike.
            cursor.execute("ANALYZE")
            cursor.execute(
                "SELECT gin_clean_pending_list(c.oid) FROM pg_class c JOIN pg_am a "
                "ON a.oid = c.relam WHERE a.amname = 'gin' AND c.relkind = 'i' "
                "AND c.relnamespace = 'public'::regnamespace"
            )
        results = measure(runs, out)
        if not keep:
            transaction.set_rollback(True)
    return results
