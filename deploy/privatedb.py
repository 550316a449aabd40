"""A private PostgreSQL cluster in a temporary folder, for the fault and restore checks.

Never the machine's shared server: these checks restart and wipe their database.
"""

import shutil
import subprocess
import tempfile
import time
from pathlib import Path


def _as_postgres(*command):
    """PostgreSQL refuses to run its server as root."""
    return ["runuser", "-u", "postgres", "--", *command]


class PrivateCluster:
    def __init__(self, port):
        self.port = int(port)
        self.folder = Path(tempfile.mkdtemp(prefix="hn-private-pg-"))
        shutil.chown(self.folder, "postgres")
        self.data = self.folder / "data"

    def url(self, database):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self):
        if not self.data.exists():
            subprocess.run(
                _as_postgres("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                             "-E", "UTF8", "--locale=C.UTF-8"),
                check=True, capture_output=True,
            )  # fmt: skip
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        subprocess.run(
            _as_postgres("pg_ctl", "-D", str(self.data), "-o", options, "-w",
                         "-l", str(self.folder / "server.log"), "start"),
            check=True, capture_output=True,
        )  # fmt: skip

    def restart(self):
        """Stop (fast: open connections are cut) and start again; seconds it took."""
        started = time.monotonic()
        subprocess.run(
            _as_postgres("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop"),
            check=True,
            capture_output=True,
        )
        self.start()
        return time.monotonic() - started

    def stop(self):
        subprocess.run(
            _as_postgres("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop"),
            capture_output=True,
        )
        shutil.rmtree(self.folder, ignore_errors=True)

    def psql(self, sql, database="postgres"):
        subprocess.run(["psql", self.url(database), "-qc", sql], check=True, capture_output=True)

    def copy_from(self, source_url, database):
        """A database here with everything ``source_url`` holds (pg_dump | pg_restore)."""
        self.psql(f"CREATE DATABASE {database}")
        dump = subprocess.Popen(["pg_dump", "-Fc", source_url], stdout=subprocess.PIPE)
        subprocess.run(
            ["pg_restore", "--no-owner", "-d", self.url(database)], stdin=dump.stdout, check=True
        )
        if dump.wait() != 0:
            raise RuntimeError(f"pg_dump of {source_url} failed")
