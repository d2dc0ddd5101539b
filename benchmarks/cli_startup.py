"""Start-up time of the CLI commands that need no spaCy, beside a bare interpreter.

Median of 5 wall times of each command (``--help``: parsing and importing only), run in a
fresh process as a user would. Target: under 0.4 s for ``export --help`` and ``compare --help``.

    python benchmarks/cli_startup.py
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 5
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "rhetoric export --help": [sys.executable, "-m", "rhetoric", "export", "--help"],
    "rhetoric compare --help": [sys.executable, "-m", "rhetoric", "compare", "--help"],
}


def wall_time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    for name, command in COMMANDS.items():
        wall_time(command)  # warm the file cache
        times = [wall_time(command) for _ in range(RUNS)]
        print(f"{name:<26} median {statistics.median(times):.3f} s  (min {min(times):.3f}, max {max(times):.3f})")


if __name__ == "__main__":
    main()
