"""Work-arounds for the Qt binding, applied before the first widget is made.

PySide6 6.12.0 on CPython 3.11 returns `None`, `True` and `False` from its wrappers without taking a reference
(every void method call, every `Signal.emit()`): harmless on 3.12+, where those objects are immortal (PEP 683),
but on 3.11 their reference counts fall by one per call until CPython aborts with "none_dealloc: deallocating
None" after a few thousand calls, i.e. a few minutes of use. Until the binding is fixed (or the app requires
Python 3.12), we give these three objects the immortality they have on 3.12: a reference count so high that it
can never reach zero. They are never freed in any case, so nothing else changes.
"""

from __future__ import annotations

import ctypes
import sys

_EXTRA_REFERENCES = 1 << 40  # ~10^12 calls before anything could go wrong: more than any session makes
_applied = False


def needs_singleton_guard() -> bool:
    import shiboken6

    version = tuple(int(p) for p in shiboken6.__version__.split(".")[:2] if p.isdigit())
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12) and version >= (6, 12)


def guard_singleton_refcounts() -> bool:
    """Apply the work-around once when this binding and interpreter need it; True when it is in place."""
    global _applied
    if _applied:
        return True
    if not needs_singleton_guard():
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every object in CPython's regular (non-debug) builds.
        ctypes.c_ssize_t.from_address(id(obj)).value += _EXTRA_REFERENCES
    _applied = True
    return True
