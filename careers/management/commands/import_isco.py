from django.core.management.base import BaseCommand

from careers.importers import import_isco, import_training_fields


class Command(BaseCommand):
    help = (
        "Nạp nhóm nghề ISCO-08 (ILO) và hồ sơ sở thích RIASEC theo nhóm (từ O*NET 29.3, "
        "CC BY 4.0), cùng danh mục nhóm ngành đào tạo cấp II. Chạy lại không tạo bản trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--codes", help="tệp mã ISCO-08 (mặc định: careers/data)")
        parser.add_argument("--riasec", help="tệp RIASEC theo ISCO-08 (mặc định: careers/data)")

    def handle(self, *args, codes=None, riasec=None, **options):
        created, updated = import_isco(codes, riasec)
        fields = import_training_fields()
        self.stdout.write(
            self.style.SUCCESS(
                f"ISCO-08: {created} nhóm mới, {updated} cập nhật. "
                f"Nhóm ngành đào tạo: {fields} mới."
            )
        )
