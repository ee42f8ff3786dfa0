"""Benchmark kzfacts as users run it: whole processes, medians of several runs, and ratios
against baselines measured in the same run (`python -c pass`, `python -c "import typer"`),
so the numbers mean the same on any machine. Not part of the test suite.

    python bench/run.py [--runs 10] [--records 100000] [--skip-overlay]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen import generate


def kzfacts_command() -> list[str]:
    exe = Path(sys.executable).parent / "kzfacts"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "kzfacts"]


def run_once(cmd: list[str], env: dict[str, str]) -> float:
    """Wall time (s) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode().strip()[:300]}")
    return elapsed


def peak_rss_mb(cmd: list[str], env: dict[str, str]) -> float | None:
    """Peak RSS of one run, from GNU time: a forked child's own rusage would count the
    benchmark's memory too (the fork image), so a small exec'd wrapper measures it."""
    gnu_time = shutil.which("time", path="/usr/bin:/bin")
    if gnu_time is None:
        return None
    proc = subprocess.run([gnu_time, "-f", "%M", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        return int(proc.stderr.decode().strip().splitlines()[-1]) / 1024
    except (ValueError, IndexError):
        return None


def measure(
    cmd: list[str], env: dict[str, str], runs: int, before: list[str] | None = None
) -> tuple[float, float | None]:
    if before is None:
        run_once(cmd, env)  # warm-up: the index cache and the OS file cache
    times = []
    for _ in range(runs):
        if before:
            subprocess.run(before, env=env, stdout=subprocess.DEVNULL, check=True)
        times.append(run_once(cmd, env))
    if before:
        subprocess.run(before, env=env, stdout=subprocess.DEVNULL, check=True)
    return statistics.median(times), peak_rss_mb(cmd, env)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark kzfacts against same-run baselines.")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--skip-overlay", action="store_true")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="kzfacts-bench-"))
    env = {**os.environ, "KZFACTS_CACHE": str(work / "cache"), "COLUMNS": "100"}
    env.pop("KZFACTS_DATA", None)
    kz = kzfacts_command()
    py = sys.executable
    cases: list[tuple[str, list[str], list[str] | None]] = [
        ("python -c pass", [py, "-c", "pass"], None),
        ('python -c "import typer"', [py, "-c", "import typer"], None),
        ("kzfacts --version", [*kz, "--version"], None),
        ("who president --json", [*kz, "who", "president", "--json"], None),
        ("who ambassador --at 2018-06 --json", [*kz, "who", "ambassador", "--at", "2018-06", "--json"], None),
        ("timeline --from 2015 --json", [*kz, "timeline", "--from", "2015", "--json"], None),
        ("search Expo --json", [*kz, "search", "Expo", "--json"], None),
        ("elections --json", [*kz, "elections", "--json"], None),
        ("timeline --table (COLUMNS=100)", [*kz, "timeline", "--table"], None),
        ("cold: cache clear; who president --json", [*kz, "who", "president", "--json"], [*kz, "cache", "clear"]),
    ]
    if not args.skip_overlay:
        overlay = work / "overlay"
        generate(overlay, args.records)
        data = ["--data", str(overlay)]
        n = f"{args.records // 1000}k"
        cases += [
            (f"{n} overlay: who president --json", [*kz, *data, "who", "president", "--json"], None),
            (f"{n} overlay: search Expo --json", [*kz, *data, "search", "Expo", "--json"], None),
            (
                f"{n} overlay: elections --type presidential --json",
                [*kz, *data, "elections", "--type", "presidential", "--json"],
                None,
            ),
            (
                f"{n} overlay: timeline --from 2015 --json (all matches)",
                [*kz, *data, "timeline", "--from", "2015", "--json"],
                None,
            ),
            (
                f"{n} overlay: cold rebuild (cache clear first)",
                [*kz, *data, "who", "president", "--json"],
                [*kz, "cache", "clear"],
            ),
        ]
    results = []
    for name, cmd, before in cases:
        runs = max(3, args.runs // 3) if before and "overlay" in name else args.runs
        median, rss = measure(cmd, env, runs, before)
        results.append((name, median, rss, runs))
        print(f"  measured {name}: {median * 1000:.1f} ms", file=sys.stderr)
    base_pass, base_typer = results[0][1], results[1][1]
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")  # fmt: skip
    import typer

    print(f"kzfacts run as: {' '.join(kz)}; typer {typer.__version__}\n")
    print("| case | runs | median ms | × python -c pass | × import typer | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, median, rss, runs in results:
        shown = f"{rss:.1f}" if rss is not None else "n/a"
        ratios = f"{median / base_pass:.2f} | {median / base_typer:.2f}"
        print(f"| {name} | {runs} | {median * 1000:.1f} | {ratios} | {shown} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
