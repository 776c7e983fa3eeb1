"""The `/_sandbox/...` control routes (JSON in, JSON out), for tests, benchmarks and the demo.

  GET    health · stats · users/{userid} · calls?userid= · subscriptions?userid= · deliveries[?wait=N]
  POST   reset-stats · fault · expire-tokens · revoke · next-approver
         now/weight {userid, kg?} · now/steps {userid, steps} · now/night {userid, hours?}
         notify {userid, appli, startdate?, enddate?}
  DELETE fault · next-approver · subscriptions[?userid=] · deliveries

The now/* controls add a reading at the sandbox's "now" (skill.clock: PINNED_NOW or the real time) to
the user's data (sandbox.extras) and then notify every callback subscribed to its appli (1, 16, 44);
`notify` notifies without changing data. Those answer {"ok", "notified": callbacks, "startdate",
"enddate"} at once: the POSTs run in the background (GET deliveries?wait=N waits for N of them).
`reset-stats` also clears the delivery log, so both count from the same moment.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from sandbox import wire
from sandbox.data import is_demo_userid
from sandbox.extras import DEFAULT_NIGHT_HOURS, latest_weight, local_midnight
from sandbox.faults import Fault
from sandbox.subscriptions import APPLIS

if TYPE_CHECKING:
    from sandbox.server import SandboxApp

WEIGHT, ACTIVITY, SLEEP = 1, 16, 44
PLAUSIBLE_KG = 72.0  # a weigh-in for a user with no weight yet
_EPOCH_MAX = 10**11


class BadControl(ValueError):
    """Answered with HTTP 400 and the message."""


def handle(app: SandboxApp, request: wire.Request) -> wire.Response:
    try:
        payload = request.json() if request.method == "POST" else {}
        if not isinstance(payload, dict):
            raise BadControl("expected a JSON object")
        route = ROUTES.get((request.method, request.path))
        if route is not None:
            answer = route(app, payload, dict(request.query))
            return wire.json_response({"ok": True} if answer is None else answer)
        if request.method == "GET" and request.path.startswith("/_sandbox/users/"):
            userid = request.path.removeprefix("/_sandbox/users/")
            if not is_demo_userid(userid):
                return wire.json_response({"error": "unknown user"}, 404)
            return wire.json_response(dataclasses.asdict(app.user(userid)))
        return wire.json_response({"error": "no such control"}, 404)
    except (ValueError, KeyError) as exc:
        return wire.json_response({"error": str(exc)}, 400)


# --- inputs ------------------------------------------------------------------------------------


def _userid(values: Mapping[str, Any]) -> str:
    userid = values.get("userid")
    userid = str(userid) if isinstance(userid, int | str) and not isinstance(userid, bool) else ""
    if not is_demo_userid(userid):
        raise BadControl("userid: a demo userid (10001..19999) is required")
    return userid


def _number(values: Mapping[str, Any], name: str, low: float, high: float) -> float | None:
    value = values.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadControl(f"{name}: a number is required")
    if not low <= value <= high:
        raise BadControl(f"{name}: between {low:g} and {high:g}")
    return float(value)


def _wait(query: Mapping[str, str]) -> int:
    raw = query.get("wait", "0") or "0"
    if not (raw.isascii() and raw.isdigit()) or int(raw) > 10_000:
        raise BadControl("wait: a number of deliveries")
    return int(raw)


# --- the notify controls -----------------------------------------------------------------------


def _notify(app: SandboxApp, userid: str, appli: int, start: int, end: int) -> dict[str, Any]:
    urls = app.subscriptions.callbacks(userid, appli)
    notified = app.deliveries.notify(userid, appli, start, end, urls)
    return {"ok": True, "notified": notified, "startdate": start, "enddate": end}


def now_weight(app: SandboxApp, payload: Mapping[str, Any], query: Mapping[str, str]) -> dict[str, Any]:
    userid = _userid(payload)
    user = app.user(userid)
    kg = _number(payload, "kg", 20, 300)
    if kg is None:
        kg = round(latest_weight(user) or PLAUSIBLE_KG, 1)
    group = app.extras.add_weight(user, app.now(), kg)
    return {**_notify(app, userid, WEIGHT, group["date"], group["date"]), "kg": kg, "grpid": group["grpid"]}


def now_steps(app: SandboxApp, payload: Mapping[str, Any], query: Mapping[str, str]) -> dict[str, Any]:
    userid = _userid(payload)
    steps = _number(payload, "steps", 1, 100_000)
    if steps is None or steps != int(steps):
        raise BadControl("steps: a whole number of steps is required")
    moment = app.now()
    timezone = app.user(userid).timezone
    day = local_midnight(moment, timezone)
    app.extras.add_steps(userid, day.date().isoformat(), int(steps), moment)
    return _notify(app, userid, ACTIVITY, int(day.timestamp()), int(moment.timestamp()))


def now_night(app: SandboxApp, payload: Mapping[str, Any], query: Mapping[str, str]) -> dict[str, Any]:
    userid = _userid(payload)
    hours = _number(payload, "hours", 1, 14) or DEFAULT_NIGHT_HOURS
    night = app.extras.add_night(app.user(userid), app.now(), hours)
    return {**_notify(app, userid, SLEEP, night["startdate"], night["enddate"]), "date": night["date"]}


def notify(app: SandboxApp, payload: Mapping[str, Any], query: Mapping[str, str]) -> dict[str, Any]:
    userid = _userid(payload)
    appli = payload.get("appli")
    if isinstance(appli, bool) or not isinstance(appli, int) or appli not in APPLIS:
        raise BadControl(f"appli: one of {sorted(APPLIS)}")
    now = int(app.now().timestamp())
    start = _number(payload, "startdate", 0, _EPOCH_MAX)
    end = _number(payload, "enddate", 0, _EPOCH_MAX)
    start_at = int(start) if start is not None else now
    end_at = int(end) if end is not None else max(now, start_at)
    if start_at > end_at:
        raise BadControl("startdate after enddate")
    return _notify(app, userid, appli, start_at, end_at)


def subscriptions(app: SandboxApp, payload: Mapping[str, Any], query: Mapping[str, str]) -> dict[str, Any]:
    found = app.subscriptions.of_user(_userid(query))
    return {"subscriptions": [{"appli": s.appli, "callbackurl": s.callbackurl} for s in found]}


def drop_subscriptions(app: SandboxApp, payload: Mapping[str, Any], query: Mapping[str, str]) -> None:
    app.subscriptions.drop(_userid(query) if "userid" in query else None)


def deliveries(app: SandboxApp, payload: Mapping[str, Any], query: Mapping[str, str]) -> dict[str, Any]:
    return {"deliveries": app.deliveries.snapshot(wait_for=_wait(query))}


def calls(app: SandboxApp, payload: Mapping[str, Any], query: Mapping[str, str]) -> dict[str, Any]:
    return dict(app.stats.calls(_userid(query)))


# --- the older controls ------------------------------------------------------------------------


def reset_stats(app: SandboxApp, payload: Mapping[str, Any], query: Mapping[str, str]) -> None:
    app.stats.reset()
    app.deliveries.clear()


def expire_tokens(app: SandboxApp, payload: Mapping[str, Any], query: Mapping[str, str]) -> None:
    userid = payload.get("userid")
    app.oauth2.expire_access_tokens(None if userid is None else str(userid))


Route = Callable[["SandboxApp", Mapping[str, Any], Mapping[str, str]], dict[str, Any] | None]

ROUTES: dict[tuple[str, str], Route] = {
    ("GET", "/_sandbox/health"): lambda app, p, q: {"ok": True},
    ("GET", "/_sandbox/stats"): lambda app, p, q: app.stats_snapshot(),
    ("POST", "/_sandbox/reset-stats"): reset_stats,
    ("POST", "/_sandbox/fault"): lambda app, p, q: app.faults.set(Fault.from_json(p)),
    ("DELETE", "/_sandbox/fault"): lambda app, p, q: app.faults.clear(),
    ("POST", "/_sandbox/expire-tokens"): expire_tokens,
    ("POST", "/_sandbox/revoke"): lambda app, p, q: app.revoke_user(str(p["userid"])),
    ("POST", "/_sandbox/next-approver"): lambda app, p, q: app.queue_approver(str(p["userid"])),
    ("DELETE", "/_sandbox/next-approver"): lambda app, p, q: app.clear_approvers(),
    ("POST", "/_sandbox/now/weight"): now_weight,
    ("POST", "/_sandbox/now/steps"): now_steps,
    ("POST", "/_sandbox/now/night"): now_night,
    ("POST", "/_sandbox/notify"): notify,
    ("GET", "/_sandbox/subscriptions"): subscriptions,
    ("DELETE", "/_sandbox/subscriptions"): drop_subscriptions,
    ("GET", "/_sandbox/deliveries"): deliveries,
    ("DELETE", "/_sandbox/deliveries"): lambda app, p, q: app.deliveries.clear(),
    ("GET", "/_sandbox/calls"): calls,
}
