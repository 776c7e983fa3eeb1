"""The sandbox's notify controls over HTTP, for e2e tests whose sandbox runs in another process.

`SandboxNotify(product.stack.sandbox_url)`: add a reading at the sandbox's "now" (which notifies the
subscribed callbacks), send a notification without changing data, read subscriptions, deliveries and
each user's Withings call counts (sandbox/controls.py documents the routes). In-process tests can call
the same things on sandbox.server.RunningSandbox (add_weight, deliveries, calls, ...).
"""

from __future__ import annotations

from typing import Any

import requests

TIMEOUT_S = 10.0  # GET deliveries?wait=N itself waits up to ~5 s


class SandboxNotify:
    def __init__(self, sandbox_url: str, session: requests.Session | None = None) -> None:
        self.base = f"{sandbox_url.rstrip('/')}/_sandbox"
        self.http = session or requests.Session()

    def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        resp = self.http.post(f"{self.base}/{path}", json=payload, timeout=TIMEOUT_S)
        assert resp.status_code == 200, resp.text
        return dict(resp.json())

    def _get(self, path: str, **params: str) -> dict[str, Any]:
        resp = self.http.get(f"{self.base}/{path}", params=params, timeout=TIMEOUT_S)
        assert resp.status_code == 200, resp.text
        return dict(resp.json())

    def add_weight(self, userid: str, kg: float | None = None) -> dict[str, Any]:
        """A weigh-in now (appli 1); without kg the user's last weight again."""
        payload: dict[str, Any] = {"userid": userid}
        if kg is not None:
            payload["kg"] = kg
        return self._post("now/weight", payload)

    def add_steps(self, userid: str, steps: int) -> dict[str, Any]:
        """Steps added to today's activity (appli 16)."""
        return self._post("now/steps", {"userid": userid, "steps": steps})

    def add_night(self, userid: str, hours: float | None = None) -> dict[str, Any]:
        """A night ending now (appli 44), replacing the night of the same date."""
        payload: dict[str, Any] = {"userid": userid}
        if hours is not None:
            payload["hours"] = hours
        return self._post("now/night", payload)

    def send(
        self, userid: str, appli: int, startdate: int | None = None, enddate: int | None = None
    ) -> dict[str, Any]:
        """A notification without any change of data (both dates default to now)."""
        payload: dict[str, Any] = {"userid": userid, "appli": appli}
        if startdate is not None:
            payload["startdate"] = startdate
        if enddate is not None:
            payload["enddate"] = enddate
        return self._post("notify", payload)

    def subscriptions(self, userid: str) -> list[dict[str, Any]]:
        """[{appli, callbackurl}] the user is subscribed with."""
        return list(self._get("subscriptions", userid=userid)["subscriptions"])

    def drop_subscriptions(self, userid: str) -> None:
        """Forget the user's subscriptions silently, as Withings does in practice."""
        resp = self.http.delete(f"{self.base}/subscriptions", params={"userid": userid}, timeout=TIMEOUT_S)
        assert resp.status_code == 200, resp.text

    def deliveries(self, wait: int = 0) -> list[dict[str, Any]]:
        """[{userid, appli, callbackurl, startdate, enddate, status, error, done}], oldest first;
        with `wait`, once that many are done (or after ~5 s)."""
        return list(self._get("deliveries", wait=str(wait))["deliveries"])

    def calls(self, userid: str) -> dict[str, int]:
        """{"data": n, "notify": m} the user's credentials made since the last reset-stats."""
        return {k: int(v) for k, v in self._get("calls", userid=userid).items()}

    def reset_stats(self) -> None:
        """Counters and the delivery log start again from zero."""
        self._post("reset-stats", {})
