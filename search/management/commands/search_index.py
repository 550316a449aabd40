from django.core.management.base import BaseCommand, CommandError

from search.engines import ElasticsearchRefused, ElasticsearchUnavailable
from search.indexing import rebuild
from search.kinds import get_kind, kinds
from website.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Dựng lại chỉ mục tìm kiếm: các dòng tìm kiếm trong cơ sở dữ liệu, và chỉ mục "
        "Elasticsearch mới rồi chuyển alias sang (không gián đoạn) khi có ELASTICSEARCH_URL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Dựng lại từ đầu.")
        parser.add_argument("--kind", choices=[kind.name for kind in kinds()], help="Chỉ một loại.")

    def handle(self, *args, **options):
        if not options["rebuild"]:
            raise CommandError("Dùng --rebuild để dựng lại chỉ mục.")
        selected = [get_kind(options["kind"])] if options["kind"] else kinds()
        for kind in selected:
            bar = ProgressBar(self.stdout, minimum_rows=1)
            try:
                report = rebuild(kind, progress=bar)
            except ElasticsearchUnavailable as error:
                bar.finish()
                raise CommandError(
                    f"Không kết nối được Elasticsearch ({error}); các dòng tìm kiếm trong cơ "
                    "sở dữ liệu đã được dựng lại, chỉ mục cũ vẫn giữ nguyên."
                ) from error
            except ElasticsearchRefused as error:
                bar.finish()
                raise CommandError(
                    f"Elasticsearch từ chối yêu cầu: {error}. Chỉ mục mới dở dang đã được xóa, "
                    "chỉ mục cũ vẫn giữ nguyên; các dòng tìm kiếm trong cơ sở dữ liệu đã được "
                    "dựng lại."
                ) from error
            bar.finish()
            for line in report:
                self.stdout.write(line)
