"""Keeping a user subscribed to Withings' notifications: at link time, once a day, and never after.

- After a link completes (both modes) every appli in `SUBSCRIBED` is subscribed, concurrently, under
  a short slice of the callback's deadline. Withings HEAD-probes our callback first; a 293 or any
  other failure is logged and left for the reconcile — the link itself never fails on it.
- Subscriptions vanish silently in practice (design.md cites three Home Assistant issues), so a
  question reconciles them at most once a day per Withings user: `list`, then subscribe what is
  missing. No scheduler of our own: the daily mark is kept in the table (shared by every Lambda
  instance) and memoised per container, so a question normally costs nothing here.
- SkillDisabled revokes them (idempotent at Withings: "not subscribed" is fine).
- The callback URL needs our public base URL, which a voice request cannot know (API Gateway's
  host arrives only on HTTP requests): the link callback's is kept in the mark.
Every Withings call here goes through the app-wide budget like a data call (the NotifyApi's gate).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Final

from skill.observability import log_event
from skill.store.records import SubscriptionMark

if TYPE_CHECKING:
    from skill.store.base import SubscriptionMarkStore
    from skill.withings.auth import RequestAuth
    from skill.withings.deadline import Deadline
    from skill.withings.notify import Appli, NotifyApi

RECONCILE_EVERY_S: Final = 24 * 3600.0
_LINK_SLICE_S: Final = 3.0  # of the link callback's 6 s: the redirect back to Alexa comes first
_RECONCILE_SLICE_S: Final = 1.2  # of a question's deadline
_RECONCILE_MIN_LEFT_S: Final = 4.0  # reconcile only when the answer keeps this much time
_EVENT_SLICE_S: Final = 2.5
_RETRY_AFTER_S: Final = 3600.0
_MEMO_MAX: Final = 20_000


class Subscriber:
    def __init__(
        self,
        api: Callable[[RequestAuth], NotifyApi],
        key: Callable[[], bytes],
        marks: SubscriptionMarkStore,
        now: Callable[[], float],
        default_base_url: str = "",
    ) -> None:
        self._api = api
        self._key = key
        self._marks = marks
        self._now = now
        self._default_base_url = default_base_url  # PUBLIC_BASE_URL, when the deployment sets it
        self._memo: dict[str, float] = {}  # userid -> checked_at, this container's view of the marks
        self._lock = threading.Lock()

    def subscribe_all(
        self, auth: RequestAuth, withings_userid: str, base_url: str, deadline: Deadline
    ) -> bool:
        """Link time: subscribe every appli. True when all are in place. The mark keeps the base URL
        either way, so the next question's reconcile can finish the job."""
        from skill.withings.notify import SUBSCRIBED

        if not base_url:
            log_event("subscriptions", outcome="no_public_url")
            return False
        slice_ = deadline.shorter(_LINK_SLICE_S)
        failed = self._subscribe(auth, self._url(base_url, withings_userid), SUBSCRIBED, slice_, "link")
        self._mark(withings_userid, SubscriptionMark(0.0 if failed else self._now(), base_url), slice_)
        return not failed

    def reconcile(self, auth: RequestAuth, withings_userid: str, deadline: Deadline) -> None:
        """A question: at most once a day per user, re-subscribe what Withings no longer lists.
        Never raises; gives up (for the next question) when the answer needs the time."""
        now = self._now()
        checked = self._memo.get(withings_userid)
        if checked is not None and now - checked < RECONCILE_EVERY_S:
            return
        if deadline.remaining() < _RECONCILE_MIN_LEFT_S:
            return
        slice_ = deadline.shorter(_RECONCILE_SLICE_S)
        base_url = self._due(withings_userid, now, slice_)
        if base_url is None:
            return
        from skill.withings.notify import SUBSCRIBED

        url = self._url(base_url, withings_userid)
        try:
            listed = self._api(auth).list(deadline=slice_)
        except Exception as exc:  # best effort, retried at the next question
            log_event("subscriptions", outcome="list_failed", error=type(exc).__name__)
            self._retry_later(withings_userid, now)
            return
        present = {sub.appli for sub in listed if sub.callback_url == url}
        missing = [appli for appli in SUBSCRIBED if appli not in present]
        if missing and self._subscribe(auth, url, missing, slice_, "reconcile"):
            self._retry_later(withings_userid, now)
            return
        self._mark(withings_userid, SubscriptionMark(now, base_url), slice_)
        log_event("subscriptions", outcome="reconciled", missing=len(missing))

    def revoke_all(self, auth: RequestAuth, withings_userid: str, deadline: Deadline) -> None:
        """SkillDisabled: best effort (the grant may already be gone); never raises."""
        from skill.withings.notify import SUBSCRIBED

        slice_ = deadline.shorter(_EVENT_SLICE_S)
        try:
            mark = self._marks.subscription_mark(withings_userid, slice_)
        except Exception as exc:  # then only PUBLIC_BASE_URL can name the URL
            log_event("subscriptions", outcome="mark_unreadable", error=type(exc).__name__)
            mark = None
        base_url = mark.base_url if mark is not None else self._default_base_url
        with self._lock:
            self._memo.pop(withings_userid, None)
        if not base_url:
            return
        url = self._url(base_url, withings_userid)
        api = self._api(auth)

        def revoke(appli: Appli) -> str | None:
            try:
                api.revoke(url, appli, deadline=slice_)
            except Exception as exc:  # reported in the log line below
                return type(exc).__name__
            return None

        failures = [error for error in _concurrently(revoke, SUBSCRIBED) if error]
        try:
            self._marks.delete_subscription_mark(withings_userid, slice_)
        except Exception as exc:  # the mark has a TTL of its own
            log_event("subscriptions", outcome="mark_not_deleted", error=type(exc).__name__)
        log_event(
            "subscriptions", outcome="revoked" if not failures else "revoke_failed", failed=len(failures)
        )

    # -- helpers -----------------------------------------------------------------------------------

    def _due(self, withings_userid: str, now: float, deadline: Deadline) -> str | None:
        """The base URL to reconcile with, or None when the table says it is not due (or can't say)."""
        try:
            mark = self._marks.subscription_mark(withings_userid, deadline)
        except Exception as exc:  # the question is answered whatever happens here
            log_event("subscriptions", outcome="mark_unreadable", error=type(exc).__name__)
            self._retry_later(withings_userid, now)
            return None
        if mark is not None and now - mark.checked_at < RECONCILE_EVERY_S:
            self._remember(withings_userid, mark.checked_at)
            return None
        base_url = mark.base_url if mark is not None else self._default_base_url
        if not base_url:
            self._remember(withings_userid, now)  # nothing to build the URL from: not before tomorrow
            return None
        return base_url

    def _url(self, base_url: str, withings_userid: str) -> str:
        from skill.notifications.secret import callback_url

        return callback_url(base_url, self._key(), withings_userid)

    def _subscribe(
        self, auth: RequestAuth, url: str, applis: Iterable[Appli], deadline: Deadline, why: str
    ) -> list[str]:
        api = self._api(auth)

        def subscribe(appli: Appli) -> str | None:
            try:
                api.subscribe(url, appli, deadline=deadline)
            except Exception as exc:  # logged; the reconcile retries it
                return f"{int(appli)}:{type(exc).__name__}"
            return None

        failures = [error for error in _concurrently(subscribe, list(applis)) if error]
        log_event(
            "subscriptions",
            outcome="subscribed" if not failures else "subscribe_failed",
            why=why,
            failed=len(failures),
            errors=";".join(failures) or None,  # appli:ExceptionType, nothing else
        )
        return failures

    def _mark(self, withings_userid: str, mark: SubscriptionMark, deadline: Deadline) -> None:
        try:
            self._marks.put_subscription_mark(withings_userid, mark, deadline)
        except Exception as exc:  # the next question checks again
            log_event("subscriptions", outcome="mark_failed", error=type(exc).__name__)
            return
        if mark.checked_at:
            self._remember(withings_userid, mark.checked_at)

    def _retry_later(self, withings_userid: str, now: float) -> None:
        """After a failure: this container tries again in an hour, not at every question."""
        self._remember(withings_userid, now - RECONCILE_EVERY_S + _RETRY_AFTER_S)

    def _remember(self, withings_userid: str, at: float) -> None:
        with self._lock:
            if len(self._memo) >= _MEMO_MAX:
                self._memo.clear()  # a bounded memo: forgetting only costs one table read
            self._memo[withings_userid] = at


def _concurrently(work: Callable[[Appli], str | None], applis: Iterable[Appli]) -> list[str | None]:
    items = list(applis)
    if len(items) <= 1:
        return [work(appli) for appli in items]
    with ThreadPoolExecutor(max_workers=len(items), thread_name_prefix="notify") as pool:
        return list(pool.map(work, items))
