"""CI runs the benchmark at a tiny size so that it keeps working (figures are not checked: speed is measured in
benchmarks/, never asserted in tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_tiny_benchmark_prints_every_section(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--tiny", "--workdir", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    table = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    sections = {line.split("|")[1].strip() for line in table[2:]}
    assert sections == {"data", "import", "search", "export", "gui"}
    assert any("p95" in line for line in table)
    assert any("peak memory" in line for line in table)
    assert any("import wizard" in line and "longest freeze" in line for line in table)
    assert any("exported to vCards" in line and "longest freeze" in line for line in table)
