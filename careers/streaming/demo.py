"""The streaming demo: the statistics pages (data in ``careers/streaming/demo/``), the real
streaming targets and results published in the plans, and two data officers."""

from pathlib import Path

from django.core.exceptions import ValidationError

from careers.streaming.access import ensure_officer_group, find_area
from careers.streaming.importers import load_real_figures
from website.demo import Demo, DemoAccount, ensure_user
from website.models.areas import Province


def load_figures_and_officers(run):
    """The real figures, and the data's ``officer`` accounts, each in the group of its area
    (both skipped while the administrative units are not loaded)."""
    if not Province.objects.exists():
        run.say("Chưa có đơn vị hành chính (manage.py load_admin_units): bỏ qua phân luồng.")
        return
    for name, result in load_real_figures().items():
        if result.ok:
            run.say(f"{name}: {result.created} số liệu phân luồng mới.")
        else:
            run.say(f"{name}: không nạp được ({result.errors[0]}).")
    for entry in run.data["officer"]:
        try:
            province, district = find_area(**entry["area"])
        except ValidationError:  # this area is not loaded
            continue
        group = ensure_officer_group(province=province, district=district)
        account = DemoAccount(
            entry["username"], entry["password"], entry["name"], entry["role"], groups=(group.name,)
        )
        ensure_user(account)
        run.accounts.append(account)


STREAMING_DEMO = Demo(Path(__file__).parent / "demo", after=load_figures_and_officers)
