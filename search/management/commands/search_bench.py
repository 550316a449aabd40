from django.core.management.base import BaseCommand, CommandError

from search import bench


class Command(BaseCommand):
    help = (
        "Đo tốc độ tìm kiếm trên dữ liệu tổng hợp (1.000 nghề, 500 trường, 20.000 chương "
        "trình, 34 tỉnh) và so với tìm kiếm cơ sở dữ liệu của Wagtail dùng .facet(). "
        "Dữ liệu được tạo trong một giao dịch và xóa khi xong (trừ khi --keep)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=40, help="Số lần đo mỗi truy vấn.")
        parser.add_argument("--keep", action="store_true", help="Giữ lại dữ liệu tổng hợp.")

    def handle(self, *args, **options):
        try:
            rows, peer, index = bench.run(options["runs"], options["keep"], out=self.stdout.write)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("")
        self.stdout.write(f"{'truy vấn':<40} {'kết quả':>8} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>4}")
        for label, total, p50, p95, statements in rows:
            self.stdout.write(f"{label:<40} {total:>8} {p50:>8.1f} {p95:>8.1f} {statements:>4}")
        peer_p50, peer_p95, peer_statements, peer_runs = peer
        self.stdout.write(
            f"{'đối chứng: Wagtail search + 6 × .facet()':<40} {'':>8} {peer_p50:>8.1f} "
            f"{peer_p95:>8.1f} {peer_statements:>4}  ({peer_runs} lần)"
        )
        ours = next(row for row in rows if row[0].startswith("từ khóa + 6"))
        self.stdout.write(
            f"Tỉ lệ (ta / đối chứng, cùng truy vấn “điện” + 6 bộ lọc): "
            f"p95 {ours[3] / peer_p95:.3f}×, p50 {ours[2] / peer_p50:.3f}×"
        )
        load_p50, load_p95, memory = index
        self.stdout.write(
            f"Chỉ mục bộ lọc trong bộ nhớ (chương trình): nạp lại sau khi xuất bản "
            f"p50 {load_p50:.0f} ms, p95 {load_p95:.0f} ms; bộ nhớ mỗi tiến trình "
            f"{memory / 1_000_000:.1f} MB"
        )
