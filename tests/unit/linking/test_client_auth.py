from __future__ import annotations

import base64

import pytest

from skill.linking.client_auth import authenticate
from skill.linking.errors import OAuthError
from skill.linking.web import parse_params


def _basic(client_id: str, secret: str) -> dict[str, str]:
    return {"authorization": "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()}


def _auth(headers: dict[str, str], body: str = "") -> str:
    return authenticate(headers, parse_params(body), "alexa-client", lambda: "s3cret")


def test_basic_credentials() -> None:
    assert _auth(_basic("alexa-client", "s3cret")) == "alexa-client"


def test_basic_with_a_matching_body_client_id() -> None:
    assert _auth(_basic("alexa-client", "s3cret"), "client_id=alexa-client") == "alexa-client"


def test_basic_credentials_are_form_url_decoded() -> None:
    # RFC 6749 §2.3.1: id and secret are form-urlencoded before Basic encoding.
    header = {"authorization": "Basic " + base64.b64encode(b"alexa%2Dclient:s3cre%74").decode()}
    assert _auth(header) == "alexa-client"


def test_body_credentials() -> None:
    assert _auth({}, "client_id=alexa-client&client_secret=s3cret") == "alexa-client"


def _refused(headers: dict[str, str], body: str = "") -> OAuthError:
    with pytest.raises(OAuthError) as info:
        _auth(headers, body)
    return info.value


def test_wrong_basic_secret_is_401_with_a_challenge() -> None:
    err = _refused(_basic("alexa-client", "wrong"))
    assert (err.error, err.status, err.basic_challenge) == ("invalid_client", 401, True)


def test_wrong_body_secret_is_401_without_a_challenge() -> None:
    err = _refused({}, "client_id=alexa-client&client_secret=wrong")
    assert (err.error, err.status, err.basic_challenge) == ("invalid_client", 401, False)


def test_unknown_client() -> None:
    assert _refused({}, "client_id=someone&client_secret=s3cret").error == "invalid_client"


def test_no_credentials() -> None:
    assert _refused({}, "client_id=alexa-client").error == "invalid_client"
    assert _refused({}).error == "invalid_client"


def test_both_methods_at_once_is_invalid_request() -> None:
    err = _refused(_basic("alexa-client", "s3cret"), "client_secret=s3cret")
    assert (err.error, err.status) == ("invalid_request", 400)


def test_body_client_id_differing_from_basic() -> None:
    assert _refused(_basic("alexa-client", "s3cret"), "client_id=other").error == "invalid_request"


@pytest.mark.parametrize(
    "header", ["Basic !!!", "Basic " + base64.b64encode(b"no-colon").decode(), "Bearer abc"]
)
def test_malformed_authorization_header(header: str) -> None:
    err = _refused({"authorization": header})
    assert (err.error, err.status, err.basic_challenge) == ("invalid_client", 401, True)
