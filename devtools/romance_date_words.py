"""The words of French, Spanish and Italian dates, as tables devtools.romance_dates reads."""

from __future__ import annotations

from typing import Final

from devtools.romance_dates import Language


def _fr_cardinals() -> dict[str, int]:
    ones = [
        "zéro",
        "un",
        "deux",
        "trois",
        "quatre",
        "cinq",
        "six",
        "sept",
        "huit",
        "neuf",
        "dix",
        "onze",
        "douze",
        "treize",
        "quatorze",
        "quinze",
        "seize",
    ]
    out = {word: n for n, word in enumerate(ones) if n}
    out.update({"dix sept": 17, "dix huit": 18, "dix neuf": 19, "vingt": 20, "trente": 30, "une": 1})
    for tens, word in ((20, "vingt"), (30, "trente")):
        out[f"{word} et un"] = tens + 1
        for one in range(2, 10):
            out[f"{word} {ones[one]}"] = tens + one
    return out


def _es_cardinals() -> dict[str, int]:
    words = [
        "cero",
        "uno",
        "dos",
        "tres",
        "cuatro",
        "cinco",
        "seis",
        "siete",
        "ocho",
        "nueve",
        "diez",
        "once",
        "doce",
        "trece",
        "catorce",
        "quince",
        "dieciséis",
        "diecisiete",
        "dieciocho",
        "diecinueve",
        "veinte",
        "veintiuno",
        "veintidós",
        "veintitrés",
        "veinticuatro",
        "veinticinco",
        "veintiséis",
        "veintisiete",
        "veintiocho",
        "veintinueve",
        "treinta",
    ]
    out = {word: n for n, word in enumerate(words) if n}
    out.update({"un": 1, "una": 1, "treinta y uno": 31, "veintiún": 21})
    return out


def _it_cardinals() -> dict[str, int]:
    words = [
        "zero",
        "uno",
        "due",
        "tre",
        "quattro",
        "cinque",
        "sei",
        "sette",
        "otto",
        "nove",
        "dieci",
        "undici",
        "dodici",
        "tredici",
        "quattordici",
        "quindici",
        "sedici",
        "diciassette",
        "diciotto",
        "diciannove",
        "venti",
        "ventuno",
        "ventidue",
        "ventitré",
        "ventiquattro",
        "venticinque",
        "ventisei",
        "ventisette",
        "ventotto",
        "ventinove",
        "trenta",
        "trentuno",
    ]
    out = {word: n for n, word in enumerate(words) if n}
    out.update({"un": 1, "una": 1, "ventitre": 23})
    return out


def _years(thousand: str, spell: dict[str, int], glue: str) -> dict[str, int]:
    """ "deux mille vingt cinq" / "dos mil veinticinco" / "duemilaventicinque", 2000 to 2099."""
    by_value = {n: word for word, n in spell.items() if n < 100}
    out: dict[str, int] = {thousand: 2000}
    for rest in range(1, 100):
        word = by_value.get(rest)
        if word:
            out[f"{thousand}{glue}{word}"] = 2000 + rest
    return out


def _more_cardinals(base: dict[str, int], tens: dict[int, str], joiner: str) -> dict[str, int]:
    """Base cardinals up to 31 plus 32..99 for years ("quarante deux", "cuarenta y dos", "quarantadue")."""
    out = dict(base)
    small = {n: w for w, n in base.items() if n < 10 and w not in ("un", "une", "una", "ventitre")}
    for t, word in tens.items():
        out.setdefault(word, t)
        for one, name in small.items():
            out.setdefault(f"{word}{joiner}{name}", t + one)
    return out


_FR_CARDINALS: Final = _fr_cardinals()
_ES_CARDINALS: Final = _es_cardinals()
_IT_CARDINALS: Final = _it_cardinals()

FRENCH: Final = Language(
    fixed={
        "aujourd'hui": 0,
        "ce matin": 0,
        "cet après midi": 0,
        "ce soir": 0,
        "cette nuit": 0,
        "hier": -1,
        "hier soir": -1,
        "hier matin": -1,
        "la nuit dernière": -1,
        "hier après midi": -1,
        "avant hier": -2,
        "demain": 1,
        "après demain": 2,
    },
    present=frozenset({"maintenant", "en ce moment", "actuellement"}),
    units={
        "semaine": "week",
        "week end": "weekend",
        "weekend": "weekend",
        "fin de semaine": "weekend",
        "mois": "month",
        "mois ci": "month",
        "trimestre": "quarter",
        "année": "year",
        "an": "year",
        "décennie": "decade",
    },
    this=frozenset({"ce", "cet", "cette"}),
    last_after=frozenset({"dernier", "dernière", "passé", "passée", "précédent", "précédente"}),
    last_before=frozenset({"dernier", "dernière"}),
    next_words=frozenset({"prochain", "prochaine"}),
    articles=frozenset({"le", "la", "l'", "les"}),
    counts={
        "jour": "day",
        "jours": "day",
        "semaine": "week",
        "semaines": "week",
        "mois": "month",
        "an": "year",
        "ans": "year",
        "année": "year",
        "années": "year",
    },
    ago_before=("il y a",),
    ago_after=(),
    ahead_before=(("dans",),),
    cardinals=_FR_CARDINALS,
    first=frozenset({"premier", "un"}),
    months={
        m: i + 1
        for i, m in enumerate(
            [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ]
        )
    },
    weekdays={
        d: i for i, d in enumerate(["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"])
    },
    seasons={"hiver": "WI", "printemps": "SP", "été": "SU", "automne": "FA"},
    of_words=frozenset(),
    years=_years("deux mille", _more_cardinals(_FR_CARDINALS, {40: "quarante", 50: "cinquante"}, " "), " "),
    # "d'" is the elided carrier of "mes pas d'hier", "mon poids d'aujourd'hui".
    prefixes=(("pendant",), ("durant",), ("en",), ("au",), ("depuis",), ("pour",), ("d'",)),
)

SPANISH: Final = Language(
    fixed={
        "hoy": 0,
        "esta mañana": 0,
        "esta tarde": 0,
        "esta noche": 0,
        "ayer": -1,
        "anoche": -1,
        "ayer por la noche": -1,
        "ayer en la noche": -1,
        "ayer por la mañana": -1,
        "anteayer": -2,
        "antier": -2,
        "antes de ayer": -2,
        "antes de anoche": -2,
        "mañana": 1,
        "pasado mañana": 2,
    },
    present=frozenset({"ahora", "ahora mismo", "en este momento", "actualmente"}),
    units={
        "semana": "week",
        "fin de semana": "weekend",
        "finde": "weekend",
        "mes": "month",
        "trimestre": "quarter",
        "año": "year",
        "década": "decade",
    },
    this=frozenset({"este", "esta"}),
    last_after=frozenset({"pasado", "pasada", "anterior"}),
    last_before=frozenset(),
    next_words=frozenset({"próximo", "próxima", "que viene"}),
    articles=frozenset({"el", "la", "los", "las"}),
    counts={
        "día": "day",
        "días": "day",
        "semana": "week",
        "semanas": "week",
        "mes": "month",
        "meses": "month",
        "año": "year",
        "años": "year",
    },
    ago_before=("hace",),
    ago_after=(),
    ahead_before=(("en",), ("dentro", "de")),
    cardinals=_ES_CARDINALS,
    first=frozenset({"primero", "uno"}),
    months={
        m: i + 1
        for i, m in enumerate(
            [
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ]
        )
    },
    weekdays={
        d: i for i, d in enumerate(["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"])
    },
    seasons={"invierno": "WI", "primavera": "SP", "verano": "SU", "otoño": "FA"},
    of_words=frozenset({"de", "del"}),
    years=_years("dos mil", _more_cardinals(_ES_CARDINALS, {40: "cuarenta", 50: "cincuenta"}, " y "), " "),
    prefixes=(
        ("en", "el"),
        ("en", "la"),
        ("durante", "el"),
        ("durante", "la"),
        ("durante",),
        ("en",),
        ("del",),
        ("de",),
        ("desde", "el"),
        ("para", "el"),
    ),
)

ITALIAN: Final = Language(
    fixed={
        "oggi": 0,
        "stamattina": 0,
        "questa mattina": 0,
        "stasera": 0,
        "questa sera": 0,
        "oggi pomeriggio": 0,
        "stanotte": 0,
        "questa notte": 0,
        "ieri": -1,
        "ieri sera": -1,
        "ieri notte": -1,
        "ieri mattina": -1,
        "la notte scorsa": -1,
        "l' altro ieri": -2,
        "altro ieri": -2,
        "ieri l' altro": -2,
        "domani": 1,
        "dopodomani": 2,
    },
    present=frozenset({"adesso", "ora", "in questo momento", "attualmente"}),
    units={
        "settimana": "week",
        "fine settimana": "weekend",
        "weekend": "weekend",
        "mese": "month",
        "trimestre": "quarter",
        "anno": "year",
        "decennio": "decade",
    },
    this=frozenset({"questo", "questa", "quest'"}),
    last_after=frozenset({"scorso", "scorsa", "passato", "passata"}),
    last_before=frozenset({"scorso", "scorsa"}),
    next_words=frozenset({"prossimo", "prossima"}),
    articles=frozenset({"il", "lo", "la", "l'", "i", "gli", "le"}),
    counts={
        "giorno": "day",
        "giorni": "day",
        "settimana": "week",
        "settimane": "week",
        "mese": "month",
        "mesi": "month",
        "anno": "year",
        "anni": "year",
    },
    ago_before=(),
    ago_after=("fa",),
    ahead_before=(("tra",), ("fra",)),
    cardinals=_IT_CARDINALS,
    first=frozenset({"primo", "uno"}),
    months={
        m: i + 1
        for i, m in enumerate(
            [
                "gennaio",
                "febbraio",
                "marzo",
                "aprile",
                "maggio",
                "giugno",
                "luglio",
                "agosto",
                "settembre",
                "ottobre",
                "novembre",
                "dicembre",
            ]
        )
    },
    weekdays={
        d: i
        for i, d in enumerate(["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"])
    },
    seasons={"inverno": "WI", "primavera": "SP", "estate": "SU", "autunno": "FA"},
    of_words=frozenset({"di", "del"}),
    years=_years("duemila", _more_cardinals(_IT_CARDINALS, {40: "quaranta", 50: "cinquanta"}, ""), ""),
    prefixes=(
        ("nel",),
        ("nella",),
        ("nell'",),
        ("a",),
        ("in",),
        ("durante", "il"),
        ("durante", "la"),
        ("durante", "l'"),
        ("durante",),
        ("di",),
        ("da",),
    ),
)

LANGUAGES: Final = {"fr": FRENCH, "es": SPANISH, "it": ITALIAN}
