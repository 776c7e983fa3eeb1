"""Independent Withings calls run concurrently within the request's deadline (digest, goals)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from typing import TYPE_CHECKING, TypeVar

from skill.withings.errors import AuthError, UnauthorizedError, WithingsError, WithingsTimeoutError

if TYPE_CHECKING:
    from skill.withings.deadline import Deadline

_K = TypeVar("_K")
_T = TypeVar("_T")


def gather(
    parts: Mapping[_K, Callable[[], _T]], deadline: Deadline
) -> tuple[dict[_K, _T], dict[_K, BaseException]]:
    """Run independent calls concurrently within the deadline; collect results and errors by name."""
    pool = ThreadPoolExecutor(max_workers=len(parts), thread_name_prefix="voice-query")
    try:
        futures: dict[_K, Future[_T]] = {name: pool.submit(fn) for name, fn in parts.items()}
        wait_futures(futures.values(), timeout=deadline.remaining())
    finally:
        # Each call's timeout comes from the same deadline, so stragglers end on their own; never
        # wait for them here.
        pool.shutdown(wait=False, cancel_futures=True)
    results: dict[_K, _T] = {}
    errors: dict[_K, BaseException] = {}
    for name, future in futures.items():
        if not future.done():
            errors[name] = WithingsTimeoutError(None, "deadline exceeded")
            continue
        error = future.exception()
        if error is None:
            results[name] = future.result()
        else:
            errors[name] = error
    return results, errors


def raise_if_fatal(errors: Mapping[_K, BaseException], succeeded: int) -> None:
    """A refused credential sinks everything (re-link); so does a total failure. Else: partial answer."""
    for error in errors.values():
        if isinstance(error, AuthError | UnauthorizedError):
            raise error
    for error in errors.values():
        if not isinstance(error, WithingsError):
            raise error  # a bug, not Withings: let the exception handlers log it
    if errors and not succeeded:
        raise next(iter(errors.values()))
