"""Indexes of names kept in the user cache folder between runs.

Building the indexes of country and language names reads babel's locale data: 0.7-0.9 s for countries (about
1,150 locale files), 0.3 s for languages (15 locales). Every fresh process would pay it again: each CLI import,
the first import in a window, the first contact opened for editing (0.42 s frozen window, of it 0.28 s for the
languages). The file's name carries a digest of everything an index is built from; a missing, stale or
unreadable file is rebuilt, and nothing else changes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import babel


def index_path(stem: str, ident: object) -> Path:
    """Where the index `stem` built from `ident` (versions, options: anything JSON) is kept."""
    from directory_app.core.paths import user_cache_dir

    text = json.dumps([babel.__version__, ident], ensure_ascii=True, sort_keys=True)
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    return user_cache_dir() / f"{stem}-{digest}.json"


def load_index(stem: str, ident: object, build: Callable[[], dict[str, str]]) -> dict[str, str]:
    """The index `stem` from the cache folder when it is current, else `build()` (and saved for next time)."""
    path = index_path(stem, ident)
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data and all(isinstance(v, str) for v in data.values()):
            return data
    index = build()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
    return index
