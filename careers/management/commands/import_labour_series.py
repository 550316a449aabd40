from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careers.importers import MAX_FILE_BYTES, import_series
from careers.progress import ProgressBar


class Command(BaseCommand):
    help = "Nhập số liệu thị trường lao động từ tệp CSV hoặc XLSX (xem docs/labour-data.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .csv hoặc .xlsx")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không thấy tệp “{file}”.")
        if path.stat().st_size > MAX_FILE_BYTES * 10:
            raise CommandError("Tệp lớn hơn 100 MB: hãy chia nhỏ.")
        progress = ProgressBar(self.stderr)
        with path.open("rb") as handle:
            result = import_series(handle, path.name, progress=progress)
        progress.finish()
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Không ghi dòng nào: {len(result.errors)} lỗi trong {result.rows} dòng."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập {result.rows} dòng: {result.created} mới, {result.updated} cập nhật, "
                f"{result.unchanged} không đổi."
            )
        )
