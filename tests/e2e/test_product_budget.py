"""The app-wide Withings budget, end to end: two `serve` processes (two Lambda instances, as far as
the budget can tell) over one DynamoDB table share one small WITHINGS_CALLS_PER_MINUTE, together
never exceed it, and past it every question still gets a spoken answer — never an error.

The sandbox counts every Withings call (data and notify) each user's credentials made; the budget is
per wall-clock minute, so the bound checked is the limit times the minutes the test touched. The
test asks a bounded number of questions (N_QUESTIONS) on a bounded number of threads and stops.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest

from devtools.envelopes import ResolvedSlot
from devtools.stack import LocalStack
from tests.clock import NOW
from tests.e2e import expectations
from tests.e2e.product_helpers import LinkedUser, Product, Reply
from tests.e2e.sandbox_notify import SandboxNotify

pytestmark = pytest.mark.e2e

LIMIT = 30  # linking the users takes 15 (5 subscriptions each), the questions the rest
N_USERS = 3
# Each its own day, so none is answered from the cache: more than two minutes' budget can serve.
N_QUESTIONS = 2 * LIMIT + 12
USERIDS = [str(10450 + i) for i in range(N_USERS)]
STEPS = ResolvedSlot("steps", "STEPS")


@pytest.fixture(scope="module", params=["oauth1", "oauth2"])
def budgeted(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Product, str]]:
    auth = str(request.param)
    log_path = tmp_path_factory.mktemp(f"budget-{auth}") / "serve.log"
    extra = {"WITHINGS_CALLS_PER_MINUTE": str(LIMIT)}
    with LocalStack(auth=auth, log_path=log_path, now=NOW, extra_env=extra) as stack:
        yield Product(stack), stack.add_serve()


def minute() -> int:
    return int(time.time() // 60)


def total_calls(sandbox: SandboxNotify) -> int:
    return sum(sum(sandbox.calls(userid).values()) for userid in USERIDS)


def test_two_instances_share_one_budget_and_every_question_is_still_answered(
    budgeted: tuple[Product, str],
) -> None:
    product, second_url = budgeted
    sandbox = SandboxNotify(product.stack.sandbox_url, product.session())
    sandbox.reset_stats()
    first_minute = minute()
    users: list[LinkedUser] = [product.link(userid) for userid in USERIDS]
    today: date = NOW.date()
    urls = [product.stack.skill_url, second_url]

    # Alternate the two instances, two questions in flight at a time.
    with ThreadPoolExecutor(max_workers=2) as pool:
        replies = list(pool.map(lambda i: _ask_on(product, urls[i % 2], users, today, i), range(N_QUESTIONS)))
    last_minute = minute()

    calls = total_calls(sandbox)
    minutes = last_minute - first_minute + 1
    assert 0 < calls <= LIMIT * minutes, (calls, minutes)

    outcomes = _outcomes(product)
    busy = [r for r in replies if r.text == expectations.BUSY_APOLOGY]
    answered = [r for r in replies if r.text.startswith(("You took ", "I don't have any activity data"))]
    for reply in replies:
        assert reply.status == 200, reply.body
        assert reply.text, reply.body  # spoken, every one
        assert reply.elapsed < 8.0  # inside Alexa's deadline
        assert outcomes[reply.request_id] in ("answered", "no_data", "rate_limited"), reply.text
    assert len(busy) + len(answered) == N_QUESTIONS, [r.text for r in replies]
    assert busy, "more questions than the budget allows, and none heard 'busy'"
    assert len(answered) <= LIMIT * minutes


def _ask_on(product: Product, url: str, users: list[LinkedUser], today: date, i: int) -> Reply:
    """One question on the instance at `url` (Product talks to one instance; this bypasses it)."""
    from devtools import envelopes

    user = users[i % N_USERS]
    day = (today - timedelta(days=1 + i // N_USERS)).isoformat()
    common = product._common(user, None)
    envelope = envelopes.intent_request("ActivityIntent", {"metric": STEPS, "date": day}, **common)
    request_id = str(envelope["request"]["requestId"])
    started = time.monotonic()
    resp = product.session().post(f"{url}/alexa", json=envelope, timeout=10)
    return Reply(resp.status_code, resp.json(), time.monotonic() - started, request_id)


def _outcomes(product: Product) -> dict[str, str]:
    """request_id -> outcome, from both instances' logs (add_serve writes beside the first's)."""
    assert product.stack.log_path is not None
    found: dict[str, str] = {}
    for path in product.stack.log_path.parent.glob("*.log"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("{") and '"alexa_request"' in line:
                doc = json.loads(line)
                found[str(doc.get("request_id"))] = str(doc.get("outcome"))
    return found
