"""Write skill-package/interactionModels/custom/<locale>.json from english.py and german.py.

Run from the repository root:
    .venv/bin/python -m interaction_model.tools.build_models           # rewrite the JSON files
    .venv/bin/python -m interaction_model.tools.build_models --check   # fail if they are stale

The JSON files are what ASK deploys and what the tests read, so they are committed; this script is
only the convenient way to keep three locales and hundreds of samples consistent. It refuses to write
a model that breaks Amazon's sample rules or the intent contract in skill/voice/intents.py.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from interaction_model.tools import english, german
from skill.voice import intents
from skill.voice.locales import LOCALES

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "skill-package"
MODELS_DIR = PACKAGE_DIR / "interactionModels" / "custom"
INVOCATION_NAMES = {"en-US": "health scale", "en-GB": "health scale", "de-DE": "smarte waage"}

_SAMPLE_CHARS = re.compile(r"[A-Za-zÄÖÜäöüß' .{}]+")
_SLOT = re.compile(r"\{(\w+)\}")
_GROUP = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_SIDE_BY_SIDE = re.compile(r"\}\s+\{")

TypeSpec = dict[str, dict[str, tuple[str, tuple[str, ...]]]]


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
    if locale == "de-DE":
        return german.TYPES, {name: _expand_all(t) for name, t in german.SAMPLES.items()}
    types: TypeSpec = {name: dict(values) for name, values in english.TYPES.items()}
    samples = {name: _expand_all(t) for name, t in english.SAMPLES.items()}
    if locale == "en-GB":
        for type_name, extra in english.GB_EXTRA_SYNONYMS.items():
            for value_id, more in extra.items():
                name, synonyms = types[type_name][value_id]
                types[type_name][value_id] = (name, synonyms + more)
        for intent, extra_templates in english.GB_EXTRA_SAMPLES.items():
            samples[intent] = _expand_all(tuple(samples[intent]) + extra_templates)
    return types, samples


def side_by_side_allowed(locale: str) -> frozenset[str]:
    """The samples of `locale` that may put two slots side by side (the locale module lists them)."""
    return german.SIDE_BY_SIDE if locale == "de-DE" else english.SIDE_BY_SIDE


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


def problems(model: dict[str, Any], side_by_side: frozenset[str] = frozenset()) -> list[str]:
    """Amazon's sample rules and our own: allowed characters, declared slots, no cross-intent
    duplicates, and no two slots side by side unless `side_by_side` lists the sample."""
    found: list[str] = []
    language = model["interactionModel"]["languageModel"]
    owner: dict[str, str] = {}
    for intent in language["intents"]:
        declared = {slot["name"] for slot in intent.get("slots", [])}
        used: set[str] = set()
        for sample in intent["samples"]:
            slots = _SLOT.findall(sample)
            used.update(slots)
            if not _SAMPLE_CHARS.fullmatch(sample):
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
        issues = problems(model, side_by_side_allowed(locale))
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
