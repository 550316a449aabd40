"""A text progress bar for long imports, written to a terminal (silent elsewhere)."""


class ProgressBar:
    WIDTH = 30

    def __init__(self, stream, minimum_rows=1000):
        self.stream = stream
        self.minimum_rows = minimum_rows
        self.shown = False

    def __call__(self, stage, done, total):
        if total < self.minimum_rows:
            return
        filled = int(self.WIDTH * done / total) if total else self.WIDTH
        bar = "█" * filled + "·" * (self.WIDTH - filled)
        self.stream.write(f"\r{stage:>9} [{bar}] {done}/{total}", ending="")
        self.stream.flush()
        self.shown = True

    def finish(self):
        if self.shown:
            self.stream.write("")
            self.shown = False
