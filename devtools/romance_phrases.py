"""How French, Spanish and Italian speakers address a skill and its built-in intents (local tooling).

devtools.utterances keeps English's and German's tables; these are the same tables for the three
languages of issue 12, merged there. Phrases are written as devtools.utterances.normalize leaves
them: lower case, hyphens as spaces ("qu'est ce que").
"""

from __future__ import annotations

from typing import Final

BUILT_IN_PHRASES: Final[dict[str, dict[str, str]]] = {
    "fr": {
        **dict.fromkeys(
            ("aide", "aide moi", "qu'est ce que tu peux faire", "que puis je dire", "que puis je demander"),
            "AMAZON.HelpIntent",
        ),
        **dict.fromkeys(
            ("stop", "arrête", "arrête toi", "au revoir", "tais toi", "quitter"), "AMAZON.StopIntent"
        ),
        **dict.fromkeys(("annule", "annuler", "laisse tomber", "oublie"), "AMAZON.CancelIntent"),
        **dict.fromkeys(("oui", "oui merci", "d'accord", "ok", "vas y", "volontiers"), "AMAZON.YesIntent"),
        **dict.fromkeys(("non", "non merci", "pas maintenant"), "AMAZON.NoIntent"),
        **dict.fromkeys(("accueil", "retour à l'accueil"), "AMAZON.NavigateHomeIntent"),
    },
    "es": {
        **dict.fromkeys(("ayuda", "ayúdame", "qué puedes hacer", "qué puedo decir"), "AMAZON.HelpIntent"),
        **dict.fromkeys(
            ("para", "detente", "adiós", "basta", "cállate", "stop", "salir"), "AMAZON.StopIntent"
        ),
        **dict.fromkeys(("cancela", "cancelar", "olvídalo", "déjalo"), "AMAZON.CancelIntent"),
        **dict.fromkeys(
            ("sí", "sí por favor", "claro", "vale", "de acuerdo", "ok", "dale"), "AMAZON.YesIntent"
        ),
        **dict.fromkeys(("no", "no gracias", "ahora no"), "AMAZON.NoIntent"),
        **dict.fromkeys(("inicio", "ir al inicio"), "AMAZON.NavigateHomeIntent"),
    },
    "it": {
        **dict.fromkeys(("aiuto", "aiutami", "cosa sai fare", "cosa posso dire"), "AMAZON.HelpIntent"),
        **dict.fromkeys(("stop", "basta", "fermati", "esci", "smettila"), "AMAZON.StopIntent"),
        **dict.fromkeys(("annulla", "lascia perdere", "lascia stare"), "AMAZON.CancelIntent"),
        **dict.fromkeys(("sì", "sì grazie", "certo", "va bene", "ok", "d'accordo"), "AMAZON.YesIntent"),
        **dict.fromkeys(("no", "no grazie", "non ora"), "AMAZON.NoIntent"),
        **dict.fromkeys(("home", "vai alla home"), "AMAZON.NavigateHomeIntent"),
    },
}

LAUNCH_VERBS: Final = {
    "fr": ("ouvre", "ouvrir", "lance", "lancer", "démarre", "démarrer", "active"),
    "es": ("abre", "abrir", "inicia", "iniciar", "empieza", "lanza", "pon", "activa"),
    "it": ("apri", "aprire", "avvia", "avviare", "lancia", "inizia", "attiva"),
}
ASK_VERBS: Final = {
    "fr": ("demande", "demander", "dis"),
    "es": ("pregunta", "pregúntale", "preguntale", "pide", "pídele", "dile"),
    "it": ("chiedi", "domanda", "di"),
}
# The preposition between an ask verb and the name: "demande à", "pregúntale a", "chiedi a".
ASK_PARTICLES: Final = {"fr": ("à", "a"), "es": ("a", "al"), "it": ("a", "ad")}
CONNECTORS: Final = {"fr": ("si", "de", "pour"), "es": ("que", "si"), "it": ("se", "di")}
SUFFIX_CONNECTORS: Final = {
    "fr": ("avec", "sur", "via"),
    "es": ("con", "en", "usando"),
    "it": ("con", "su", "usando"),
}
# Polite endings dropped from a request: "s'il te plaît" normalises to three words.
PLEASE: Final = {
    "fr": (("s'il", "te", "plaît"), ("s'il", "vous", "plaît"), ("merci",)),
    "es": (("por", "favor"),),
    "it": (("per", "favore"), ("grazie",)),
}
