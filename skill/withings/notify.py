"""Withings' data-update notifications: the `notify` service (subscribe, list, get, revoke) and the
webhook body Withings POSTs to a subscribed callback.

Requests take the data calls' path (skill.withings.caller): OAuth2 a Bearer POST, OAuth1 a signed GET
with every parameter in the query string, the Gate before each request. Withings HEAD-probes the
callback on subscribe and answers 293 when the probe fails (CallbackUnreachableError). Revoking a
subscription that does not exist (286/294) is success: revoke is idempotent, so SkillDisabled can
revoke whatever it finds without asking first.

A notification says that data of one kind was created, changed *or deleted* between `startdate` and
`enddate` (withings-api.md addendum §1.3): invalidate that window, never append to it. Notifications
are unsigned: authenticating one (the secret in the callback URL) is the caller's job.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from skill.withings import urls
from skill.withings.auth import RequestAuth
from skill.withings.caller import AuthorizedCaller, Reauthorize
from skill.withings.codes import WithingsCode
from skill.withings.deadline import Deadline
from skill.withings.errors import MalformedNotificationError, SubscriptionNotFoundError
from skill.withings.gate import Gate

SERVICE_PATH = "/notify"
DEFAULT_COMMENT = "Alexa skill"


class Appli(WithingsCode):
    """Notification categories (`appli`), withings-api.md addendum §1.2 (two public copies of
    Withings' table, aiowithings NotificationCategory and vangorra NotifyAppli agree)."""

    WEIGHT = 1  # weight and body composition (user.metrics)
    TEMPERATURE = 2  # (user.metrics)
    PRESSURE = 4  # blood pressure, heart rate, SpO2 (user.metrics)
    ACTIVITY = 16  # activity, workouts included (user.activity)
    SLEEP = 44  # (user.activity)
    USER = 46  # profile action: `action` = delete / unlink / update (user.info)
    BED_IN = 50  # Sleep mat (user.sleepevents)
    BED_OUT = 51  # (user.sleepevents)
    INFLATE_DONE = 52  # (user.sleepevents)
    NO_ACCOUNT_ASSOCIATED = 53  # cellular/SDK devices; subscribed once per application
    ECG = 54  # (user.metrics)
    ECG_FAILED = 55  # (user.metrics)
    GLUCOSE = 58  # (user.metrics)
    UNKNOWN = -1


# What the skill subscribes each linked user to: the kinds of data its answers read.
SUBSCRIBED: tuple[Appli, ...] = (Appli.WEIGHT, Appli.TEMPERATURE, Appli.PRESSURE, Appli.ACTIVITY, Appli.SLEEP)


class Subscription(NamedTuple):
    appli_code: int  # as Withings sent it (an unlisted code reads as Appli.UNKNOWN)
    callback_url: str
    comment: str | None
    expires: datetime | None  # aware UTC; Withings sends 2147483647 for "never" (2038-01-19)

    @property
    def appli(self) -> Appli:
        return Appli(self.appli_code)

    def __repr__(self) -> str:
        # The callback URL carries the per-user secret in its query string: never in a log line.
        bare = self.callback_url.partition("?")[0]
        return f"Subscription(appli_code={self.appli_code}, callback_url={bare!r})"


class NotifyApi:
    """The `notify` service for one user's credentials."""

    def __init__(
        self,
        auth: RequestAuth,
        api_url: str = urls.API_URL,
        *,
        gate: Gate | None = None,
        reauthorize: Reauthorize | None = None,
    ) -> None:
        """`gate(deadline)` runs before every request sent; `reauthorize` as for WithingsApi (a
        refused OAuth2 token refreshed once, e.g. when SkillDisabled revokes hours after the link)."""
        self._caller = AuthorizedCaller(auth, api_url, reauthorize=reauthorize, gate=gate)

    def _call(self, params: Mapping[str, str], deadline: Deadline) -> Mapping[str, Any]:
        return self._caller.call(SERVICE_PATH, params, deadline)

    def subscribe(
        self, callback_url: str, appli: Appli, *, deadline: Deadline, comment: str = DEFAULT_COMMENT
    ) -> None:
        """Subscribe; a repeat of an existing subscription is harmless. A failed HEAD probe of the
        callback raises CallbackUnreachableError (293), too many subscriptions TooManySubscriptionsError."""
        params = {"action": "subscribe", "callbackurl": callback_url, "appli": _code(appli)}
        if comment:
            params["comment"] = comment
        self._call(params, deadline)

    def list(self, *, deadline: Deadline, appli: Appli | None = None) -> tuple[Subscription, ...]:
        """The user's subscriptions (of one appli, or all); entries Withings sends garbled are skipped."""
        params = {"action": "list"}
        if appli is not None:
            params["appli"] = _code(appli)
        body = self._call(params, deadline)
        profiles = body.get("profiles")
        if not isinstance(profiles, list):
            return ()
        found = (_subscription(p) for p in profiles if isinstance(p, Mapping))
        return tuple(s for s in found if s is not None)

    def get(self, callback_url: str, appli: Appli, *, deadline: Deadline) -> Subscription | None:
        """The subscription of `callback_url` to `appli`, or None when there is none."""
        params = {"action": "get", "callbackurl": callback_url, "appli": _code(appli)}
        try:
            body = self._call(params, deadline)
        except SubscriptionNotFoundError:
            return None
        return _subscription(body, appli_code=int(appli), callback_url=callback_url)

    def revoke(self, callback_url: str, appli: Appli, *, deadline: Deadline) -> None:
        """Remove the subscription; one that does not exist (286/294) counts as removed."""
        params = {"action": "revoke", "callbackurl": callback_url, "appli": _code(appli)}
        try:
            self._call(params, deadline)
        except SubscriptionNotFoundError:
            return


def _code(appli: Appli | int) -> str:
    code = int(appli)
    if code < 0:
        raise ValueError("Appli.UNKNOWN is not a category Withings knows")
    return str(code)


def _subscription(
    raw: Mapping[str, Any], *, appli_code: int | None = None, callback_url: str | None = None
) -> Subscription | None:
    """A profile from list/get; the request's own values fill in what the body leaves out."""
    code = _int_or_none(raw.get("appli"))
    code = code if code is not None else appli_code
    url = raw.get("callbackurl")
    url = url if isinstance(url, str) and url else callback_url
    if code is None or url is None:
        return None
    comment = raw.get("comment")
    expires = _int_or_none(raw.get("expires"))
    return Subscription(
        appli_code=code,
        callback_url=url,
        comment=comment if isinstance(comment, str) else None,
        expires=_instant(expires) if expires is not None else None,
    )


def _int_or_none(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,12}", value.strip()):
        return int(value)
    return None


def _instant(epoch: int) -> datetime | None:
    try:
        return datetime.fromtimestamp(epoch, UTC)
    except (OverflowError, OSError, ValueError):
        return None


# --- the webhook body --------------------------------------------------------------------------


class Notification(NamedTuple):
    userid: str  # Withings' userid, digits
    appli_code: int
    start: datetime | None  # aware UTC, from `startdate`
    end: datetime | None  # aware UTC, from `enddate`
    date: date | None  # event-type notifications: "YYYY-MM-DD" or an epoch (read in UTC)
    action: str | None  # profile events (appli 46): delete / unlink / update

    @property
    def appli(self) -> Appli:
        return Appli(self.appli_code)

    def __repr__(self) -> str:
        return f"Notification(appli_code={self.appli_code}, start={self.start!r}, end={self.end!r})"


_USERID = re.compile(r"[0-9]{1,20}")
_APPLI = re.compile(r"[0-9]{1,6}")
_EPOCH = re.compile(r"[0-9]{1,11}")  # up to year 5138: anything longer is not a Withings time
_YMD = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MAX_ACTION = 64


def parse_notification(form: Mapping[str, str]) -> Notification:
    """The notification in a decoded form body; MalformedNotificationError when it is not one.

    `userid` (digits) and `appli` (an integer) are required. `startdate`/`enddate` are epoch seconds
    and may be absent (bed events carry only a start, profile events maybe neither); when both are
    there the start may not be after the end. `date` and `action` are optional extras: an unreadable
    `date` reads as None rather than losing the whole notification. Other fields (deviceid) are ignored.
    """
    userid = _field(form, "userid")
    if userid is None or not _USERID.fullmatch(userid):
        raise MalformedNotificationError("userid missing or not digits")
    appli = _field(form, "appli")
    if appli is None or not _APPLI.fullmatch(appli):
        raise MalformedNotificationError("appli missing or not an integer")
    start = _epoch_field(form, "startdate")
    end = _epoch_field(form, "enddate")
    if start is not None and end is not None and start > end:
        raise MalformedNotificationError("startdate after enddate")
    action = _field(form, "action")
    return Notification(
        userid=userid,
        appli_code=int(appli),
        start=start,
        end=end,
        date=_date_field(form),
        action=action[:_MAX_ACTION] if action else None,
    )


def _field(form: Mapping[str, str], name: str) -> str | None:
    """The stripped value, None when absent or empty; a non-string value is malformed."""
    value = form.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedNotificationError(f"{name} is not a string")
    value = value.strip()
    return value or None


def _epoch_field(form: Mapping[str, str], name: str) -> datetime | None:
    raw = _field(form, name)
    if raw is None:
        return None
    moment = _instant(int(raw)) if _EPOCH.fullmatch(raw) else None
    if moment is None:
        raise MalformedNotificationError(f"{name} is not an epoch time")
    return moment


def _date_field(form: Mapping[str, str]) -> date | None:
    try:
        raw = _field(form, "date")
    except MalformedNotificationError:
        return None
    if raw is None:
        return None
    if _YMD.fullmatch(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            return None
    if _EPOCH.fullmatch(raw):
        moment = _instant(int(raw))
        return moment.date() if moment is not None else None
    return None
