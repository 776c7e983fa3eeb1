"""The linking pages in the person's language: Accept-Language weighed, regional tags to their
language, English as the fallback; every language has every page, translated and escaped."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from skill.linking import pages
from skill.linking.context import LinkingContext
from skill.linking.http import handle_http_event
from skill.linking.languages import LANGUAGES, choose
from skill.voice.locales import LOCALES

from .conftest import http_event

TEXTS = Path(pages.__file__).resolve().parent / "page_texts"


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "en"),
        ("", "en"),
        ("fr-FR", "fr"),
        ("fr-CH, fr;q=0.9, en;q=0.8", "fr"),  # a region we have no page for: its language
        ("de-AT", "de"),
        ("pt-BR, es;q=0.5, en;q=0.4", "es"),  # the first language we have, by weight
        ("en;q=0, it", "it"),  # q=0: not English
        ("es-419;q=0.9, fr;q=0.95", "fr"),  # weights beat order
        ("it;q=0.5, es;q=0.5", "it"),  # a tie keeps the browser's order
        ("*", "en"),
        ("fr;q=abc, it;q=0.4", "it"),  # an unreadable weight drops only its tag
        ("fr;q=2, es", "es"),
        ("ja, zh-CN;q=0.8", "en"),
        (";;,ä,=", "en"),
        ("x" * 5000, "en"),
    ],
)
def test_accept_language_chooses_the_pages_language(header: str | None, language: str) -> None:
    assert choose(header) == language


def test_every_language_of_the_skill_has_its_pages() -> None:
    assert {locale.split("-")[0] for locale in LOCALES} == set(LANGUAGES)
    assert {p.stem for p in TEXTS.glob("*.json")} == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_in_every_language_and_translated(language: str) -> None:
    raw = json.loads((TEXTS / f"{language}.json").read_text("utf-8"))
    assert raw["lang"] == language
    assert set(raw["pages"]) == set(pages.REASONS), language
    for reason, texts in pages.messages(language).items():
        assert all(text.strip() for text in texts), (language, reason)
        if language != "en":
            assert texts != pages.messages("en")[reason], (language, reason)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_data(self, data: str) -> None:
        self.found.append(data)


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_say_their_language_and_escape_every_string(language: str) -> None:
    for reason, (title, what, todo) in pages.messages(language).items():
        html = pages.render(reason, language)
        assert f'<html lang="{language}">' in html
        parser = _Text()
        parser.feed(html)
        assert {title, what, todo} <= set(parser.found), (language, reason)
        assert not re.search(r"<script", html)


def test_a_string_with_markup_is_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    planted = {reason: ("<b>bold</b> & co", "a < b", "c > d") for reason in pages.REASONS}
    monkeypatch.setattr(pages, "messages", lambda language: planted)
    html = pages.render("expired", "fr")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in html and "<b>" not in html


def test_an_unknown_language_gets_the_english_page() -> None:
    assert pages.render("expired", "pt") == pages.render("expired", "en")


def test_a_refused_link_request_answers_in_the_browsers_language(
    contexts: Callable[[str], LinkingContext],
) -> None:
    # GIVEN a browser that prefers Swiss French, WHEN the link request comes from no client we know,
    # THEN the page explains it in French, and says so.
    event = http_event(
        "GET", "/link/authorize", "client_id=nobody", headers={"Accept-Language": "fr-CH,fr;q=0.9"}
    )
    result = handle_http_event(event, None, contexts)
    assert result["statusCode"] == 400
    assert result["headers"]["Content-Language"] == "fr" and result["headers"]["Vary"] == "Accept-Language"
    assert pages.messages("fr")["bad_client"][0].replace("'", "&#x27;") in result["body"]
    # A malformed request still reads the header: Italian.
    bad = http_event("GET", "/link/callback", body="***", b64=True, headers={"accept-language": "it-IT"})
    assert 'lang="it"' in handle_http_event(bad, None, contexts)["body"]
    # No header: English.
    plain = handle_http_event(http_event("GET", "/link/authorize", "client_id=nobody"), None, contexts)
    assert plain["headers"]["Content-Language"] == "en" and 'lang="en"' in plain["body"]
