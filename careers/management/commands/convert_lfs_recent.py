from django.core.management.base import BaseCommand, CommandError

from careers.lfs import SERIES_FILE, ConversionError, write_series_file


class Command(BaseCommand):
    help = (
        "Chuyển số liệu lao động 2019–2025 (careers/data/lfs_recent/) sang mẫu nhập chuỗi số "
        "liệu, ghi careers/data/lfs_recent_series.csv; nạp tệp đó bằng import_labour_series."
    )

    def handle(self, *args, **options):
        try:
            rows = write_series_file()
        except ConversionError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{SERIES_FILE.name}: {rows} dòng.")
