from django.core.management.base import BaseCommand, CommandError

from careers.gso import import_gso_yearbook
from website.progress import ProgressBar


class Command(BaseCommand):
    help = "Nạp các bảng Niên giám thống kê 2016 (Tổng cục Thống kê) có sẵn trong careers/data."

    def handle(self, *args, **options):
        progress = ProgressBar(self.stderr)
        results = import_gso_yearbook(progress=progress)
        progress.finish()
        failed = False
        for name, result in results.items():
            if result.ok:
                self.stdout.write(
                    f"{name}: {result.created} mới, {result.updated} cập nhật, "
                    f"{result.unchanged} không đổi."
                )
            else:
                failed = True
                for error in result.errors:
                    self.stderr.write(f"{name}: {error}")
        if failed:
            raise CommandError("Có bảng không nạp được (xem lỗi ở trên).")
