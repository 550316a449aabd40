"""The directory's demo (/truong/): fictional schools, their programmes and their sample
partnerships with the enterprises of the careers demo, as data in ``institutions/demo/`` (one
file per school), the schools' policies page, and the admissions staff of two of them.

Every school there is invented ("… Mẫu …"), marked ``is_sample`` (the page shows
"Dữ liệu mẫu") and carries only sample figures; no real school is named.
"""

from pathlib import Path

from wagtail.models import Page

from institutions.accounts import ensure_school_access
from website.demo import Demo, DemoAccount, ensure_user


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


INSTITUTIONS_DEMO = Demo(Path(__file__).parent / "demo", after=add_staff_accounts)
