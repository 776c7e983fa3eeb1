"""Write skill-package/interactionModels/custom/<locale>.json from the per-language sources.

Run from the repository root:
    .venv/bin/python -m interaction_model.tools.build_models           # rewrite the JSON files
    .venv/bin/python -m interaction_model.tools.build_models --check   # fail if they are stale

The JSON files are what ASK deploys and what the tests read, so they are committed; this script is
only the convenient way to keep twelve locales and thousands of samples consistent. It refuses to write
a model that breaks Amazon's sample rules or the intent contract in skill/voice/intents.py.

One source per language (english.py, german.py, french.py, spanish.py, italian.py); a locale is its
language's samples plus the extras of its region (SOURCES), so a new sample is written in one place.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any, Final, NamedTuple

from interaction_model.tools import english, english_regions, french, german, italian, spanish
from skill.voice import intents
from skill.voice.locales import LOCALES

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "skill-package"
MODELS_DIR = PACKAGE_DIR / "interactionModels" / "custom"
# Two or more words, no brand, the language's own letters (alexa-notes §3.2; README "Invocation names").
INVOCATION_NAMES = {
    "en-US": "health scale",
    "en-GB": "health scale",
    "en-CA": "health scale",
    "en-AU": "health scale",
    "en-IN": "health scale",
    "de-DE": "smarte waage",
    "fr-FR": "balance connectée",
    "fr-CA": "balance connectée",
    "es-ES": "báscula inteligente",
    "es-MX": "báscula inteligente",
    "es-US": "báscula inteligente",
    "it-IT": "bilancia intelligente",
}
# The letters each language's samples and slot values may use (Amazon: letters, spaces, apostrophes,
# periods of spoken initialisms; no digits, hyphens or other punctuation).
LETTERS = {
    "en": "A-Za-z",
    "de": "A-Za-zÄÖÜäöüß",
    "fr": "A-Za-zÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸàâæçéèêëîïôœùûüÿ",
    "es": "A-Za-zÁÉÍÑÓÚÜáéíñóúü",
    "it": "A-Za-zÀÈÉÌÍÒÓÙàèéìíòóù",
}

_SLOT = re.compile(r"\{(\w+)\}")
_GROUP = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_SIDE_BY_SIDE = re.compile(r"\}\s+\{")

TypeSpec = dict[str, dict[str, tuple[str, tuple[str, ...]]]]
Samples = dict[str, tuple[str, ...]]
Synonyms = dict[str, dict[str, tuple[str, ...]]]
Extra = tuple[Samples, Synonyms]  # a region's extra sample templates and extra synonyms


class Source(NamedTuple):
    types: TypeSpec
    samples: Samples
    extras: tuple[Extra, ...] = ()


_GB: Final[Extra] = (english.GB_EXTRA_SAMPLES, english.GB_EXTRA_SYNONYMS)
_GB_NO_STONE: Final[Extra] = (english_regions.GB_WITHOUT_STONE, {})
SOURCES: Final[dict[str, Source]] = {
    "en-US": Source(english.TYPES, english.SAMPLES),
    "en-GB": Source(english.TYPES, english.SAMPLES, (_GB,)),
    "en-CA": Source(
        english.TYPES,
        english.SAMPLES,
        ((english_regions.CA_EXTRA_SAMPLES, english_regions.CA_EXTRA_SYNONYMS),),
    ),
    "en-AU": Source(
        english.TYPES,
        english.SAMPLES,
        (_GB_NO_STONE, (english_regions.AU_EXTRA_SAMPLES, english_regions.AU_EXTRA_SYNONYMS)),
    ),
    "en-IN": Source(
        english.TYPES,
        english.SAMPLES,
        (_GB_NO_STONE, (english_regions.IN_EXTRA_SAMPLES, english_regions.IN_EXTRA_SYNONYMS)),
    ),
    "de-DE": Source(german.TYPES, german.SAMPLES),
    "fr-FR": Source(french.TYPES, french.SAMPLES),
    "fr-CA": Source(french.TYPES, french.SAMPLES, ((french.CA_EXTRA_SAMPLES, french.CA_EXTRA_SYNONYMS),)),
    "es-ES": Source(spanish.TYPES, spanish.SAMPLES, ((spanish.ES_EXTRA_SAMPLES, {}),)),
    "es-MX": Source(spanish.TYPES, spanish.SAMPLES, ((spanish.AMERICAS_EXTRA_SAMPLES, {}),)),
    "es-US": Source(spanish.TYPES, spanish.SAMPLES, ((spanish.AMERICAS_EXTRA_SAMPLES, {}),)),
    "it-IT": Source(italian.TYPES, italian.SAMPLES),
}


def language_of(locale: str) -> str:
    return locale.split("-", maxsplit=1)[0].lower()


def expand(template: str) -> list[str]:
    """`(a|b)` -> each alternative, `[x]` -> without and with x; whitespace collapsed."""
    group = _GROUP.search(template)
    if group is None:
        return [" ".join(template.split())]
    options = group.group(1).split("|") if group.group(1) is not None else ["", group.group(2)]
    out: list[str] = []
    for option in options:
        out.extend(expand(template[: group.start()] + option + template[group.end() :]))
    return out


def _expand_all(templates: tuple[str, ...]) -> list[str]:
    seen: dict[str, None] = {}
    for template in templates:
        for sample in expand(template):
            seen.setdefault(sample, None)
    return list(seen)


def _sources(locale: str) -> tuple[TypeSpec, dict[str, list[str]]]:
    """The locale's slot values and expanded samples: its language's, then each regional extra's."""
    source = SOURCES[locale]
    types: TypeSpec = {name: dict(values) for name, values in source.types.items()}
    samples = {name: _expand_all(t) for name, t in source.samples.items()}
    for extra_samples, extra_synonyms in source.extras:
        for type_name, extra in extra_synonyms.items():
            for value_id, more in extra.items():
                name, synonyms = types[type_name][value_id]
                types[type_name][value_id] = (name, synonyms + more)
        for intent, extra_templates in extra_samples.items():
            samples[intent] = _expand_all(tuple(samples[intent]) + extra_templates)
    return types, samples


_SIDE_BY_SIDE_BY_LANGUAGE: Final[dict[str, frozenset[str]]] = {
    "en": english.SIDE_BY_SIDE,
    "de": german.SIDE_BY_SIDE,
    "fr": french.SIDE_BY_SIDE,
    "es": spanish.SIDE_BY_SIDE,
    "it": italian.SIDE_BY_SIDE,
}


def side_by_side_allowed(locale: str) -> frozenset[str]:
    """The samples of `locale` that may put two slots side by side (the language module lists them)."""
    return _SIDE_BY_SIDE_BY_LANGUAGE[language_of(locale)]


def build(locale: str) -> dict[str, Any]:
    types, samples = _sources(locale)
    model_intents: list[dict[str, Any]] = [
        {
            "name": intent,
            "slots": [
                {"name": slot, "type": slot_type} for slot, slot_type in intents.INTENT_SLOTS[intent].items()
            ],
            "samples": samples[intent],
        }
        for intent in intents.CUSTOM_INTENTS
    ]
    model_intents += [{"name": name, "samples": []} for name in intents.BUILT_IN_INTENTS]
    model_types = [
        {
            "name": type_name,
            "values": [
                {"id": value_id, "name": {"value": types[type_name][value_id][0], "synonyms": list(synonyms)}}
                for value_id in value_ids
                for synonyms in [types[type_name][value_id][1]]
            ],
        }
        for type_name, value_ids in intents.SLOT_TYPES.items()
    ]
    return {
        "interactionModel": {
            "languageModel": {
                "invocationName": INVOCATION_NAMES[locale],
                "intents": model_intents,
                "types": model_types,
            }
        }
    }


def problems(
    model: dict[str, Any], locale: str = "en-US", side_by_side: frozenset[str] = frozenset()
) -> list[str]:
    """Amazon's sample rules and our own: allowed characters, declared slots, no cross-intent
    duplicates, and no two slots side by side unless `side_by_side` lists the sample."""
    letters = LETTERS[language_of(locale)]
    sample_chars = re.compile(f"[{letters}' .{{}}]+")
    value_chars = re.compile(f"[{letters}' .]+")
    found: list[str] = []
    language = model["interactionModel"]["languageModel"]
    owner: dict[str, str] = {}
    for intent in language["intents"]:
        declared = {slot["name"] for slot in intent.get("slots", [])}
        used: set[str] = set()
        for sample in intent["samples"]:
            slots = _SLOT.findall(sample)
            used.update(slots)
            if not sample_chars.fullmatch(sample):
                found.append(f"{intent['name']}: forbidden character in {sample!r}")
            if set(slots) - declared or len(slots) != len(set(slots)):
                found.append(f"{intent['name']}: undeclared or repeated slot in {sample!r}")
            if _SIDE_BY_SIDE.search(sample) and sample not in side_by_side:
                found.append(
                    f"{intent['name']}: two slots side by side, give them a carrier word: {sample!r}"
                )
            key = " ".join(sample.lower().split())
            if owner.setdefault(key, intent["name"]) != intent["name"]:
                found.append(f"{sample!r} is in both {owner[key]} and {intent['name']}")
        if declared - used:
            found.append(f"{intent['name']}: slots never used in a sample: {sorted(declared - used)}")
    for slot_type in language["types"]:
        words: dict[str, str] = {}
        for value in slot_type["values"]:
            for word in [value["name"]["value"], *value["name"]["synonyms"]]:
                if not value_chars.fullmatch(word):
                    found.append(f"{slot_type['name']}: forbidden character in {word!r}")
                if words.setdefault(word.lower(), value["id"]) != value["id"]:
                    found.append(
                        f"{slot_type['name']}: {word!r} names both {words[word.lower()]} and {value['id']}"
                    )
    return found


def render(model: dict[str, Any]) -> str:
    return json.dumps(model, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the committed files")
    args = parser.parse_args(argv)
    status = 0
    for locale in LOCALES:
        model = build(locale)
        issues = problems(model, locale, side_by_side_allowed(locale))
        for issue in issues:
            print(f"{locale}: {issue}", file=sys.stderr)
        if issues:
            status = 1
            continue
        path = MODELS_DIR / f"{locale}.json"
        text = render(model)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"{path} is stale: run python -m interaction_model.tools.build_models", file=sys.stderr)
                status = 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        counts = ", ".join(
            f"{i['name']}={len(i['samples'])}"
            for i in model["interactionModel"]["languageModel"]["intents"]
            if i["samples"]
        )
        print(f"{locale}: {counts}")
    return status


if __name__ == "__main__":
    sys.exit(main())
