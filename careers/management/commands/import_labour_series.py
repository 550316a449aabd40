from careers.importers import MAX_FILE_BYTES, import_series
from website.table_import import ImportCommand


class Command(ImportCommand):
    help = "Nhập số liệu thị trường lao động từ tệp CSV hoặc XLSX (xem docs/labour-data.md)."
    max_bytes = MAX_FILE_BYTES * 10
    progress = True

    def run_import(self, file, filename, progress):
        return import_series(file, filename, progress=progress)
