"""The CLI run in the test's process: its own code, output and exit status, without the second or so each new
Python process spends importing (tests/core/test_cli.py runs the CLI in real processes too)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator


def run_cli(*args: str, env: dict[str, str | None] | None = None) -> subprocess.CompletedProcess[str]:
    """`main.py ARGS` with no terminal (stdin empty, so nothing is asked), and `env`'s variables set (None:
    unset) while it runs."""
    from directory_app.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _no_terminal(), _environment(env or {}):
        code = main(list(args))
    return subprocess.CompletedProcess(["main.py", *args], code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _no_terminal() -> Iterator[None]:
    stdin = sys.stdin
    sys.stdin = io.StringIO("")
    try:
        yield
    finally:
        sys.stdin = stdin


@contextlib.contextmanager
def _environment(values: dict[str, str | None]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            _set(name, value)
        yield
    finally:
        for name, value in saved.items():
            _set(name, value)


def _set(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value
