# ruff: noqa: E501 — one row of the data tables per line reads better than wrapped fragments
"""Demo content for `make run`: /truong/ with fictional institutions and their programmes.

Every institution here is invented ("… Mẫu …"), marked ``is_sample`` (the page shows
"Dữ liệu mẫu") and carries only sample figures; no real school is named. Programmes come
from a compact table: each institution offers a rotation of the programme catalogue at the
levels its type trains for, linked to the careers demo's occupation pages by slug.

Idempotent: institutions and programmes are found by slug under their parent and left as
they are; the two staff accounts are made once.
"""

import datetime
import itertools
from decimal import Decimal

from django.db import transaction

from careers.models import OccupationPage, TrainingField
from careers.text import fold
from institutions.accounts import ensure_school_access
from institutions.models import (
    InstitutionIndexPage,
    InstitutionOutcome,
    InstitutionPage,
    ProgrammeLevel,
    ProgrammeOutcome,
    ProgramPage,
    SupportPolicyIndexPage,
)
from institutions.partners import load_demo_partnerships
from website.demo import (
    BLUE,
    BROWN,
    GREEN,
    NAVY,
    ORANGE,
    PURPLE,
    DemoAccount,
    ensure_user,
    get_or_create_image,
    get_or_create_page,
)
from website.models import Commune, Province, StandardPage, Structure

INDEX = {
    "title": "Trường và ngành học",
    "intro": (
        "Trường cao đẳng, trung cấp, trung tâm GDNN-GDTX: ngành đào tạo, học phí, chính sách "
        "hỗ trợ, ký túc xá và tỉ lệ có việc làm sau tốt nghiệp. Lọc theo tỉnh, loại hình."
    ),
    "show_in_menus": True,
}

POLICIES_INDEX = {
    "title": "Chính sách hỗ trợ của các trường",
    "intro": (
        "Học bổng, miễn giảm học phí, hỗ trợ nội trú, vay vốn mà từng trường công bố; lọc "
        "chính sách cho học sinh dân tộc thiểu số. Chính sách của các trường mẫu là dữ liệu mẫu."
    ),
    "is_sample": True,
}
POLICY_PAGE_SLUG = "chinh-sach-ho-tro"

# (slug, name, type, ownership, province short name, boarding, how many programmes)
INSTITUTIONS = [
    (
        "cao-dang-ky-thuat-mau-can-tho",
        "Trường Cao đẳng Kỹ thuật Mẫu Cần Thơ",
        "cao-dang",
        "cong-lap",
        "Cần Thơ",
        True,
        14,
    ),
    (
        "trung-cap-nghe-mau-can-tho",
        "Trường Trung cấp Nghề Mẫu Tây Đô",
        "trung-cap",
        "tu-thuc",
        "Cần Thơ",
        False,
        8,
    ),
    (
        "gdnn-gdtx-mau-phong-dien",
        "Trung tâm GDNN-GDTX Mẫu Phong Điền",
        "gdnn-gdtx",
        "cong-lap",
        "Cần Thơ",
        False,
        6,
    ),
    (
        "cao-dang-cong-nghe-mau-ha-noi",
        "Trường Cao đẳng Công nghệ Mẫu Hà Nội",
        "cao-dang",
        "cong-lap",
        "Hà Nội",
        True,
        16,
    ),
    (
        "cao-dang-du-lich-mau-ha-noi",
        "Trường Cao đẳng Du lịch Mẫu Thăng Long",
        "cao-dang",
        "tu-thuc",
        "Hà Nội",
        False,
        10,
    ),
    (
        "gdnn-gdtx-mau-soc-son",
        "Trung tâm GDNN-GDTX Mẫu Sóc Sơn",
        "gdnn-gdtx",
        "cong-lap",
        "Hà Nội",
        False,
        6,
    ),
    (
        "cao-dang-ky-thuat-mau-sai-gon",
        "Trường Cao đẳng Kỹ thuật Mẫu Sài Gòn",
        "cao-dang",
        "cong-lap",
        "Hồ Chí Minh",
        True,
        16,
    ),
    (
        "trung-cap-mau-thu-duc",
        "Trường Trung cấp Mẫu Thủ Đức",
        "trung-cap",
        "tu-thuc",
        "Hồ Chí Minh",
        False,
        10,
    ),
    (
        "trung-tam-gdnn-mau-cu-chi",
        "Trung tâm Giáo dục nghề nghiệp Mẫu Củ Chi",
        "gdnn",
        "cong-lap",
        "Hồ Chí Minh",
        False,
        6,
    ),
    (
        "cao-dang-mau-da-nang",
        "Trường Cao đẳng Nghề Mẫu Đà Nẵng",
        "cao-dang",
        "cong-lap",
        "Đà Nẵng",
        True,
        14,
    ),
    (
        "trung-cap-mau-hoi-an",
        "Trường Trung cấp Mẫu Hội An",
        "trung-cap",
        "cong-lap",
        "Đà Nẵng",
        True,
        8,
    ),
    (
        "cao-dang-mau-nghe-an",
        "Trường Cao đẳng Kỹ thuật Mẫu Vinh",
        "cao-dang",
        "cong-lap",
        "Nghệ An",
        True,
        12,
    ),
    (
        "gdnn-gdtx-mau-do-luong",
        "Trung tâm GDNN-GDTX Mẫu Đô Lương",
        "gdnn-gdtx",
        "cong-lap",
        "Nghệ An",
        True,
        6,
    ),
    (
        "cao-dang-mau-thai-nguyen",
        "Trường Cao đẳng Công nghiệp Mẫu Thái Nguyên",
        "cao-dang",
        "cong-lap",
        "Thái Nguyên",
        True,
        12,
    ),
    (
        "trung-cap-dan-toc-noi-tru-mau",
        "Trường Trung cấp Dân tộc nội trú Mẫu Bắc Kạn",
        "trung-cap",
        "cong-lap",
        "Thái Nguyên",
        True,
        8,
    ),
    (
        "cao-dang-mau-lam-dong",
        "Trường Cao đẳng Nông lâm Mẫu Đà Lạt",
        "cao-dang",
        "cong-lap",
        "Lâm Đồng",
        True,
        10,
    ),
    (
        "doanh-nghiep-dao-tao-mau",
        "Trung tâm đào tạo của Công ty Cơ khí Mẫu",
        "khac",
        "tu-thuc",
        "Hải Phòng",
        False,
        4,
    ),
]

# (occupation slug, programme name, the code's last six digits; the field is digits 1–2)
CATALOGUE = [
    ("dien-cong-nghiep", "Điện công nghiệp", "520227"),
    ("cong-nghe-o-to", "Công nghệ ô tô", "510216"),
    ("han", "Hàn", "520123"),
    ("ke-toan", "Kế toán doanh nghiệp", "340302"),
    ("lap-trinh-vien", "Lập trình máy tính", "480202"),
    ("ky-thuat-vien-may-tinh", "Quản trị mạng máy tính", "480209"),
    ("nau-an", "Kỹ thuật chế biến món ăn", "810207"),
    ("dieu-duong", "Điều dưỡng", "720301"),
    ("may-thoi-trang", "May thời trang", "540205"),
    ("dien-lanh", "Kỹ thuật máy lạnh và điều hòa không khí", "520205"),
    ("quan-tri-khach-san", "Quản trị khách sạn", "810201"),
    ("thiet-ke-do-hoa", "Thiết kế đồ họa", "210402"),
    ("co-dien-tu", "Cơ điện tử", "520263"),
    ("logistics", "Logistics", "340113"),
    ("cat-got-kim-loai", "Cắt gọt kim loại", "520121"),
    ("huong-dan-du-lich", "Hướng dẫn du lịch", "810103"),
    ("thuong-mai-dien-tu", "Thương mại điện tử", "340122"),
    ("duoc", "Dược", "720201"),
    ("cham-soc-sac-dep", "Chăm sóc sắc đẹp", "810404"),
    ("nuoi-trong-thuy-san", "Nuôi trồng thủy sản", "620303"),
    ("trong-trot", "Bảo vệ thực vật", "620116"),
    ("thu-y", "Thú y", "640101"),
    ("ky-thuat-xay-dung", "Xây dựng dân dụng và công nghiệp", "580201"),
    ("moc-xay-dung", "Mộc xây dựng và trang trí nội thất", "580207"),
    ("quan-tri-nha-hang", "Quản trị nhà hàng", "810206"),
    ("che-bien-thuc-pham", "Công nghệ chế biến thực phẩm", "540103"),
    ("cong-tac-xa-hoi", "Công tác xã hội", "760101"),
    ("dien-dan-dung", "Điện dân dụng", "520226"),
    ("sua-chua-xe-may", "Sửa chữa máy xe gắn máy", "510218"),
    ("pha-che-do-uong", "Pha chế đồ uống", "810203"),
]

# The levels an institution of each type trains at, in the order its programmes cycle.
LEVELS_BY_TYPE = {
    "cao-dang": ["cao-dang", "trung-cap"],
    "trung-cap": ["trung-cap", "trung-cap", "so-cap"],
    "gdnn-gdtx": ["trung-cap", "so-cap"],
    "gdnn": ["so-cap", "trung-cap"],
    "khac": ["so-cap"],
}
DURATION = {"cao-dang": 30, "trung-cap": 24, "so-cap": 3}
TUITION = {"cao-dang": 1_250_000, "trung-cap": 980_000, "so-cap": 2_400_000}
ENTRY = {
    "cao-dang": "Tốt nghiệp THPT hoặc tương đương; hoặc tốt nghiệp trung cấp cùng ngành.",
    "trung-cap": "Tốt nghiệp THCS (hết lớp 9) trở lên.",
    "so-cap": "Từ đủ 15 tuổi, có sức khỏe phù hợp với nghề.",
}
EXEMPTIONS = {
    "cao-dang": "Giảm 70% học phí cho học sinh dân tộc thiểu số ở vùng khó khăn; miễn học phí cho người khuyết tật, con hộ nghèo (dữ liệu mẫu – xem quy định hiện hành).",
    "trung-cap": "Miễn học phí cho người tốt nghiệp THCS học trung cấp; học sinh dân tộc thiểu số được hỗ trợ thêm (dữ liệu mẫu – xem quy định hiện hành).",
    "so-cap": "Lao động nông thôn, người khuyết tật, người thuộc hộ nghèo được hỗ trợ chi phí khóa học (dữ liệu mẫu).",
}
COLOURS = [BLUE, GREEN, ORANGE, PURPLE, NAVY, BROWN]
OPEN_NOW = (datetime.date(2026, 10, 1), datetime.date(2027, 9, 30))
LATER = (datetime.date(2027, 3, 1), datetime.date(2027, 9, 30))

SUPPORT_POLICIES = [
    (
        "mien-giam-hoc-phi",
        "Miễn học phí trung cấp cho người tốt nghiệp THCS",
        "Học sinh tốt nghiệp THCS học tiếp trình độ trung cấp.",
        "Miễn toàn bộ học phí trong thời gian học (theo Luật Giáo dục nghề nghiệp và các nghị định hướng dẫn; xem văn bản hiện hành).",
        [],
        ["trung-cap"],
    ),
    (
        "noi-tru",
        "Học bổng và trợ cấp nội trú",
        "Học sinh dân tộc thiểu số, học sinh ở vùng có điều kiện kinh tế – xã hội đặc biệt khó khăn, học sinh khuyết tật.",
        "Học bổng chính sách hằng tháng, hỗ trợ mua đồ dùng cá nhân, tiền đi lại dịp Tết (mức cụ thể theo quy định hiện hành).",
        ["dan-toc-thieu-so", "khuyet-tat"],
        ["trung-cap", "cao-dang"],
    ),
    (
        "tin-dung",
        "Vay vốn học tập",
        "Học sinh, sinh viên có hoàn cảnh khó khăn.",
        "Vay qua Ngân hàng Chính sách xã hội tại địa phương; trường xác nhận đang học.",
        ["ho-ngheo"],
        [],
    ),
    (
        "hoc-bong",
        "Học bổng khuyến khích học tập (mẫu)",
        "Học sinh có kết quả học tập, rèn luyện tốt mỗi học kỳ.",
        "Xét mỗi học kỳ; mức học bổng mẫu bằng 1 tháng học phí.",
        [],
        [],
    ),
    (
        "dan-toc-thieu-so",
        "Hỗ trợ học sinh dân tộc thiểu số (mẫu)",
        "Học sinh người dân tộc thiểu số có hộ khẩu thường trú ở xã vùng khó khăn.",
        "Hỗ trợ tiền ăn, sách vở và một chuyến về quê mỗi học kỳ (dữ liệu mẫu – mức và đối "
        "tượng thật theo quy định hiện hành, hỏi phòng công tác học sinh của trường).",
        ["dan-toc-thieu-so"],
        [],
    ),
]
# A boarding policy only where the school has a dormitory.
BOARDING_KIND = "noi-tru"

# What a school publishes as its next step (the shape of real notices; sample contacts).
APPLY_HOW = (
    "Điền phiếu đăng ký xét tuyển tại phòng tuyển sinh của trường hoặc trên trang web của trường.\n"
    "Nộp hồ sơ trực tiếp hoặc gửi qua bưu điện trong thời gian nhận hồ sơ.\n"
    "Trường xét tuyển theo học bạ, không thi; kết quả báo qua điện thoại, Zalo và thư."
)
APPLY_DOCUMENTS = (
    "Phiếu đăng ký xét tuyển (theo mẫu của trường)\n"
    "Bản sao bằng tốt nghiệp THCS hoặc THPT, hoặc giấy chứng nhận tốt nghiệp tạm thời\n"
    "Bản sao học bạ\n"
    "Bản sao giấy khai sinh và căn cước\n"
    "2 ảnh 3×4\n"
    "Giấy tờ chứng nhận đối tượng ưu tiên, miễn giảm học phí (nếu có)"
)
ADMISSIONS_NOTICE = (
    "<p>Thông báo tuyển sinh năm 2027 (dữ liệu mẫu): trường nhận hồ sơ các ngành trình độ "
    "cao đẳng, trung cấp và sơ cấp; xét tuyển theo học bạ. Thời gian nhận hồ sơ của từng ngành "
    "ghi trên trang ngành đó.</p>"
)

# Demo-only passwords for a local demo; printed by load_demo, kept nowhere else.
STAFF_ACCOUNTS = [
    ("truong1", "truong1@demo", "Cán bộ tuyển sinh (mẫu) – Cao đẳng Kỹ thuật Mẫu Cần Thơ", 0),
    ("truong2", "truong2@demo", "Cán bộ tuyển sinh (mẫu) – Trung cấp Nghề Mẫu Tây Đô", 1),
]


def _say(stdout, message):
    if stdout is not None:
        stdout.write(message + "\n")


def find_province(short_name):
    wanted = fold(short_name)
    for province in Province.objects.filter(structure=Structure.CURRENT):
        if fold(province.short_name) == wanted:
            return province
    return None


def institution_fields(number, row, province):
    slug, name, kind, ownership, _province, boarding, _count = row
    commune = (
        Commune.objects.filter(structure=Structure.CURRENT, province=province)
        .order_by("short_name")[number * 7 % 20 : number * 7 % 20 + 1]
        .first()
    )
    return {
        "title": name,
        "institution_type": kind,
        "ownership": ownership,
        "summary": f"Cơ sở đào tạo hư cấu để minh họa cổng thông tin (dữ liệu mẫu), tại {province.short_name}.",
        "search_description": f"{name}: ngành học, học phí, hỗ trợ, ký túc xá (dữ liệu mẫu).",
        "province": province,
        "commune": commune,
        "address": f"Số {number * 12 + 5} đường Mẫu",
        "latitude": province.latitude,
        "longitude": province.longitude,
        "phone": f"0200 000 {number:03d}",
        "admissions_zalo": f"0200000{number:03d}",
        "email": f"tuyensinh-{number}@example.com",
        "apply_how": APPLY_HOW,
        "apply_documents": APPLY_DOCUMENTS,
        "admissions": [("paragraph", ADMISSIONS_NOTICE)],
        "boarding": boarding,
        "boarding_details": "Ký túc xá mẫu 300 chỗ, 150.000 đồng/tháng; ưu tiên học sinh ở xa, học sinh dân tộc thiểu số."
        if boarding
        else "",
        "facilities": "Xưởng thực hành theo ngành\nPhòng máy tính\nThư viện\nSân thể thao",
        "support_policies": [
            (
                "policy",
                {
                    "kind": kind_,
                    "title": title,
                    "who": who,
                    "groups": groups,
                    "levels": levels,
                    "details": details,
                },
            )
            for kind_, title, who, details, groups, levels in SUPPORT_POLICIES[
                number % 2 : 3 + number % 3
            ]
            if boarding or kind_ != BOARDING_KIND
        ],
        "image": get_or_create_image(f"Ảnh mẫu – {name}", name, COLOURS[number % len(COLOURS)]),
        "is_sample": True,
    }


def add_next_step(school):
    """Give a demo school loaded before these fields existed its sample next step (once)."""
    if school.apply_how:
        return
    school.apply_how, school.apply_documents = APPLY_HOW, APPLY_DOCUMENTS
    if not school.admissions_zalo:
        school.admissions_zalo = "".join(char for char in school.phone if char.isdigit())[:11]
    if not school.admissions:
        school.admissions = [("paragraph", ADMISSIONS_NOTICE)]
    school.save_revision().publish()


def programme_rows(number, row):
    """The (catalogue entry, level) pairs institution ``number`` offers."""
    kind, count = row[2], row[6]
    levels = itertools.cycle(LEVELS_BY_TYPE[kind])
    start = number * 5
    return [(CATALOGUE[(start + k) % len(CATALOGUE)], next(levels)) for k in range(count)]


def programme(entry, level, number, k, fields, occupations):
    slug, name, code6 = entry
    code = "" if level == "so-cap" else ("6" if level == "cao-dang" else "5") + code6
    period = OPEN_NOW if (number + k) % 2 == 0 else LATER
    page = ProgramPage(
        title=name,
        slug=f"{fold(name).replace(' ', '-')}-{level}",
        code=code,
        level=level,
        summary=f"Chương trình {name.lower()} trình độ {ProgrammeLevel(level).label.lower()} (dữ liệu mẫu).",
        training_field=fields.get(code6[:2]),
        duration_months=DURATION[level],
        mode="vua-lam-vua-hoc" if level == "cao-dang" and k % 5 == 4 else "chinh-quy",
        nine_plus=level == "trung-cap" and k % 2 == 0,
        entry_requirements=ENTRY[level],
        quota=30 + (number * 7 + k * 11) % 90,
        admission_start=period[0],
        admission_end=period[1],
        tuition=0 if level == "trung-cap" and k % 3 == 0 else TUITION[level] + 50_000 * (k % 4),
        tuition_period="khoa" if level == "so-cap" else "thang",
        tuition_exemptions=EXEMPTIONS[level],
        campus="Cơ sở chính",
        outcomes_text="Làm việc tại doanh nghiệp trong tỉnh và khu công nghiệp lân cận, hoặc học liên thông lên trình độ cao hơn.",
        is_sample=True,
    )
    if slug in occupations:
        page.occupations = [occupations[slug]]
    if level != "so-cap" and k % 3 == 0:
        page.outcomes = [
            ProgrammeOutcome(
                year=2025,
                rate=Decimal(80 + (number + k) % 17),
                surveyed=20 + k,
                survey_date=datetime.date(2026, 3, 15),
                status="da-xac-minh" if k % 2 else "tu-bao-cao",
            )
        ]
    return page


def load_institutions(index, stdout=None):
    fields = {field.code: field for field in TrainingField.objects.all()}
    occupations = {page.slug: page for page in OccupationPage.objects.live()}
    institutions = []
    created_programmes = 0
    for number, row in enumerate(INSTITUTIONS):
        province = find_province(row[4])
        if province is None:
            _say(stdout, f"Không thấy tỉnh {row[4]}: bỏ qua {row[1]}.")
            continue
        school = index.get_children().filter(slug=row[0]).first()
        if school is None:
            school = InstitutionPage(slug=row[0], **institution_fields(number, row, province))
            school.outcomes = [
                InstitutionOutcome(
                    year=year,
                    rate=Decimal(78 + (number * 3 + year) % 18),
                    surveyed=120 + number * 10,
                    survey_date=datetime.date(year + 1, 3, 1),
                    status="da-xac-minh" if year == 2024 and number % 2 == 0 else "tu-bao-cao",
                )
                for year in (2024, 2025)
            ]
            index.add_child(instance=school)
            school.save_revision().publish()
        else:
            school = school.specific
            add_next_step(school)
        institutions.append(school)
        taken = set(school.get_children().values_list("slug", flat=True))
        for k, (entry, level) in enumerate(programme_rows(number, row)):
            page = programme(entry, level, number, k, fields, occupations)
            if page.slug in taken:
                continue
            school.add_child(instance=page)
            page.save_revision().publish()
            created_programmes += 1
    _say(
        stdout,
        f"Trường: {len(institutions)}; ngành mới: {created_programmes}, "
        f"ngành tất cả: {ProgramPage.objects.descendant_of(index).count()}.",
    )
    return institutions


def load_institutions_demo(home_page, stdout=None):
    """The /truong/ section with sample institutions and programmes, and two staff accounts.

    Returns the demo accounts of the staff of the first two institutions (for printing).
    Run after the careers demo so programmes link to occupation pages, and after the
    enterprises demo so the sample schools link to the sample enterprises.
    """
    with transaction.atomic():
        index = get_or_create_page(home_page, InstitutionIndexPage, "truong", **INDEX)
        institutions = load_institutions(index, stdout)
        partnerships = load_demo_partnerships({school.slug: school for school in institutions})
        policies = StandardPage.objects.child_of(home_page).filter(slug=POLICY_PAGE_SLUG).first()
        get_or_create_page(
            policies or home_page, SupportPolicyIndexPage, "cac-truong", **POLICIES_INDEX
        )
        _say(stdout, f"Liên kết trường – doanh nghiệp mẫu: {partnerships} mới.")
        accounts = []
        for username, password, name, position in STAFF_ACCOUNTS:
            if position >= len(institutions):
                continue
            access = ensure_school_access(institutions[position])
            account = DemoAccount(
                username,
                password,
                name,
                f"cán bộ trường: {institutions[position].title}",
                groups=(access.group.name,),
            )
            ensure_user(account)
            accounts.append(account)
    return accounts
