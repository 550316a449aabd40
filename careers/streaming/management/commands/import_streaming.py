from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careers.importers import MAX_FILE_BYTES
from careers.streaming.importers import import_streaming


class Command(BaseCommand):
    help = (
        "Nhập chỉ tiêu và kết quả phân luồng từ tệp CSV hoặc XLSX (xem docs/streaming.md); "
        "số liệu được đăng ngay."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .csv hoặc .xlsx")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không thấy tệp “{file}”.")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError("Tệp lớn hơn 10 MB: hãy chia nhỏ.")
        with path.open("rb") as handle:
            result = import_streaming(handle, path.name)
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
