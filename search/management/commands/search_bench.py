from django.core.management.base import BaseCommand, CommandError

from search import bench

INDEX_LABELS = {
    "reload": "nạp lại từ mọi dòng (trước đây, sau mỗi lần xuất bản)",
    "in place": "cập nhật tại chỗ (một chương trình, cùng vị trí)",
    "in place, moved": "cập nhật tại chỗ (đổi tên, đổi vị trí theo tên)",
}


class Command(BaseCommand):
    help = (
        "Đo tốc độ tìm kiếm trên dữ liệu tổng hợp (1.000 nghề, mỗi trường 40 chương trình, "
        "mặc định 20.000 chương trình, 34 tỉnh) và so với tìm kiếm cơ sở dữ liệu của Wagtail "
        "dùng .facet(). "
        "Dữ liệu được tạo trong một giao dịch và xóa khi xong (trừ khi --keep)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=40, help="Số lần đo mỗi truy vấn.")
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Giữ lại dữ liệu tổng hợp (lần chạy sau đo lại trên chính dữ liệu đó).",
        )
        parser.add_argument(
            "--programmes",
            type=int,
            default=bench.PROGRAMMES,
            help="Số chương trình tổng hợp (mỗi trường 40; ví dụ 100000).",
        )

    def handle(self, *args, **options):
        try:
            if options["programmes"] < bench.PER_SCHOOL:
                raise RuntimeError(f"--programmes phải từ {bench.PER_SCHOOL} trở lên.")
            rows, peer, index = bench.run(
                options["runs"],
                options["keep"],
                out=self.stdout.write,
                programmes=options["programmes"],
            )
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
        self.stdout.write(
            "Chỉ mục bộ lọc trong bộ nhớ (chương trình), lần tìm đầu sau khi xuất bản:"
        )
        for label in ("reload", "in place", "in place, moved"):
            p50, p95 = index[label]
            self.stdout.write(f"  {INDEX_LABELS[label]:<52} p50 {p50:>7.1f} ms, p95 {p95:>7.1f} ms")
        self.stdout.write(f"  bộ nhớ mỗi tiến trình {index['memory'] / 1_000_000:.1f} MB")
