"""The directory's demo (/truong/): fictional schools and their programmes, as data in
``institutions/demo/`` (one file per school), and the admissions staff of two of them.

Every school there is invented ("… Mẫu …"), marked ``is_sample`` (the page shows
"Dữ liệu mẫu") and carries only sample figures; no real school is named.
"""

from pathlib import Path

from wagtail.models import Page

from careers.enterprise_demo import load_enterprises_demo
from institutions.accounts import ensure_school_access
from institutions.models import InstitutionPage, SupportPolicyIndexPage
from institutions.partners import load_demo_partnerships
from website.demo import Demo, DemoAccount, ensure_user

POLICIES_INDEX = {
    "title": "Chính sách hỗ trợ của các trường",
    "intro": (
        "Học bổng, miễn giảm học phí, hỗ trợ nội trú, vay vốn mà từng trường công bố; lọc "
        "chính sách cho học sinh dân tộc thiểu số. Chính sách của các trường mẫu là dữ liệu mẫu."
    ),
    "is_sample": True,
}


def add_staff_accounts(run):
    """The data's ``staff``: an admissions officer of a school, who edits only that school."""
    for entry in run.data["staff"]:
        school = run.find(Page, entry["school"])
        if school is None:
            continue
        school = school.specific
        account = DemoAccount(
            entry["username"],
            entry["password"],
            entry["name"],
            f"cán bộ trường: {school.title}",
            groups=(ensure_school_access(school).group.name,),
        )
        ensure_user(account)
        run.accounts.append(account)


def add_enterprises_and_policies(run):
    """The staff accounts; the sample enterprises (careers/data/demo_enterprises.toml) and
    their sample partnerships with the schools; the schools' policies page."""
    add_staff_accounts(run)
    load_enterprises_demo(run.home, run.stdout)
    schools = {school.slug: school for school in InstitutionPage.objects.live()}
    run.say(f"Liên kết trường – doanh nghiệp mẫu: {load_demo_partnerships(schools)} mới.")
    if not SupportPolicyIndexPage.objects.exists():
        page = SupportPolicyIndexPage(slug="chinh-sach-cac-truong", **POLICIES_INDEX)
        run.home.add_child(instance=page)
        page.save_revision().publish()


INSTITUTIONS_DEMO = Demo(Path(__file__).parent / "demo", after=add_enterprises_and_policies)
