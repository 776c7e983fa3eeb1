"""Fixtures for the product-level suite (tests/e2e/test_product_*.py): the whole stack as processes.

`product_stack` is one devtools.stack.LocalStack per Withings auth mode for the whole session —
DynamoDB Local, the Withings sandbox and `python -m skill serve`, each its own process, stopped by
PID when the session ends or when pytest moves on to the other mode. Both processes answer at the
suite's pinned instant (tests.clock.NOW). Tests that need one mode only
select it with `@pytest.mark.parametrize("product_stack", ["oauth1"], indirect=True)`.

The other e2e tests use tests/conftest.py's fixtures; nothing here is autouse.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from devtools.stack import LocalStack
from tests.clock import NOW
from tests.e2e.product_helpers import Product

AUTH_MODES = ("oauth1", "oauth2")


@pytest.fixture(scope="session", params=AUTH_MODES)
def product_stack(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Product]:
    auth = str(request.param)
    log_path = tmp_path_factory.mktemp(f"product-{auth}") / "serve.log"
    with LocalStack(auth=auth, log_path=log_path, now=NOW) as stack:
        yield Product(stack)


@pytest.fixture
def product(product_stack: Product) -> Iterator[Product]:
    """The session's stack with no sandbox fault active before or after the test."""
    product_stack.clear_faults()
    try:
        yield product_stack
    finally:
        product_stack.clear_faults()
