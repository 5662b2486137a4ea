"""Per-file limits and the one-line reasons a file fails with.

Time is enforced by the parent (a worker over its time is ended), memory inside the worker
(RLIMIT_AS: an allocation past it raises MemoryError), pages and glyphs per page by the stages
(`Options.max_pages`, `Options.max_glyphs`, `Options.max_chars`). Every failure reads `error: FILE: reason` with a
human reason; an unexpected exception's type comes last, as a hint.
"""
from __future__ import annotations

import signal
from dataclasses import dataclass

DEFAULT_MAX_SECONDS = 1800.0
DEFAULT_MAX_MEMORY_MB = 4096
DEFAULT_MAX_PAGES = 5000
DEFAULT_MAX_GLYPHS = 100_000
# Texts of any realistic length are processed (in blocks, linear: about 20 s of CPU per
# million characters through every stage); a whole edition is 100k-300k characters, so a
# text past this is an archive dump better split into files, and fails with a clear line.
DEFAULT_MAX_CHARS = 5_000_000


@dataclass(frozen=True)
class Limits:
    max_seconds: float = DEFAULT_MAX_SECONDS  # 0 = none
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB  # address space of a worker process; 0 = none


def apply_memory_limit(limits: Limits) -> None:
    """Cap this process's address space (Linux/macOS); later allocations past it fail."""
    if not limits.max_memory_mb:
        return
    try:
        import resource

        cap = int(limits.max_memory_mb) << 20
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, ValueError, OSError):  # not supported here: the limit is not enforced
        pass


def time_reason(limits: Limits) -> str:
    return f"over the time limit of {limits.max_seconds:g} s (--max-seconds)"


def memory_reason(limits: Limits) -> str:
    return f"over the memory limit of {limits.max_memory_mb} MB (--max-memory)"


def death_reason(exitcode: int | None, limits: Limits) -> str:
    """Why a worker process ended in the middle of a file."""
    if exitcode is not None and exitcode < 0:
        number = -exitcode
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        if number == signal.SIGKILL:
            return (f"worker process was killed ({name}; out of memory?) while reading it")
        if number == signal.SIGSEGV:
            return f"worker process crashed ({name}: a library failed on this file)"
        return f"worker process ended by {name} while reading it"
    return f"worker process exited unexpectedly (status {exitcode}) while reading it"


def exception_reason(error: BaseException, limits: Limits) -> str:
    """A short human reason for an exception that escaped the stages."""
    from pipeline.errors import InputError

    if isinstance(error, InputError):
        return str(error)
    if isinstance(error, MemoryError):
        return memory_reason(limits)
    if isinstance(error, RecursionError):
        return "input nested too deeply to read (recursion limit)"
    if isinstance(error, UnicodeError):
        return f"text could not be decoded ({_first_line(error)})"
    if isinstance(error, OSError):
        what = error.strerror or _first_line(error) or "input/output error"
        where = f" {error.filename}" if error.filename else ""
        return f"could not read or write a file{where}: {what.lower()}"
    detail = _first_line(error)
    hint = type(error).__name__
    return f"internal error while processing it{': ' + detail if detail else ''} [{hint}]"


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:160] if text else ""
