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


Case = tuple[str, list[str], "list[str] | None"]


def measure_all(
    cases: list[Case], env: dict[str, str], work: Path, runs: int
) -> list[tuple[str, float, float | None, int]]:
    """Round-robin: every round runs every case once, so a change in machine load touches
    baselines and cases alike and the ratios stay fair. Each case has its own cache folder,
    so a cold case's `cache clear` never cools a warm one."""
    envs = [{**env, "KZFACTS_CACHE": str(work / f"cache-{i}")} for i in range(len(cases))]
    wanted = [
        max(3, runs // 3) if "overlay" in name and (before or "export" in name) else runs for name, _, before in cases
    ]
    for (_, cmd, before), case_env in zip(cases, envs):
        if before is None:
            run_once(cmd, case_env)  # warm-up: the index cache and the OS file cache
    times: list[list[float]] = [[] for _ in cases]
    for round_no in range(runs):
        for i, ((_, cmd, before), case_env) in enumerate(zip(cases, envs)):
            if round_no >= wanted[i]:
                continue
            if before:
                subprocess.run(before, env=case_env, stdout=subprocess.DEVNULL, check=True)
            times[i].append(run_once(cmd, case_env))
        print(f"  round {round_no + 1}/{runs} done", file=sys.stderr)
    results = []
    for i, (name, cmd, before) in enumerate(cases):
        if before:
            subprocess.run(before, env=envs[i], stdout=subprocess.DEVNULL, check=True)
        results.append((name, statistics.median(times[i]), peak_rss_mb(cmd, envs[i]), len(times[i])))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark kzfacts against same-run baselines.")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--skip-overlay", action="store_true")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="kzfacts-bench-"))
    env = {**os.environ, "KZFACTS_CACHE": str(work / "cache"), "COLUMNS": "80"}
    env.pop("KZFACTS_DATA", None)
    # As installed: pip writes every module's bytecode at install time (typer's is there), so the
    # warm-up run writes kzfacts's too; with PYTHONDONTWRITEBYTECODE set (as on some CI machines)
    # an editable checkout would compile every module on every run, 30-40 ms typer never pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
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
        ("timeline --table (all)", [*kz, "timeline", "--table"], None),
        ("terminal: who ambassador --at 2018-06", [*kz, "who", "ambassador", "--at", "2018-06", "--table"], None),
        ("terminal: person Ilyassov", [*kz, "person", "Ilyassov", "--table"], None),
        ("terminal: elections kz-presidential-2022", [*kz, "elections", "kz-presidential-2022", "--table"], None),
        ("terminal: search Expo 2017", [*kz, "search", "Expo 2017", "--table"], None),
        ("terminal: timeline --from 2024", [*kz, "timeline", "--from", "2024", "--table"], None),
        ("terminal: brief --at 2024-04-24", [*kz, "brief", "--at", "2024-04-24", "--table"], None),
        ("brief --at 2024-04-24 --json", [*kz, "brief", "--at", "2024-04-24", "--json"], None),
        ("counterparts --json", [*kz, "counterparts", "--json"], None),
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
            *(  # peak RSS is the figure to read here (issue 21: at most 300 MB for 200k records)
                (
                    f"{n} overlay: export --format {fmt}",
                    [*kz, *data, "export", "--format", fmt, "-o", str(work / f"x.{fmt}")],
                    None,
                )
                for fmt in ("json", "sqlite", "csv")
            ),
        ]
    results = measure_all(cases, env, work, args.runs)
    base_pass, base_typer = results[0][1], results[1][1]
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")  # fmt: skip
    import typer

    print(f"kzfacts run as: {' '.join(kz)}; typer {typer.__version__}; bytecode cached, as after pip install;"
          " terminal views at COLUMNS=80\n")  # fmt: skip
    print("| case | runs | median ms | × python -c pass | × import typer | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, median, rss, runs in results:
        shown = f"{rss:.1f}" if rss is not None else "n/a"
        ratios = f"{median / base_pass:.2f} | {median / base_typer:.2f}"
        print(f"| {name} | {runs} | {median * 1000:.1f} | {ratios} | {shown} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
