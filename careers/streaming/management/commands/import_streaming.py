from careers.streaming.importers import MAX_FILE_BYTES, import_streaming
from website.table_import import ImportCommand


class Command(ImportCommand):
    help = (
        "Nhập chỉ tiêu và kết quả phân luồng từ tệp CSV hoặc XLSX (xem docs/streaming.md); "
        "số liệu được đăng ngay."
    )
    max_bytes = MAX_FILE_BYTES

    def run_import(self, file, filename, progress):
        return import_streaming(file, filename)
