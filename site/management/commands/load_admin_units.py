from django.core.management.base import BaseCommand
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from website.adminunits import load_admin_units


class Command(BaseCommand):
    help = _(
        "Nạp đơn vị hành chính trước và sau 01/7/2025 cùng liên kết sáp nhập "
        "từ gói vietnamadminunits. Chạy lại chỉ cập nhật phần thay đổi."
    )

    def handle(self, *args, verbosity, **options):
        detailed = verbosity > 1
        counts = load_admin_units(progress=self.stdout.write if detailed else None)
        figures = {
            name: number_format(value, force_grouping=True)
            for name, value in counts.items()
            if isinstance(value, int)
        }
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Đã nạp %(provinces)s tỉnh (từ 01/7/2025), %(communes)s xã phường; "
                    "%(legacy_provinces)s tỉnh, %(districts)s quận huyện, "
                    "%(legacy_communes)s xã phường (trước 01/7/2025); "
                    "%(successions)s liên kết sáp nhập."
                )
                % figures
            )
        )
        if counts["created"] or counts["updated"] or counts["deleted"]:
            message = _("Thay đổi: %(created)s bản ghi mới, %(updated)s cập nhật, %(deleted)s xoá.")
        else:
            message = _("Dữ liệu đã đầy đủ, không có gì thay đổi.")
        self.stdout.write(message % figures)
        if detailed:
            for island in counts["districts_without_communes"]:
                self.stdout.write(_("Huyện đảo không có xã nên không có liên kết xã: %s") % island)
        for commune in counts["unmapped"]:
            self.stderr.write(_("Không tìm thấy xã, phường mới cho: %s") % commune)
