"""The committed interaction models: the intent contract, Amazon's sample rules, the invocation names."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from skill.voice import intents
from skill.voice.locales import LOCALES

PACKAGE = Path(__file__).resolve().parents[3] / "interaction_model" / "skill-package"
MAIN_INTENTS = (
    intents.Intent.SLEEP,
    intents.Intent.ACTIVITY,
    intents.Intent.BODY,
    intents.Intent.DIGEST,
    intents.Intent.TREND,
    intents.Intent.AVERAGE,
)
SLOT = re.compile(r"\{(\w+)\}")


def letters(locale: str) -> str:
    """The letters a locale's samples may use (Amazon: the language's letters, spelled-out numbers)."""
    from interaction_model.tools.build_models import LETTERS

    return LETTERS[locale.split("-", maxsplit=1)[0]]


def language_model(locale: str) -> dict[str, Any]:
    data = json.loads((PACKAGE / "interactionModels" / "custom" / f"{locale}.json").read_text("utf-8"))
    model: dict[str, Any] = data["interactionModel"]["languageModel"]
    return model


def custom_intents(locale: str) -> dict[str, dict[str, Any]]:
    return {i["name"]: i for i in language_model(locale)["intents"] if not i["name"].startswith("AMAZON.")}


@pytest.mark.parametrize("locale", LOCALES)
def test_intents_are_exactly_the_contract(locale: str) -> None:
    names = [i["name"] for i in language_model(locale)["intents"]]
    assert sorted(names) == sorted(intents.CUSTOM_INTENTS + intents.BUILT_IN_INTENTS)
    assert len(names) == len(set(names))


@pytest.mark.parametrize("locale", LOCALES)
def test_every_intent_declares_exactly_its_slots(locale: str) -> None:
    for name, intent in custom_intents(locale).items():
        declared = {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
        assert declared == intents.INTENT_SLOTS[name], name


@pytest.mark.parametrize("locale", LOCALES)
def test_built_in_intents_need_no_samples(locale: str) -> None:
    for intent in language_model(locale)["intents"]:
        if intent["name"] in intents.BUILT_IN_INTENTS:
            assert intent.get("samples", []) == [], intent["name"]
            assert "slots" not in intent


@pytest.mark.parametrize("locale", LOCALES)
def test_slot_types_carry_the_contract_ids(locale: str) -> None:
    types = {t["name"]: t for t in language_model(locale)["types"]}
    assert set(types) == set(intents.SLOT_TYPES)
    for type_name, ids in intents.SLOT_TYPES.items():
        values = types[type_name]["values"]
        assert [v["id"] for v in values] == list(ids), type_name
        for value in values:
            assert value["name"]["value"].strip(), (type_name, value["id"])
            assert len(value["name"]["synonyms"]) >= 2, (type_name, value["id"])


@pytest.mark.parametrize("locale", LOCALES)
def test_no_spoken_form_names_two_values_of_a_type(locale: str) -> None:
    for slot_type in language_model(locale)["types"]:
        seen: dict[str, str] = {}
        for value in slot_type["values"]:
            for word in [value["name"]["value"], *value["name"]["synonyms"]]:
                key = " ".join(word.lower().split())
                assert seen.setdefault(key, value["id"]) == value["id"], (slot_type["name"], word)


@pytest.mark.parametrize("locale", LOCALES)
def test_samples_use_only_allowed_characters(locale: str) -> None:
    for name, intent in custom_intents(locale).items():
        for sample in intent["samples"]:
            assert not re.search(r"\d", sample), (name, sample)
            # Amazon: spelled-out numbers; letters, spaces, apostrophes, periods; slots in braces.
            assert re.fullmatch(f"[{letters(locale)}' .{{}}]+", sample), (name, sample)
            assert sample == " ".join(sample.split()), (name, sample)
            assert not re.search(r"\{\s|\s\}", sample), (name, sample)


@pytest.mark.parametrize("locale", LOCALES)
def test_slot_values_use_only_allowed_characters(locale: str) -> None:
    for slot_type in language_model(locale)["types"]:
        for value in slot_type["values"]:
            for word in [value["name"]["value"], *value["name"]["synonyms"]]:
                assert not re.search(r"\d", word) and re.fullmatch(f"[{letters(locale)}' .]+", word), word


@pytest.mark.parametrize("locale", LOCALES)
def test_no_sample_is_in_two_intents(locale: str) -> None:
    owner: dict[str, str] = {}
    for name, intent in custom_intents(locale).items():
        assert len(intent["samples"]) == len(set(intent["samples"])), name
        for sample in intent["samples"]:
            key = " ".join(sample.lower().split())
            assert owner.setdefault(key, name) == name, f"{sample!r} in {owner[key]} and {name}"


@pytest.mark.parametrize("locale", LOCALES)
def test_samples_use_declared_slots_once_and_every_slot_is_used(locale: str) -> None:
    for name, intent in custom_intents(locale).items():
        declared = set(intents.INTENT_SLOTS[name])
        used: set[str] = set()
        for sample in intent["samples"]:
            slots = SLOT.findall(sample)
            assert set(slots) <= declared, (name, sample)
            assert len(slots) == len(set(slots)), (name, sample)
            assert sample.count("{") == sample.count("}") == len(slots), (name, sample)
            used.update(slots)
        assert used == declared, name


@pytest.mark.parametrize("locale", LOCALES)
def test_questions_about_a_time_accept_a_date_slot_and_some_need_none(locale: str) -> None:
    for name, intent in custom_intents(locale).items():
        time_slot = next((s for s in intents.INTENT_SLOTS[name] if s in ("date", "period")), None)
        if time_slot is None:
            continue
        with_slot = [s for s in intent["samples"] if "{" + time_slot + "}" in s]
        without = [s for s in intent["samples"] if "{" + time_slot + "}" not in s]
        assert len(with_slot) >= 10 and len(without) >= 5, name


@pytest.mark.parametrize(
    ("locale", "minimum"),
    [("en-US", 40), ("en-GB", 40), ("en-CA", 40), ("en-AU", 40), ("en-IN", 40), ("de-DE", 25), ("fr-FR", 40),
     ("fr-CA", 40), ("es-ES", 35), ("es-MX", 35), ("es-US", 35), ("it-IT", 40)],
)  # fmt: skip
def test_main_intents_have_dozens_of_samples(locale: str, minimum: int) -> None:
    found = custom_intents(locale)
    for name in MAIN_INTENTS:
        assert len(found[name]["samples"]) >= minimum, name
    for name in set(intents.CUSTOM_INTENTS) - set(MAIN_INTENTS):
        assert len(found[name]["samples"]) >= 20, name


def test_british_model_keeps_the_american_samples_and_adds_its_own() -> None:
    us, gb = custom_intents("en-US"), custom_intents("en-GB")
    for name in intents.CUSTOM_INTENTS:
        assert set(us[name]["samples"]) <= set(gb[name]["samples"]), name
    assert "how much do I weigh in stone" in gb[intents.Intent.BODY]["samples"]
    assert "how much do I weigh in stone" not in us[intents.Intent.BODY]["samples"]


@pytest.mark.parametrize(("region", "base"), [("en-CA", "en-US"), ("en-AU", "en-US"), ("en-IN", "en-US"),
                                              ("fr-CA", "fr-FR"), ("es-US", "es-MX")])  # fmt: skip
def test_a_regional_model_keeps_its_languages_samples(region: str, base: str) -> None:
    regional, common = custom_intents(region), custom_intents(base)
    for name in intents.CUSTOM_INTENTS:
        assert set(common[name]["samples"]) <= set(regional[name]["samples"]), (region, name)


def test_stone_is_british_only() -> None:
    for locale in LOCALES:
        samples = [s for i in custom_intents(locale).values() for s in i["samples"]]
        assert any("stone" in s for s in samples) == (locale == "en-GB"), locale


def test_spain_and_the_americas_ask_in_their_own_words() -> None:
    spain, mexico = custom_intents("es-ES"), custom_intents("es-MX")
    assert "cómo he dormido {date}" in spain[intents.Intent.SLEEP]["samples"]
    assert "cómo he dormido {date}" not in mexico[intents.Intent.SLEEP]["samples"]
    assert "cómo ando" in mexico[intents.Intent.DIGEST]["samples"]
    assert "cómo ando" not in spain[intents.Intent.DIGEST]["samples"]


# --- invocation names ---------------------------------------------------------------------------------

LAUNCH_AND_CONNECTING = {
    "ask",
    "tell",
    "open",
    "launch",
    "start",
    "begin",
    "load",
    "play",
    "run",
    "use",
    "resume",
    "enable",
    "by",
    "from",
    "in",
    "using",
    "with",
    "to",
    "about",
    "for",
    "that",
    "if",
    "and",
    "whether",
    "frage",
    "frag",
    "öffne",
    "starte",
    "sage",
    "sag",
    "aktiviere",
    "spiele",
    "nach",
    "ob",
    "und",
    "mit",
    "von",
    # French, Spanish, Italian
    "demande",
    "demander",
    "ouvre",
    "lance",
    "dis",
    "à",
    "de",
    "pour",
    "avec",
    "pregunta",
    "pregúntale",
    "abre",
    "inicia",
    "pon",
    "dile",
    "a",
    "con",
    "para",
    "chiedi",
    "apri",
    "avvia",
    "lancia",
    "di",
    "da",
    "per",
}
WAKE_WORDS = {"alexa", "amazon", "echo", "computer", "ziggy"}
# In a two-word name no word may be an article, a pronoun or a preposition.
ARTICLES_PRONOUNS_PREPOSITIONS = {
    "the",
    "a",
    "an",
    "for",
    "to",
    "of",
    "my",
    "your",
    "der",
    "die",
    "das",
    "ein",
    "eine",
    "mein",
    "meine",
    "dein",
    "deine",
    "für",
    "zu",
    "von",
    "le",
    "la",
    "les",
    "un",
    "une",
    "mon",
    "ma",
    "el",
    "los",
    "las",
    "una",
    "mi",
    "il",
    "lo",
    "uno",
}


@pytest.mark.parametrize("locale", LOCALES)
def test_invocation_name_follows_amazons_rules(locale: str) -> None:
    name = language_model(locale)["invocationName"]
    words = name.split()
    assert re.fullmatch(f"[{letters(locale).replace('A-Z', '')}' .]+", name) and name == " ".join(words)
    assert name == name.lower(), name
    assert len(words) >= 2
    assert not set(words) & LAUNCH_AND_CONNECTING
    assert not set(words) & WAKE_WORDS
    if len(words) == 2:
        assert not set(words) & ARTICLES_PRONOUNS_PREPOSITIONS
    assert "withings" not in name  # a trademark


def test_invocation_names_chosen() -> None:
    assert language_model("en-US")["invocationName"] == "health scale"
    assert language_model("en-GB")["invocationName"] == "health scale"
    assert language_model("de-DE")["invocationName"] == "smarte waage"
    for locale in ("en-CA", "en-AU", "en-IN"):
        assert language_model(locale)["invocationName"] == "health scale"
    assert language_model("fr-FR")["invocationName"] == language_model("fr-CA")["invocationName"]
    assert language_model("fr-FR")["invocationName"] == "balance connectée"
    for locale in ("es-ES", "es-MX", "es-US"):
        assert language_model(locale)["invocationName"] == "báscula inteligente"
    assert language_model("it-IT")["invocationName"] == "bilancia intelligente"


def test_committed_models_are_what_the_generator_writes() -> None:
    from interaction_model.tools import build_models

    for locale in LOCALES:
        model = build_models.build(locale)
        assert build_models.problems(model, locale, build_models.side_by_side_allowed(locale)) == []
        path = PACKAGE / "interactionModels" / "custom" / f"{locale}.json"
        assert path.read_text("utf-8") == build_models.render(model), f"{path} is stale"


def test_generator_rejects_what_amazon_rejects() -> None:
    from interaction_model.tools import build_models

    model = build_models.build("en-US")
    intents_ = model["interactionModel"]["languageModel"]["intents"]
    intents_[0]["samples"] += ["how did I sleep on the third", "sleep for 8 hours", "how did I sleep {when}"]
    intents_[1]["samples"].append(intents_[0]["samples"][0])
    found = build_models.problems(model)
    assert any("forbidden character" in p and "8 hours" in p for p in found)
    assert any("undeclared" in p and "{when}" in p for p in found)
    assert any("is in both" in p for p in found)
    assert not any("on the third" in p for p in found)


@pytest.mark.parametrize("locale", LOCALES)
def test_two_slots_side_by_side_only_where_listed(locale: str) -> None:
    """ "what was my average {metric} {period}" is hard for any matcher to split: such samples are few,
    each one listed on purpose, and every listed one is still in the model (no stale entries)."""
    from interaction_model.tools import build_models

    allowed = build_models.side_by_side_allowed(locale)
    side_by_side = {
        sample
        for intent in custom_intents(locale).values()
        for sample in intent["samples"]
        if re.search(r"\}\s+\{", sample)
    }
    assert side_by_side <= allowed
    everywhere = {
        sample
        for other in LOCALES
        if build_models.side_by_side_allowed(other) is allowed
        for intent in custom_intents(other).values()
        for sample in intent["samples"]
    }
    assert allowed <= everywhere, sorted(allowed - everywhere)
    assert len(side_by_side) <= 20


def test_generator_refuses_an_unlisted_side_by_side_sample() -> None:
    from interaction_model.tools import build_models

    model = build_models.build("en-US")
    model["interactionModel"]["languageModel"]["intents"][0]["samples"].append("how did I {metric} {date}")
    found = build_models.problems(model, "en-US", build_models.side_by_side_allowed("en-US"))
    assert found == [
        "SleepIntent: two slots side by side, give them a carrier word: 'how did I {metric} {date}'"
    ]


def test_template_expansion() -> None:
    from interaction_model.tools.build_models import expand

    assert expand("how (did|do) I sleep[ {date}]") == [
        "how did I sleep",
        "how did I sleep {date}",
        "how do I sleep",
        "how do I sleep {date}",
    ]
    assert expand("a(| b| c)") == ["a", "a b", "a c"]
