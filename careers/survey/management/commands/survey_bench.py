import signal
import statistics
import subprocess
import sys

from django.core.management.base import BaseCommand

from careers.survey import bench


class Command(BaseCommand):
    help = (
        "Đo tải khảo sát nguyện vọng: số liệu tổng hợp của một tỉnh 30.000 phiếu và tốc độ nhận "
        "phiếu, qua gunicorn với cấu hình production (docs/benchmarks.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8350)
        parser.add_argument("--runs", type=int, default=100)
        parser.add_argument("--rate", type=int, default=100, help="phiếu mỗi giây")
        parser.add_argument("--seconds", type=int, default=20)
        parser.add_argument("--schools", type=int, default=150)

    def handle(self, *args, port, runs, rate, seconds, schools, **options):
        # Stopped by a signal, still stop the server and delete what was made.
        signal.signal(signal.SIGTERM, lambda *_args: sys.exit(1))
        bench.cleanup()
        data = bench.generate(schools=schools)
        env = bench.server_env(port)
        server = None
        try:
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                env=env,
                check=True,
            )
            session_key = bench.officer_session(data.province)
            server = bench.start_gunicorn(port, env)
            self.stdout.write(
                f"Tỉnh đo tải: {data.answers} phiếu ({data.answers // 2} mỗi năm), "
                f"{schools} trường."
            )
            bench.time_results(port, session_key, data, 5)  # warm up
            times, errors = bench.time_results(port, session_key, data, runs)
            self.stdout.write(
                f"Kết quả cấp tỉnh ({runs} lần): p50 {statistics.median(times):.0f} ms, "
                f"p95 {bench.percentile(times, 0.95):.0f} ms, lớn nhất {max(times):.0f} ms, "
                f"{errors} lỗi."
            )
            sent, failed, latencies, elapsed = bench.load_answers(port, data, rate, seconds)
            self.stdout.write(
                f"Nhận phiếu: {sent} phiếu trong {elapsed:.1f} s ({sent / elapsed:.0f} phiếu/s), "
                f"{failed} lỗi; mỗi em (GET + POST) p50 {statistics.median(latencies):.0f} ms, "
                f"p95 {bench.percentile(latencies, 0.95):.0f} ms."
            )
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=30)
            bench.cleanup()
