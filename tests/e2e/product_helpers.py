"""The product-level end-to-end suite's tools: the real stack over HTTP, and expectations from raw data.

`Product` wraps a running devtools.stack.LocalStack (DynamoDB Local, the Withings sandbox and
`python -m skill serve`, each its own process). It links accounts the way the Alexa app and Alexa's
token service do — over real HTTP, following every redirect — and records every token, code and
state it sees on the way, so the log scan can check that none of them reached the skill's logs. It
posts real request envelopes (devtools.envelopes) to POST /alexa and records each requestId, so the
log scan can find the one log line each request must have produced.

What the replies must say is tests/e2e/expectations.py's business: `Product.raw` hands it the
sandbox's raw data (GET /_sandbox/users/{userid}), and `expect` checks a reply against it.
"""

from __future__ import annotations

import dataclasses
import json
import secrets
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import requests

from devtools import envelopes
from devtools.alexa_app import LinkingFailed, authorization_code
from devtools.stack import LINK_CLIENT_ID, REDIRECT_URI, LocalStack

if TYPE_CHECKING:
    from tests.e2e.expectations import Expectation

MAX_SSML_CHARS: Final = 8000
REQUEST_TIMEOUT_S: Final = 10.0

# Query parameters of the link flow whose values are not secret (ids, URLs, fixed words).
_PUBLIC_PARAMS: Final = frozenset(
    {
        *("client_id", "redirect_uri", "response_type", "scope", "user", "userid", "oauth_callback", "mode"),
        *("oauth_consumer_key", "oauth_timestamp", "oauth_signature_method", "oauth_version"),
    }
)
_URL_PARAMS: Final = frozenset({"redirect_uri", "oauth_callback"})
_MIN_SECRET_LEN: Final = 8  # shorter values ("10001") could match a timestamp by chance

Slots = dict[str, str | envelopes.ResolvedSlot | None]


class LinkFailed(AssertionError):
    pass


@dataclass(frozen=True)
class LinkedUser:
    """One person: a sandbox Withings user linked to one Alexa user on one device."""

    withings_user: str
    alexa_user_id: str
    device_id: str
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)


@dataclass(frozen=True)
class Reply:
    """What POST /alexa answered."""

    status: int
    body: Any
    elapsed: float  # seconds, time.monotonic
    request_id: str

    @property
    def response(self) -> dict[str, Any]:
        assert isinstance(self.body, dict), self.body
        response = self.body.get("response")
        assert isinstance(response, dict), self.body
        return response

    @property
    def ssml(self) -> str:
        speech = self.response.get("outputSpeech")
        assert isinstance(speech, dict) and speech.get("type") == "SSML", self.response
        return str(speech["ssml"])

    @property
    def text(self) -> str:
        """The spoken words; asserts the SSML is well-formed XML and within Alexa's limit."""
        return ssml_text(self.ssml)

    @property
    def ends_session(self) -> bool:
        return bool(self.response.get("shouldEndSession"))

    @property
    def card(self) -> dict[str, Any] | None:
        card = self.response.get("card")
        return card if isinstance(card, dict) else None

    @property
    def reprompt(self) -> str | None:
        speech = (self.response.get("reprompt") or {}).get("outputSpeech")
        return ssml_text(str(speech["ssml"])) if isinstance(speech, dict) else None


def ssml_text(ssml: str) -> str:
    """Parse the SSML (it must be valid XML with a <speak> root, ≤ 8,000 chars) and return its words."""
    assert len(ssml) <= MAX_SSML_CHARS, f"speech is {len(ssml)} characters"
    root = ET.fromstring(ssml)  # our own server's output, parsed to prove it is XML
    assert root.tag == "speak", ssml
    return " ".join("".join(root.itertext()).split())


@dataclass(frozen=True)
class SentRequest:
    request_type: str
    intent: str | None
    locale: str | None = None


class Product:
    """A running LocalStack plus what the tests saw of it (for the log scan)."""

    def __init__(self, stack: LocalStack) -> None:
        self.stack = stack
        self.auth = stack.auth
        self.skill_id = stack.env["SKILL_ID"]
        self._lock = threading.Lock()
        self._secrets: set[str] = {
            stack.env["LINK_CLIENT_SECRET"],
            stack.env["TOKEN_KEY"],
            stack.env["WITHINGS_CONSUMER_SECRET"],
        }
        self._sent: dict[str, SentRequest] = {}
        self._users: dict[str, LinkedUser] = {}
        self._http = threading.local()

    # -- what was seen ----------------------------------------------------------------------------

    @property
    def secrets_seen(self) -> frozenset[str]:
        with self._lock:
            return frozenset(self._secrets)

    @property
    def sent_requests(self) -> dict[str, SentRequest]:
        with self._lock:
            return dict(self._sent)

    def _remember_secret(self, *values: str) -> None:
        with self._lock:
            self._secrets.update(v for v in values if len(v) >= _MIN_SECRET_LEN)

    def _remember_query(self, url: str) -> None:
        """Every non-public query value of a URL of the link flow (codes, states, tokens, verifiers)."""
        for name, value in urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query):
            if name in _URL_PARAMS:
                self._remember_query(value)
            elif name not in _PUBLIC_PARAMS:
                self._remember_secret(value)

    # -- HTTP -------------------------------------------------------------------------------------

    def session(self) -> requests.Session:
        """One requests.Session per thread (Session is not meant to be shared across threads)."""
        current = getattr(self._http, "session", None)
        if current is None:
            current = requests.Session()
            self._http.session = current
        return current

    def link(
        self, withings_user: str, *, alexa_user_id: str | None = None, by_next_approver: bool = False
    ) -> LinkedUser:
        """The Alexa app's link flow over HTTP (devtools.alexa_app), recording every secret it sees.

        `by_next_approver`: the browser names no user at Withings' authorize page; the sandbox's
        next-approver control says who approves (a second person linking on the same Echo).
        """
        skill_url = self.stack.skill_url
        if by_next_approver:
            self.approve_next(withings_user)
        try:
            code = authorization_code(
                skill_url,
                client_id=LINK_CLIENT_ID,
                redirect_uri=REDIRECT_URI,
                withings_user=None if by_next_approver else withings_user,  # who logs in at Withings
                timeout=REQUEST_TIMEOUT_S,
                on_url=self._remember_query,
            )
        except LinkingFailed as exc:
            raise LinkFailed(str(exc)) from exc
        resp = requests.post(
            f"{skill_url}/link/token",
            data={"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI},
            auth=(LINK_CLIENT_ID, self.stack.env["LINK_CLIENT_SECRET"]),
            timeout=REQUEST_TIMEOUT_S,
        )
        if resp.status_code != 200:
            raise LinkFailed(f"token exchange failed: HTTP {resp.status_code}")
        body = resp.json()
        self._remember_secret(body["access_token"], body["refresh_token"])
        user = LinkedUser(
            withings_user=withings_user,
            alexa_user_id=alexa_user_id or f"amzn1.ask.account.E2E{withings_user}{secrets.token_hex(4)}",
            device_id=f"amzn1.ask.device.E2E{withings_user}",
            access_token=body["access_token"],
            refresh_token=body["refresh_token"],
        )
        return user

    def refresh(self, user: LinkedUser) -> LinkedUser:
        """What Alexa does when its access token expires: the refresh grant at /link/token."""
        resp = requests.post(
            f"{self.stack.skill_url}/link/token",
            data={"grant_type": "refresh_token", "refresh_token": user.refresh_token},
            auth=(LINK_CLIENT_ID, self.stack.env["LINK_CLIENT_SECRET"]),
            timeout=REQUEST_TIMEOUT_S,
        )
        if resp.status_code != 200:
            raise LinkFailed(f"refresh failed: HTTP {resp.status_code}")
        body = resp.json()
        self._remember_secret(body["access_token"], body["refresh_token"])
        return dataclasses.replace(
            user, access_token=body["access_token"], refresh_token=body["refresh_token"]
        )

    def user(self, withings_user: str) -> LinkedUser:
        """A linked user shared by the tests of this stack (linked on first use)."""
        with self._lock:
            found = self._users.get(withings_user)
        if found is None:
            found = self.link(withings_user)
            with self._lock:
                found = self._users.setdefault(withings_user, found)
        return found

    def post(self, envelope: dict[str, Any], *, timeout: float = REQUEST_TIMEOUT_S) -> Reply:
        request = envelope["request"]
        request_id = str(request["requestId"])
        with_intent = request["type"] in ("IntentRequest", "CanFulfillIntentRequest")
        intent = request.get("intent", {}).get("name") if with_intent else None
        with self._lock:
            self._sent[request_id] = SentRequest(str(request["type"]), intent, request.get("locale"))
        started = time.monotonic()
        resp = self.session().post(f"{self.stack.skill_url}/alexa", json=envelope, timeout=timeout)
        elapsed = time.monotonic() - started
        try:
            body: Any = resp.json()
        except ValueError:
            body = resp.text
        return Reply(resp.status_code, body, elapsed, request_id)

    def _common(
        self,
        user: LinkedUser | None,
        access_token: str | None,
        person_id: str | None = None,
        person_token: str | None = None,
        locale: str = "en-US",
    ) -> dict[str, Any]:
        token = access_token if access_token is not None else (user.access_token if user else None)
        common: dict[str, Any] = {
            "skill_id": self.skill_id,
            "access_token": token,
            "api_endpoint": self.stack.sandbox_url,  # the Alexa API stand-in (device time zone)
            "locale": locale,
        }
        if user is not None:
            common["user_id"] = user.alexa_user_id
            common["device_id"] = user.device_id
        if person_id is not None or person_token is not None:  # a recognised voice (a household)
            common["person_id"], common["person_token"] = person_id, person_token
        return common

    def ask(
        self,
        intent: str,
        user: LinkedUser | None,
        slots: Mapping[str, str | envelopes.ResolvedSlot | None] | None = None,
        *,
        access_token: str | None = None,
        session_attributes: dict[str, Any] | None = None,
        timeout: float = REQUEST_TIMEOUT_S,
        person_id: str | None = None,
        person_token: str | None = None,
        locale: str = "en-US",
    ) -> Reply:
        common = self._common(user, access_token, person_id, person_token, locale)
        envelope = envelopes.intent_request(intent, slots, **common)
        if session_attributes is not None:  # a later turn of the same session
            envelope["session"]["new"] = False
            envelope["session"]["attributes"] = session_attributes
        return self.post(envelope, timeout=timeout)

    def launch(self, user: LinkedUser | None, *, locale: str = "en-US") -> Reply:
        return self.post(envelopes.launch_request(**self._common(user, None, locale=locale)))

    def can_fulfill(
        self,
        intent: str,
        slots: Mapping[str, str | envelopes.ResolvedSlot | None] | None = None,
        *,
        access_token: str | None = None,
    ) -> Reply:
        """A CanFulfillIntentRequest as Alexa sends it: no session, no userId, maybe no token."""
        envelope = envelopes.can_fulfill_request(
            intent,
            slots,
            skill_id=self.skill_id,
            access_token=access_token,
            user_id=None,
            api_endpoint=self.stack.sandbox_url,
        )
        return self.post(envelope)

    def session_ended(self, user: LinkedUser | None, reason: str = "USER_INITIATED") -> Reply:
        return self.post(envelopes.session_ended_request(reason, **self._common(user, None)))

    def skill_event(
        self,
        kind: str,
        user: LinkedUser,
        *,
        linked_access_token: str | None = None,
        person_id: str | None = None,
    ) -> Reply:
        """A skill event for `user`'s Alexa account; SkillAccountLinked carries `linked_access_token`
        (default: the user's own), from `person_id` for a profile-level link."""
        envelope = envelopes.skill_event(
            kind,
            access_token=user.access_token,
            linked_access_token=(linked_access_token or user.access_token)
            if kind == "SkillAccountLinked"
            else None,
            skill_id=self.skill_id,
            user_id=user.alexa_user_id,
            api_endpoint=self.stack.sandbox_url,
            person_id=person_id,
        )
        return self.post(envelope)

    def log_line(self, request_id: str) -> dict[str, Any]:
        """The `alexa_request` log line `serve` wrote for a request (written before it answered)."""
        assert self.stack.log_path is not None
        found = []
        for line in self.stack.log_path.read_text(encoding="utf-8").splitlines():
            if line.startswith("{") and request_id in line:
                doc = json.loads(line)
                if doc.get("event") == "alexa_request" and doc.get("request_id") == request_id:
                    found.append(doc)
        assert len(found) == 1, f"{len(found)} log lines for {request_id}"
        return dict(found[0])

    # -- the skill's table ----------------------------------------------------------------------

    def table_client(self) -> Any:
        """A boto3 DynamoDB client on the stack's DynamoDB Local (a dump, a purge)."""
        import boto3

        env = self.stack.env
        return boto3.session.Session().client(
            "dynamodb",
            endpoint_url=env["AWS_ENDPOINT_URL_DYNAMODB"],
            region_name=env["AWS_DEFAULT_REGION"],
            aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        )

    def forget_cache(self, userid: str) -> None:
        """Empty one Withings user's cache, as the skill's own purge does: for a test that changes the
        sandbox behind Withings' back (a fault, a revoked grant) and must see the next question ask."""
        from skill.cache.data import DataCache
        from skill.store.crypto import Sealer
        from skill.store.dynamodb import DynamoStore

        client = self.table_client()
        sealer = Sealer.from_b64(self.stack.env["TOKEN_KEY"])
        store = DynamoStore(self.stack.env["TABLE_NAME"], sealer=lambda: sealer, client=lambda: client)
        DataCache(store).purge(userid, None)

    # -- the sandbox's controls -------------------------------------------------------------------

    def raw(self, userid: str) -> dict[str, Any]:
        """The sandbox's generated data for a user, as of its "now" (GET /_sandbox/users/{userid})."""
        resp = self.session().get(
            f"{self.stack.sandbox_url}/_sandbox/users/{userid}", timeout=REQUEST_TIMEOUT_S
        )
        resp.raise_for_status()
        data = resp.json()
        assert isinstance(data, dict)
        return data

    def set_fault(self, mode: str, **options: Any) -> None:
        resp = self.session().post(
            f"{self.stack.sandbox_url}/_sandbox/fault",
            json={"mode": mode, **options},
            timeout=REQUEST_TIMEOUT_S,
        )
        assert resp.status_code == 200, resp.text

    def clear_faults(self) -> None:
        resp = self.session().delete(f"{self.stack.sandbox_url}/_sandbox/fault", timeout=REQUEST_TIMEOUT_S)
        assert resp.status_code == 200, resp.text

    def approve_next(self, userid: str) -> None:
        """The next link whose Withings authorize page names no user is approved by `userid`."""
        resp = self.session().post(
            f"{self.stack.sandbox_url}/_sandbox/next-approver",
            json={"userid": userid},
            timeout=REQUEST_TIMEOUT_S,
        )
        assert resp.status_code == 200, resp.text

    def expire_withings_tokens(self, userid: str) -> None:
        """OAuth2: the sandbox expires the user's Withings access tokens (the skill must refresh)."""
        resp = self.session().post(
            f"{self.stack.sandbox_url}/_sandbox/expire-tokens",
            json={"userid": userid},
            timeout=REQUEST_TIMEOUT_S,
        )
        assert resp.status_code == 200, resp.text

    def stats(self) -> dict[str, Any]:
        resp = self.session().get(f"{self.stack.sandbox_url}/_sandbox/stats", timeout=REQUEST_TIMEOUT_S)
        resp.raise_for_status()
        data = resp.json()
        assert isinstance(data, dict)
        return data


class Session:
    """One device session: a LaunchRequest, then turns with its id and the last response's attributes
    (as Alexa echoes them back)."""

    def __init__(self, product: Product, user: LinkedUser, locale: str) -> None:
        self.product, self.user, self.locale = product, user, locale
        launch = envelopes.launch_request(**product._common(user, None, locale=locale))
        self.id = launch["session"]["sessionId"]
        self.last = product.post(launch)
        self.attributes: dict[str, Any] = self.last.body.get("sessionAttributes") or {}

    def ask(self, intent: str, slots: Slots | None = None) -> Reply:
        envelope = envelopes.intent_request(
            intent,
            slots,
            **self.product._common(self.user, None, locale=self.locale),
            session_attributes=self.attributes,
        )
        envelope["session"]["sessionId"] = self.id
        self.last = self.product.post(envelope)
        assert self.last.status == 200, self.last.body
        self.attributes = self.last.body.get("sessionAttributes") or {}
        return self.last


def expect(product: Product, userid: str, ask: Callable[[], Reply], want: Expectation) -> Reply:
    """Ask, and check the reply against what the sandbox's raw data says it must be.

    The stack runs at a pinned instant (LocalStack's `now`), so the data cannot move under the
    question: one look at the raw data, before or after, is the answer.
    """
    reply = ask()
    assert reply.status == 200, reply.body
    wanted = want(product.raw(userid))
    assert wanted.matches(reply.text), f"said {reply.text!r}, expected {wanted.how} {wanted.text!r}"
    return reply
