"""What formatting a reply in a locale costs a cold container: the catalogues, against Babel's CLDR.

Each figure is the median over fresh interpreters (one subprocess per sample, timed inside the child):
  ours   import skill.voice.speech.catalogue and .format, then per locale: load its catalogue (one JSON
         read, and its parent's) and format a weight, a clock time and a date
  babel  import babel.numbers and babel.dates (Babel 2.19.0, test-only here), then per locale: the same
         three formats, which load that locale's CLDR data on first use
A reply imports the speech modules whatever formats its numbers, so what Babel would cost a cold
request is its import plus one locale's first format (the first locale also loads CLDR's root data),
and what the catalogues cost is their slowest first format. Target: the catalogues' <= what Babel
would add (issue 12: a library only if it earns its cold-start cost; the issue-9 budget: a linked
request imports no more than a minimal ask-sdk-core skill, which it already exceeds, BENCHMARKS.md).
Babel's installed size is printed too: the Lambda package would carry it.

Run: .venv/bin/python benchmarks/locale_formatting.py [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from skill.voice.locales import LOCALES  # noqa: E402

_COMMON = """
import json, sys, time
from datetime import date, datetime, timezone
sys.path.insert(0, {root!r})
locales = {locales!r}
moment, day = datetime(2026, 11, 25, 22, 55, tzinfo=timezone.utc), date(2026, 3, 3)
"""
_OURS = (
    _COMMON
    + """
t0 = time.perf_counter()
from skill.voice.speech.catalogue import load
from skill.voice.speech.format import Formatter
imported = time.perf_counter()
firsts = {{}}
for locale in locales:
    t = time.perf_counter()
    fmt = Formatter(load(locale), day)
    fmt.weight(81.24); fmt.clock(moment); fmt.date_text(day)
    firsts[locale] = (time.perf_counter() - t) * 1000
print(json.dumps({{"import_ms": (imported - t0) * 1000, "first_ms": firsts}}))
"""
)
_BABEL = (
    _COMMON
    + """
t0 = time.perf_counter()
import babel.dates, babel.numbers
imported = time.perf_counter()
firsts = {{}}
for locale in locales:
    t = time.perf_counter()
    code = locale.replace("-", "_")
    babel.numbers.format_decimal(81.24, locale=code)
    babel.dates.format_time(moment, "short", locale=code)
    babel.dates.format_date(day, "long", locale=code)
    firsts[locale] = (time.perf_counter() - t) * 1000
print(json.dumps({{"import_ms": (imported - t0) * 1000, "first_ms": firsts}}))
"""
)


def sample(code: str) -> dict[str, object]:
    source = code.format(root=str(ROOT), locales=list(LOCALES))
    done = subprocess.run(
        [sys.executable, "-c", source], capture_output=True, text=True, check=True, cwd=ROOT
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def babel_size_mb() -> float:
    import babel

    folder = Path(babel.__file__).parent
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="3 runs: the CI smoke run")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else args.runs
    ours, babel = [], []
    for _ in range(runs):  # alternate, so machine noise hits both alike
        ours.append(sample(_OURS))
        babel.append(sample(_BABEL))

    def median_import(results: list[dict[str, object]]) -> float:
        return statistics.median(float(r["import_ms"]) for r in results)  # type: ignore[arg-type]

    def median_first(results: list[dict[str, object]], locale: str) -> float:
        return statistics.median(float(r["first_ms"][locale]) for r in results)  # type: ignore[index]

    print(f"{'locale':8} {'ours: first format':>20} {'Babel: first format':>21}")
    for locale in LOCALES:
        print(f"{locale:8} {median_first(ours, locale):17.2f} ms {median_first(babel, locale):18.2f} ms")
    ours_import, babel_import = median_import(ours), median_import(babel)
    worst_ours = max(median_first(ours, loc) for loc in LOCALES)
    worst_babel = max(median_first(babel, loc) for loc in LOCALES)
    all_babel = sum(median_first(babel, loc) for loc in LOCALES)
    print(f"import, median of {runs} fresh processes: the speech modules (a reply imports them anyway)")
    print(f"  {ours_import:.2f} ms; babel.numbers + babel.dates {babel_import:.2f} ms")
    size = babel_size_mb()
    print(f"Babel: all twelve locales' first formats {all_babel:.1f} ms; installed size {size:.1f} MB")
    added = babel_import + worst_babel
    verdict = "PASS" if worst_ours <= added else "MISS"
    print(
        f"cold request in one locale: the catalogues' slowest first format {worst_ours:.2f} ms vs what "
        f"Babel would add (its import + slowest first format) {added:.1f} ms; "
        f"target catalogues <= Babel: {verdict}"
    )
    print(f"overall: {verdict}")  # run_all reads this line
    return 0


if __name__ == "__main__":
    sys.exit(main())
