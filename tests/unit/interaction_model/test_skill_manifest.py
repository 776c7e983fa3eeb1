"""skill.json and ask-resources.json: store listing, certification points, placeholders, events."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from devtools.utterances import FALLBACK_INTENT, LAUNCH_REQUEST, match_utterance
from skill.voice import intents
from skill.voice.locales import LOCALES

ROOT = Path(__file__).resolve().parents[3] / "interaction_model"
PLACEHOLDER_ARN = "arn:aws:lambda:us-east-1:123456789012:function:REPLACE-ME"
ENGLISH_DISCLAIMER = "not a substitute for professional medical advice"
DISCLAIMER = {
    **dict.fromkeys(("en-US", "en-GB", "en-CA", "en-AU", "en-IN"), ENGLISH_DISCLAIMER),
    "de-DE": "ersetzt keine professionelle medizinische Beratung",
    **dict.fromkeys(("fr-FR", "fr-CA"), "ne remplace pas un avis médical professionnel"),
    **dict.fromkeys(("es-ES", "es-MX", "es-US"), "no sustituye el consejo médico profesional"),
    "it-IT": "non sostituisce il parere medico professionale",
}
OPEN_VERB = {"en": "open", "de": "öffne", "fr": "ouvre", "es": "abre", "it": "apri"}
ASK_VERB = {"en": "ask", "de": "frage", "fr": "demande à", "es": "pregúntale a", "it": "chiedi a"}


def language(locale: str) -> str:
    return locale.split("-", maxsplit=1)[0]


def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "skill-package" / "skill.json").read_text("utf-8"))
    return data["manifest"]


def invocation(locale: str) -> str:
    path = ROOT / "skill-package" / "interactionModels" / "custom" / f"{locale}.json"
    name: str = json.loads(path.read_text("utf-8"))["interactionModel"]["languageModel"]["invocationName"]
    return name


def test_ask_cli_v2_resources_point_at_the_skill_package_only() -> None:
    resources = json.loads((ROOT / "ask-resources.json").read_text("utf-8"))
    assert resources["askcliResourcesVersion"] == "2020-03-31"
    default = resources["profiles"]["default"]
    assert default["skillMetadata"]["src"] == "./skill-package"
    assert "code" not in default and "skillInfrastructure" not in default  # the Lambda is SAM's
    assert (ROOT / default["skillMetadata"]["src"] / "skill.json").is_file()
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "ask deploy --target skill-metadata" in readme and "SAM" in readme


def test_manifest_basics() -> None:
    m = manifest()
    assert m["manifestVersion"] == "1.0"
    publishing = m["publishingInformation"]
    assert publishing["category"] == "HEALTH_AND_FITNESS"
    assert publishing["isAvailableWorldwide"] is False
    # Where Alexa speaks our locales and Withings sells.
    assert sorted(publishing["distributionCountries"]) == sorted(
        ["US", "GB", "DE", "AT", "CA", "AU", "IN", "FR", "ES", "MX", "IT"]
    )
    assert set(publishing["locales"]) == set(LOCALES)


def test_households_and_name_free_questions_are_declared() -> None:
    """Recognised voices need the person-id permission; name-free questions the CanFulfill interface."""
    m = manifest()
    assert {"name": "alexa::person_id:read"} in m["permissions"]
    assert {"type": "CAN_FULFILL_INTENT_REQUEST"} in m["apis"]["custom"]["interfaces"]


def test_privacy_and_compliance() -> None:
    privacy = manifest()["privacyAndCompliance"]
    assert privacy["usesPersonalInfo"] is True
    assert privacy["usesHealthInfo"] is False  # not a HIPAA covered entity (alexa-notes §3.5)
    assert privacy["isChildDirected"] is False
    assert privacy["isExportCompliant"] is True
    assert privacy["containsAds"] is False
    assert privacy["allowsPurchases"] is False
    assert set(privacy["locales"]) == set(LOCALES)
    for locale, urls in privacy["locales"].items():
        for key in ("privacyPolicyUrl", "termsOfUseUrl"):
            # A policy in the skill's language (alexa-notes §3.5): one page per locale.
            assert urls[key].startswith(f"https://example.com/REPLACE-ME/{locale}/"), urls[key]


def test_endpoint_and_events_are_placeholders_for_the_sam_output() -> None:
    m = manifest()
    assert m["apis"]["custom"]["endpoint"]["uri"] == PLACEHOLDER_ARN
    assert m["events"]["endpoint"]["uri"] == PLACEHOLDER_ARN
    names = [s["eventName"] for s in m["events"]["subscriptions"]]
    assert sorted(names) == ["SKILL_ACCOUNT_LINKED", "SKILL_DISABLED"]
    # ask-sdk-model 1.82.0 has no request class for it (alexa-notes §2.3).
    assert "SKILL_ACCOUNT_UNLINKED" not in json.dumps(m)


@pytest.mark.parametrize("locale", LOCALES)
def test_listing_has_the_health_disclaimer_and_store_fields(locale: str) -> None:
    listing = manifest()["publishingInformation"]["locales"][locale]
    assert DISCLAIMER[locale] in listing["description"]
    assert listing["name"].strip() and listing["summary"].strip()
    assert len(listing["summary"]) <= 160
    assert len(listing["description"]) <= 4000
    assert 3 <= len(listing["keywords"]) <= 30
    assert not any("withings" in k.lower() for k in listing["keywords"])  # a trademark


@pytest.mark.parametrize("locale", LOCALES)
def test_example_phrases_open_or_ask_the_skill_and_are_understood(locale: str) -> None:
    phrases = manifest()["publishingInformation"]["locales"][locale]["examplePhrases"]
    name = invocation(locale)
    assert len(phrases) == 3
    assert phrases[0].lower() == f"alexa, {OPEN_VERB[language(locale)]} {name}"
    assert match_utterance(phrases[0], locale).request_type == LAUNCH_REQUEST
    for phrase in phrases[1:]:
        assert re.match(f"alexa, {ASK_VERB[language(locale)]} {name},? ", phrase.lower()), phrase
        assert not re.search(r"\d", phrase)
        routed = match_utterance(phrase, locale, date(2026, 11, 25))
        assert routed.intent in intents.CUSTOM_INTENTS, phrase
        assert all(fill.resolved for fill in routed.slots), phrase


@pytest.mark.parametrize("locale", LOCALES)
def test_example_phrases_reach_the_intended_intents(locale: str) -> None:
    phrases = manifest()["publishingInformation"]["locales"][locale]["examplePhrases"][1:]
    assert [match_utterance(p, locale).intent for p in phrases] == [intents.Intent.SLEEP, intents.Intent.BODY]


def test_every_listing_is_in_its_own_language() -> None:
    listings = manifest()["publishingInformation"]["locales"]
    names = {locale: listing["name"] for locale, listing in listings.items()}
    assert names["fr-FR"] == "Balance connectée" and names["es-MX"] == "Báscula inteligente"
    assert names["it-IT"] == "Bilancia intelligente" and names["en-IN"] == "Health Scale"
    for locale, listing in listings.items():
        assert listing["name"].lower() == invocation(locale), locale  # what the store shows is what is said


@pytest.mark.parametrize("locale", LOCALES)
def test_questions_quoted_in_the_description_are_understood(locale: str) -> None:
    description = manifest()["publishingInformation"]["locales"][locale]["description"]
    questions = re.findall(r'["„«]\s?([^"“»]+?)\s?["“»]', description)
    assert len(questions) >= 4
    for question in questions:
        assert match_utterance(question, locale).intent not in (None, FALLBACK_INTENT), question


@pytest.mark.parametrize("locale", LOCALES)
def test_store_icons_are_packaged_at_the_sizes_amazon_requires(locale: str) -> None:
    import struct

    listing = manifest()["publishingInformation"]["locales"][locale]
    for key, side in (("smallIconUri", 108), ("largeIconUri", 512)):
        uri = listing[key]
        assert uri.startswith("file://assets/images/"), uri  # uploaded by `ask deploy` from the package
        png = (ROOT / "skill-package" / uri.removeprefix("file://")).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", png[16:24])  # IHDR
        assert (width, height) == (side, side)


def test_the_apl_interface_covers_every_screen_the_pictures_are_drawn_for() -> None:
    """Alexa sends Alexa.Presentation.APL (and accepts a RenderDocument) only for viewports the
    manifest lists: every device devtools.devices describes, the Spot to the Show 15 and Fire TV."""
    from devtools.devices import SCREENS

    apl = [i for i in manifest()["apis"]["custom"]["interfaces"] if i["type"] == "ALEXA_PRESENTATION_APL"]
    assert len(apl) == 1
    viewports = apl[0]["supportedViewports"]
    for device in SCREENS:
        width, height = device.dp
        assert any(
            v["mode"] == device.mode
            and v["shape"] == device.shape
            and v["minWidth"] <= width <= v["maxWidth"]
            and v["minHeight"] <= height <= v["maxHeight"]
            for v in viewports
        ), device.label
