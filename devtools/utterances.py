"""Route a typed utterance through the interaction model the way Alexa would (local tooling only).

Alexa's NLU is statistical; this is a deterministic stand-in good enough to drive the skill from a
terminal and to test that the model covers the ways people ask:
- the invocation is handled first: "open health scale" is a LaunchRequest, "ask health scale for my
  weight" routes "my weight"; the built-in phrases ("help", "stop", "hilfe", "ja"...) go to the
  AMAZON.* intents;
- every sample is compiled once into a token pattern (literal words and slot captures). Matching is
  case-insensitive and ignores punctuation; "what's" and "what is" are the same words. Every way to
  split the words between the slots is tried, because samples like "my average {metric} {period}"
  put two slots side by side, which a single regex capture would split arbitrarily;
- slot values are resolved as Alexa resolves them: AMAZON.DATE through devtools.date_phrases, custom
  types by entity resolution against the values and synonyms (ER_SUCCESS_MATCH with the value id, or
  ER_SUCCESS_NO_MATCH);
- of all matching samples the one with the fewest unresolved slots wins, then the one with the most
  literal words (the most specific), then the model's order; no match is AMAZON.FallbackIntent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from devtools import romance_phrases as romance
from devtools.date_phrases import resolve_date_phrase
from skill import clock

MODELS_DIR: Final = (
    Path(__file__).resolve().parents[1]
    / "interaction_model"
    / "skill-package"
    / "interactionModels"
    / "custom"
)

INTENT_REQUEST: Final = "IntentRequest"
LAUNCH_REQUEST: Final = "LaunchRequest"
FALLBACK_INTENT: Final = "AMAZON.FallbackIntent"
ER_SUCCESS_MATCH: Final = "ER_SUCCESS_MATCH"
ER_SUCCESS_NO_MATCH: Final = "ER_SUCCESS_NO_MATCH"
DATE_TYPE: Final = "AMAZON.DATE"

# Phrases Alexa's built-in intents answer to (they need no samples in the model).
BUILT_IN_PHRASES: Final[dict[str, dict[str, str]]] = {
    "en": {
        **dict.fromkeys(
            ("help", "help me", "what can you do", "what can I say", "what can I ask", "how does this work"),
            "AMAZON.HelpIntent",
        ),
        **dict.fromkeys(("stop", "quit", "exit", "goodbye", "shut up", "be quiet"), "AMAZON.StopIntent"),
        **dict.fromkeys(("cancel", "never mind", "nevermind", "forget it"), "AMAZON.CancelIntent"),
        **dict.fromkeys(
            ("yes", "yeah", "yep", "yes please", "sure", "okay", "ok", "please do", "go ahead"),
            "AMAZON.YesIntent",
        ),
        **dict.fromkeys(("no", "nope", "no thanks", "no thank you", "not now"), "AMAZON.NoIntent"),
        **dict.fromkeys(("go home", "home", "go to the home screen"), "AMAZON.NavigateHomeIntent"),
    },
    "de": {
        **dict.fromkeys(
            ("hilfe", "hilf mir", "was kannst du", "was kann ich sagen", "was kann ich fragen"),
            "AMAZON.HelpIntent",
        ),
        **dict.fromkeys(
            ("stopp", "stop", "halt", "aufhören", "beenden", "tschüss", "ruhe"), "AMAZON.StopIntent"
        ),
        **dict.fromkeys(("abbrechen", "abbruch", "vergiss es", "egal"), "AMAZON.CancelIntent"),
        **dict.fromkeys(("ja", "ja bitte", "gerne", "klar", "okay", "ok", "genau"), "AMAZON.YesIntent"),
        **dict.fromkeys(("nein", "nein danke", "ne", "nö", "jetzt nicht"), "AMAZON.NoIntent"),
        **dict.fromkeys(
            ("startseite", "zum startbildschirm", "geh zum startbildschirm"), "AMAZON.NavigateHomeIntent"
        ),
    },
    **romance.BUILT_IN_PHRASES,
}

# How people address a skill by name (Alexa strips these before the NLU sees the request).
_LAUNCH_VERBS: Final = {
    "en": ("open", "launch", "start", "begin", "load", "run", "play", "use"),
    "de": ("öffne", "öffnen", "starte", "start", "starten", "beginne", "lade", "spiele"),
    **romance.LAUNCH_VERBS,
}
_ASK_VERBS: Final = {
    "en": ("ask", "tell"),
    "de": ("frag", "frage", "fragt", "sag", "sage"),
    **romance.ASK_VERBS,
}
_ASK_PARTICLES: Final = {"en": (), "de": (), **romance.ASK_PARTICLES}
_CONNECTORS: Final = {
    "en": ("to", "for", "about", "whether", "if", "and", "that"),
    "de": ("nach", "ob", "um", "und", "dass"),
    **romance.CONNECTORS,
}
_SUFFIX_CONNECTORS: Final = {
    "en": ("using", "with", "from", "on"),
    "de": ("mit", "von", "über", "bei"),
    **romance.SUFFIX_CONNECTORS,
}
_PLEASE: Final = {"en": (("please",),), "de": (("bitte",),), **romance.PLEASE}
_WAKE_WORDS: Final = ("alexa", "echo", "amazon", "computer")

# Normalisation: contractions and spellings that mean the same words.
_REWRITES: Final = {
    "en": {
        "what's": "what is",
        "how's": "how is",
        "where's": "where is",
        "that's": "that is",
        "it's": "it is",
        "there's": "there is",
        "who's": "who is",
        "when's": "when is",
        "i'm": "i am",
        "i've": "i have",
        "i'd": "i would",
        "gimme": "give me",
        "whats": "what is",
        "hows": "how is",
    },
    "de": {"wieviel": "wie viel", "wieviele": "wie viele", "gibt's": "gibt es", "geht's": "geht es"},
    "fr": {},
    "es": {},
    "it": {},
}


def _language(locale: str) -> str:
    language = locale.lower()[:2]
    return language if language in _REWRITES else "en"


def normalize(text: str, locale: str = "en-US") -> list[str]:
    """Lowercase words without punctuation, contractions expanded, spelled-out letters ("b. p.") joined."""
    rewrites = _REWRITES[_language(locale)]
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[-_/,;:!?.()\"“”„¿¡«»]", " ", text)
    words: list[str] = []
    for raw in text.split():
        word = raw.strip("'")
        if word:
            words.extend(rewrites.get(word, word).split())
    # Runs of single letters are one spelled word: "b p" -> "bp", "r e m" -> "rem".
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if len(run) > 1:
            joined.append("".join(run))
        else:
            joined.extend(run)
        run = []
        if word:
            joined.append(word)
    return joined


# --- results ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolution:
    """Entity resolution of a custom slot value (one authority: the skill's own values)."""

    status: str
    value_id: str | None = None
    value_name: str | None = None


@dataclass(frozen=True)
class SlotFill:
    name: str
    slot_type: str
    raw: str  # the words that filled the slot
    value: str | None  # what Alexa sends as slot.value (AMAZON.DATE: the resolved date, None if unreadable)
    resolution: Resolution | None = None  # custom types only

    @property
    def resolved(self) -> bool:
        if self.slot_type == DATE_TYPE:
            return self.value is not None
        return self.resolution is not None and self.resolution.status == ER_SUCCESS_MATCH


@dataclass(frozen=True)
class Match:
    request_type: str  # IntentRequest or LaunchRequest
    intent: str | None = None
    slots: tuple[SlotFill, ...] = ()
    declared_slots: tuple[tuple[str, str], ...] = ()  # (name, type) of every slot the intent declares
    sample: str | None = None  # the sample utterance that matched

    def slot(self, name: str) -> SlotFill | None:
        return next((s for s in self.slots if s.name == name), None)

    def slots_json(self, skill_id: str) -> dict[str, Any]:
        """request.intent.slots as Alexa sends it: every declared slot, values only where filled."""
        out: dict[str, Any] = {}
        for name, slot_type in self.declared_slots:
            fill = self.slot(name)
            entry: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
            if fill is not None and (fill.value is not None or fill.resolution is not None):
                simple: dict[str, Any] = {"type": "Simple", "value": fill.value}
                entry.update(value=fill.value, source="USER")
                if fill.resolution is not None:
                    resolutions = _resolutions_json(fill.resolution, skill_id, slot_type)
                    entry["resolutions"] = simple["resolutions"] = resolutions
                entry["slotValue"] = simple
            out[name] = entry
        return out


def _resolutions_json(resolution: Resolution, skill_id: str, slot_type: str) -> dict[str, Any]:
    authority: dict[str, Any] = {
        "authority": f"amzn1.er-authority.echo-sdk.{skill_id}.{slot_type}",
        "status": {"code": resolution.status},
    }
    if resolution.status == ER_SUCCESS_MATCH:
        authority["values"] = [{"value": {"name": resolution.value_name, "id": resolution.value_id}}]
    return {"resolutionsPerAuthority": [authority]}


# --- compiled model -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Slot:
    name: str


_Part = str | _Slot


@dataclass(frozen=True)
class _Sample:
    intent: str
    text: str
    parts: tuple[_Part, ...]
    literal_count: int
    order: int


@dataclass(frozen=True)
class _Candidate:
    sample: _Sample
    fills: tuple[SlotFill, ...]

    def rank(self) -> tuple[int, int, int, int]:
        unresolved = sum(not fill.resolved for fill in self.fills)
        return (unresolved, -self.sample.literal_count, -len(self.fills), self.sample.order)


def _spans(
    parts: tuple[_Part, ...], words: list[str], i: int, j: int
) -> Iterator[dict[str, tuple[int, int]]]:
    """Every assignment of word spans to the slots that makes parts[i:] match words[j:]."""
    if i == len(parts):
        if j == len(words):
            yield {}
        return
    part = parts[i]
    if isinstance(part, str):
        if j < len(words) and words[j] == part:
            yield from _spans(parts, words, i + 1, j + 1)
        return
    # A slot takes at least one word and leaves one for each literal still to come.
    rest_literals = sum(isinstance(p, str) for p in parts[i + 1 :])
    for end in range(j + 1, len(words) - rest_literals + 1):
        for tail in _spans(parts, words, i + 1, end):
            yield {part.name: (j, end), **tail}


class Matcher:
    """One locale's interaction model, compiled. Build once (`Matcher.for_locale`), match many."""

    def __init__(self, model: Mapping[str, Any], locale: str) -> None:
        self.locale = locale
        self.language = _language(locale)
        language_model = model["interactionModel"]["languageModel"]
        self.invocation = normalize(language_model["invocationName"], locale)
        self._slot_types: dict[str, dict[str, str]] = {}
        self._samples: list[_Sample] = []
        for intent in language_model["intents"]:
            self._slot_types[intent["name"]] = {s["name"]: s["type"] for s in intent.get("slots", [])}
            slot_names = {name.lower(): name for name in self._slot_types[intent["name"]]}
            for sample in intent.get("samples", []):
                words = normalize(re.sub(r"(\{\w+\})", r" \1 ", sample), locale)
                parts = tuple(
                    _Slot(slot_names.get(word[1:-1], word[1:-1])) if word.startswith("{") else word
                    for word in words
                )
                literals = sum(isinstance(p, str) for p in parts)
                self._samples.append(_Sample(intent["name"], sample, parts, literals, len(self._samples)))
        self._built_ins = {
            " ".join(normalize(text, locale)): intent
            for text, intent in BUILT_IN_PHRASES[self.language].items()
        }
        self._values: dict[str, dict[str, tuple[str, str]]] = {}
        for slot_type in language_model.get("types", []):
            table: dict[str, tuple[str, str]] = {}
            for value in slot_type["values"]:
                name = value["name"]["value"]
                for word in [name, *value["name"].get("synonyms", [])]:
                    table.setdefault(" ".join(normalize(word, locale)), (value["id"], name))
            self._values[slot_type["name"]] = table

    @classmethod
    def for_locale(cls, locale: str) -> Matcher:
        return _matcher(locale)

    # --- public ---

    def match(self, utterance: str, today: date | None = None) -> Match:
        today = today or clock.now().astimezone().date()
        words = normalize(utterance, self.locale)
        while words and words[0] in _WAKE_WORDS:
            words = words[1:]
        request = self._strip_invocation(words)
        if request is None:
            return Match(LAUNCH_REQUEST)
        built_in = self._built_ins.get(" ".join(request))
        if built_in is not None:
            return Match(INTENT_REQUEST, built_in)
        best: _Candidate | None = None
        for sample in self._samples:
            for spans in _spans(sample.parts, request, 0, 0):
                candidate = _Candidate(sample, self._fills(sample.intent, spans, request, today))
                if best is None or candidate.rank() < best.rank():
                    best = candidate
        if best is None:
            return Match(INTENT_REQUEST, FALLBACK_INTENT, declared_slots=())
        declared = tuple(self._slot_types[best.sample.intent].items())
        return Match(INTENT_REQUEST, best.sample.intent, best.fills, declared, best.sample.text)

    def resolve(self, slot_type: str, raw: str, today: date) -> tuple[str | None, Resolution | None]:
        """(slot.value, entity resolution) for `raw` words in a slot of `slot_type`."""
        if slot_type == DATE_TYPE:
            return resolve_date_phrase(raw, today, self.locale), None
        hit = self._values.get(slot_type, {}).get(" ".join(normalize(raw, self.locale)))
        if hit is None:
            return raw, Resolution(ER_SUCCESS_NO_MATCH)
        return raw, Resolution(ER_SUCCESS_MATCH, hit[0], hit[1])

    # --- internals ---

    def _strip_invocation(self, words: list[str]) -> list[str] | None:
        """The request words without the invocation phrase, or None for a plain launch."""
        inv, n = self.invocation, len(self.invocation)
        launch, ask = _LAUNCH_VERBS[self.language], _ASK_VERBS[self.language]
        particles = _ASK_PARTICLES[self.language]
        for start in (0, 1, 2):
            if words[start : start + n] != inv:
                continue
            if start == 1 and words[0] not in launch + ask:
                continue
            if start == 2 and (words[0] not in ask or words[1] not in particles):
                continue  # "demande à balance connectée ...", "pregúntale a ...", "chiedi a ..."
            rest = words[start + n :]
            if rest and rest[0] in _CONNECTORS[self.language]:
                rest = rest[1:]
            for polite in _PLEASE[self.language]:
                while rest and tuple(rest[-len(polite) :]) == polite:
                    rest = rest[: -len(polite)]
            return rest or None
        # "<request> using health scale", "<request> mit smarte waage"
        if len(words) > n + 1 and words[-n:] == inv and words[-n - 1] in _SUFFIX_CONNECTORS[self.language]:
            return words[: -n - 1] or None
        return words or None

    def _fills(
        self, intent: str, spans: dict[str, tuple[int, int]], words: list[str], today: date
    ) -> tuple[SlotFill, ...]:
        fills = []
        for name, (start, end) in spans.items():
            slot_type = self._slot_types[intent].get(name, "")
            raw = " ".join(words[start:end])
            value, resolution = self.resolve(slot_type, raw, today)
            fills.append(SlotFill(name, slot_type, raw, value, resolution))
        return tuple(fills)


def model_path(locale: str) -> Path:
    return MODELS_DIR / f"{locale}.json"


def load_model(locale: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(model_path(locale).read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=8)
def _matcher(locale: str) -> Matcher:
    return Matcher(load_model(locale), locale)


def match_utterance(utterance: str, locale: str = "en-US", today: date | None = None) -> Match:
    """Route one utterance: LaunchRequest, a built-in intent, a custom intent with slots, or Fallback."""
    return Matcher.for_locale(locale).match(utterance, today)
