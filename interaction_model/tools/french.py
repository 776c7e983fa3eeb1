"""French (fr-FR, fr-CA) slot values and sample utterances, in the template syntax of build_models.

French asks with inversion or without ("comment ai je dormi", "comment j'ai dormi", "est ce que j'ai
bien dormi"): the samples carry all three. Hyphens are not allowed in samples, so "ai-je" is written
"ai je" (the NLU matches the spoken words either way). The possessive follows the noun's gender
("mon poids", "ma masse grasse", "mes pas") and past participles agree with the speaker ("je me suis
couché", "couchée"): both appear. Dates usually close the question ("combien de pas ai je fait hier").
Quebec French adds its own words (fin de semaine, cellulaire, livres) in CA_EXTRA_*.

Two slots side by side ("quel était mon {metric} {date}") are hard for any matcher to split: a date
after a slot gets a carrier word ("mes pas pour hier", "mon poids du trois mars"), a period "sur" or
"pendant" ("la moyenne de mes pas sur le mois dernier"), or the date goes before the complement
("combien de temps ai je passé hier en sommeil profond"). The few side-by-side phrasings French
really needs are listed in SIDE_BY_SIDE (build_models checks).
"""

from __future__ import annotations

# type -> value id -> (name, synonyms)
TYPES: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    "SLEEP_METRIC": {
        "TOTAL": (
            "durée de sommeil",
            ("temps de sommeil", "heures de sommeil", "nombre d'heures de sommeil", "durée de ma nuit"),
        ),
        "DEEP": ("sommeil profond", ("profond", "phase de sommeil profond", "sommeil lent profond")),
        "LIGHT": ("sommeil léger", ("léger", "phase de sommeil léger", "sommeil lent léger")),
        "REM": (
            "sommeil paradoxal",
            ("paradoxal", "sommeil rem", "r. e. m.", "phase de rêve", "sommeil de rêve"),
        ),
        "SCORE": (
            "score de sommeil",
            ("score", "note de sommeil", "qualité de sommeil", "qualité du sommeil"),
        ),
        # The four times of a night, also as the participles of "à quelle heure je me suis {metric}"
        # (both genders) and "à quelle heure je suis {metric}".
        "BEDTIME": (
            "heure de coucher",
            (
                "heure du coucher",
                "coucher",
                "couché",
                "couchée",
                "mis au lit",
                "mise au lit",
                "allé me coucher",
                "allée me coucher",
                "allé au lit",
                "allée au lit",
            ),
        ),
        "ASLEEP_TIME": (
            "heure d'endormissement",
            ("endormissement", "endormi", "endormie", "assoupi", "assoupie", "heure où je me suis endormi"),
        ),
        "WAKETIME": ("heure de réveil", ("heure du réveil", "réveil", "réveillé", "réveillée")),
        "RISE_TIME": (
            "heure de lever",
            ("heure du lever", "lever", "levé", "levée", "sorti du lit", "sortie du lit"),
        ),
        "AWAKE": (
            "temps d'éveil",
            ("éveil", "réveils", "réveils nocturnes", "interruptions", "temps éveillé"),
        ),
        "TIME_IN_BED": ("temps au lit", ("temps passé au lit", "durée au lit", "heures au lit")),
        "LATENCY": (
            "temps d'endormissement",
            ("latence", "latence d'endormissement", "délai d'endormissement", "durée d'endormissement"),
        ),
    },
    "ACTIVITY_METRIC": {
        "STEPS": ("pas", ("nombre de pas", "pas quotidiens", "pas de la journée", "compteur de pas")),
        "DISTANCE": ("distance", ("kilomètres", "kilomètre", "distance parcourue", "distance de marche")),
        "CALORIES": (
            "calories",
            ("calories brûlées", "calories actives", "dépense calorique", "kilocalories", "énergie dépensée"),
        ),
        "ACTIVE_TIME": (
            "temps actif",
            ("minutes actives", "temps d'activité", "minutes d'activité", "durée d'activité"),
        ),
        "FLOORS": ("étages", ("étage", "étages montés", "escaliers", "dénivelé")),
    },
    "BODY_METRIC": {
        "WEIGHT": ("poids", ("poids corporel", "poids actuel", "pesée")),
        "FAT_RATIO": (
            "taux de masse grasse",
            ("pourcentage de masse grasse", "taux de graisse", "graisse corporelle", "masse grasse"),
        ),
        "FAT_MASS": ("masse grasse en kilos", ("poids de masse grasse", "kilos de graisse")),
        "MUSCLE_MASS": ("masse musculaire", ("muscles", "muscle", "poids musculaire")),
        "BONE_MASS": ("masse osseuse", ("os", "poids des os", "masse des os")),
        "HYDRATION": ("masse hydrique", ("hydratation", "eau corporelle", "taux d'hydratation", "eau")),
        "LEAN_MASS": ("masse maigre", ("masse sans graisse", "masse non grasse", "poids maigre")),
    },
    "VITAL_METRIC": {
        "TEMPERATURE": (
            "température",
            ("température corporelle", "température du corps", "température cutanée"),
        ),
        "SPO2": (
            "saturation en oxygène",
            (
                "oxygène",
                "oxygène dans le sang",
                "taux d'oxygène",
                "oxygénation",
                "saturation",
                "s. p. o. deux",
                "spo deux",
            ),
        ),
    },
    "TREND_METRIC": {
        "WEIGHT": ("poids", ("poids corporel", "kilos", "courbe de poids")),
        "FAT_RATIO": ("masse grasse", ("taux de masse grasse", "graisse corporelle")),
        "SLEEP": ("sommeil", ("durée de sommeil", "temps de sommeil", "nuits")),
        "STEPS": ("pas", ("nombre de pas", "pas quotidiens")),
        "DISTANCE": ("distance", ("kilomètres", "distance parcourue")),
        "CALORIES": ("calories", ("calories brûlées", "dépense calorique")),
        "BLOOD_PRESSURE": ("tension", ("tension artérielle", "pression artérielle")),
        "HEART_RATE": (
            "fréquence cardiaque",
            ("pouls", "rythme cardiaque", "fréquence cardiaque au repos", "battements de cœur"),
        ),
    },
    "GOAL_METRIC": {
        "STEPS": ("pas", ("objectif de pas", "nombre de pas")),
        "SLEEP": ("sommeil", ("objectif de sommeil", "heures de sommeil")),
        "WEIGHT": ("poids", ("objectif de poids", "poids cible", "poids idéal")),
    },
    # FollowUpIntent: "et (la|le) {step}"
    "PERIOD_STEP": {
        "BEFORE": (
            "veille",
            (
                "jour d'avant",
                "jour précédent",
                "nuit d'avant",
                "nuit précédente",
                "semaine d'avant",
                "semaine précédente",
                "mois d'avant",
                "mois précédent",
            ),
        ),
        "AFTER": (
            "lendemain",
            (
                "jour d'après",
                "jour suivant",
                "nuit d'après",
                "nuit suivante",
                "semaine d'après",
                "semaine suivante",
                "mois d'après",
                "mois suivant",
            ),
        ),
    },
    # FollowUpIntent: "et mon {topic}", "et le {topic}" (skill/voice/conversation.py's TOPICS)
    "TOPIC": {
        "SLEEP": ("sommeil", ("durée de sommeil", "temps de sommeil", "nuit")),
        "DEEP_SLEEP": ("sommeil profond", ("profond", "phase de sommeil profond")),
        "LIGHT_SLEEP": ("sommeil léger", ("léger", "phase de sommeil léger")),
        "REM_SLEEP": ("sommeil paradoxal", ("paradoxal", "sommeil rem", "phase de rêve")),
        "SLEEP_SCORE": ("score de sommeil", ("qualité du sommeil", "note de sommeil")),
        "BEDTIME": ("heure de coucher", ("heure du coucher", "coucher")),
        "ASLEEP_TIME": ("heure d'endormissement", ("endormissement", "heure où je me suis endormi")),
        "WAKETIME": ("heure de réveil", ("heure du réveil", "réveil")),
        "RISE_TIME": ("heure de lever", ("heure du lever", "lever")),
        "ACTIVITY": ("activité", ("niveau d'activité", "exercice")),
        "STEPS": ("pas", ("nombre de pas", "compteur de pas")),
        "DISTANCE": ("distance", ("kilomètres", "distance parcourue")),
        "CALORIES": ("calories", ("calories brûlées", "dépense calorique")),
        "ACTIVE_TIME": ("temps actif", ("minutes actives", "temps d'activité")),
        "FLOORS": ("étages", ("étages montés", "escaliers")),
        "WEIGHT": ("poids", ("poids corporel", "pesée")),
        "BODY_FAT": ("masse grasse", ("taux de masse grasse", "graisse corporelle")),
        "MUSCLE_MASS": ("masse musculaire", ("muscles", "muscle")),
        "BLOOD_PRESSURE": ("tension", ("tension artérielle", "pression artérielle")),
        "HEART_RATE": ("fréquence cardiaque", ("pouls", "rythme cardiaque")),
        "TEMPERATURE": ("température", ("température corporelle", "température du corps")),
        "SPO2": ("saturation en oxygène", ("oxygène", "taux d'oxygène")),
        "WORKOUTS": ("séances de sport", ("sport", "séances", "entraînements")),
    },
}

D = "[ {date}]"  # an optional closing date
P = "[ {period}]"
# After a slot: "mes pas pour hier", "de lundi", "du trois mars"; "sur le mois dernier", "pendant".
CD = "[ (pour|de|du) {date}]"
CP = "[ (sur|pendant) {period}]"
NIGHT = "(cette nuit|la nuit dernière)"  # literal: matched whether or not Alexa resolves it as a date
J = "(ai je|j'ai|est ce que j'ai)"  # "did I": inverted, plain, or with est-ce que

SAMPLES: dict[str, tuple[str, ...]] = {
    "SleepIntent": (
        f"comment {J} dormi{D}",
        f"comment {J} dormi {NIGHT}",
        f"combien de temps {J} dormi {NIGHT}",
        f"{J} bien dormi {NIGHT}",
        f"comment était mon sommeil {NIGHT}",
        f"{J} bien dormi{D}",
        f"{J} assez dormi{D}",
        f"combien de temps {J} dormi{D}",
        f"combien d'heures {J} dormi{D}",
        f"combien j'ai dormi{D}",
        "comment s'est passée ma nuit",
        f"comment était ma nuit{D}",
        f"comment était mon sommeil{D}",
        # each time of the night is its metric: couché, endormi, réveillé, levé (SLEEP_METRIC)
        "(à quelle heure|quand) (me suis je|je me suis|est ce que je me suis) {metric}",
        "à quelle heure (me suis je|je me suis) {metric} {date}",
        "{date} à quelle heure (me suis je|je me suis) {metric}",
        "(à quelle heure|quand) (suis je|je suis) {metric}",
        f"à quelle heure (suis je|je suis) {{metric}} {NIGHT}",
        f"combien de fois (me suis je|je me suis) (réveillé|réveillée){D}",
        f"combien de temps {J} mis à m'endormir{D}",
        f"combien de temps (suis je|je suis) (resté|restée) au lit{D}",
        f"combien de {{metric}} {J} eu{D}",
        f"combien de temps {J} passé{D} en {{metric}}",
        "(quel était|quelle était) (mon|ma) {metric} de la nuit",
        "(donne moi|dis moi) (mon|ma) {metric} de la nuit",
        "(mon|ma) {metric} de la nuit",
        f"(mes données|mon rapport|mon résumé|mes statistiques) de sommeil{D}",
        f"mon sommeil{D}",
        f"parle moi de mon sommeil{D}",
        f"(donne moi|dis moi) comment {J} dormi{D}",
        f"comment je dors{D}",
        f"(quelle a été|quelle était) la qualité de mon sommeil{D}",
        f"(ai je|j'ai) passé une bonne nuit{D}",
    ),
    "ActivityIntent": (
        f"combien de {{metric}} {J} (fait|parcouru|brûlé|monté|marché){D}",
        "j'en suis à combien de {metric}[ aujourd'hui]",
        f"quelle distance {J} (parcourue|parcouru|faite|marché){D}",
        f"combien de kilomètres {J} (parcourus|faits){D}",
        f"(quel est|quel était|c'est quoi) mon nombre de pas{D}",
        f"mes pas{D}",
        f"{J} été (actif|active){D}",
        f"{J} assez (bougé|marché){D}",
        f"combien {J} (marché|bougé){D}",
        f"combien de temps {J} été (actif|active){D}",
        f"(mon activité|mon bilan d'activité|mon résumé d'activité){D}",
        f"parle moi de mon activité{D}",
        f"comment (est|était) mon activité{D}",
        f"(donne moi|dis moi) mes {{metric}}{CD}",
        "(où en suis je|où j'en suis) de mes {metric}[ aujourd'hui]",
        f"mes {{metric}}{CD}",
        f"(donne moi|dis moi) mon activité{D}",
    ),
    "BodyIntent": (
        "combien (je pèse|est ce que je pèse)",
        "combien je pèse en (kilos|livres)",
        f"combien je pesais{D}",
        f"combien {J} pesé{D}",
        "(quel est|c'est quoi|quelle est) (mon|ma) {metric}",
        "(quel est|quelle est) (mon|ma) {metric} (actuel|actuelle)",
        "(quel était|quelle était) (mon|ma) {metric}",
        "(quel était mon|quelle était ma) {metric} {date}",
        "(quel était|quelle était) (mon|ma) {metric} (de|du) {date}",
        f"(donne moi|dis moi) (mon|ma) {{metric}}{CD}",
        f"(mon|ma) {{metric}}{CD}",
        "(mon dernier|ma dernière) {metric}",
        "que dit (la|ma) balance",
        f"qu'a dit (la|ma) balance{D}",
        "qu'indique ma balance",
        "(quand|à quand remonte) ma dernière pesée",
        "quand (me suis je|je me suis) (pesé|pesée) pour la dernière fois",
        f"(me suis je|est ce que je me suis) (pesé|pesée){D}",
        "quelle est ma composition corporelle",
        f"quelle était ma composition corporelle{D}",
        "combien de {metric} (ai je|j'ai)",
        "lis ma balance",
    ),
    "BloodPressureIntent": (
        "quelle est ma (tension|tension artérielle|pression artérielle)",
        f"(quelle était|quelle a été) ma (tension|tension artérielle|pression artérielle){D}",
        f"(donne moi|dis moi) ma (tension|tension artérielle){D}",
        f"ma (tension|tension artérielle|pression artérielle){D}",
        f"combien {J} de tension{D}",
        "(ma dernière|la dernière) mesure de tension",
        f"quand {J} pris ma tension pour la dernière fois",
        f"{J} (pris|mesuré) ma tension{D}",
        f"comment (est|était) ma tension{D}",
        "quelle est ma (systolique|diastolique)",
        f"(quelle était|quelle a été) ma (systolique|diastolique){D}",
        f"mes (mesures|chiffres) de tension{D}",
        "lis ma tension",
        f"à combien (est|était) ma tension{D}",
    ),
    "HeartRateIntent": (
        "quelle est ma fréquence cardiaque[ au repos]",
        f"(quelle était|quelle a été) ma fréquence cardiaque[ au repos]{D}",
        "quel est mon (pouls|rythme cardiaque)[ au repos]",
        f"(quel était|quel a été) mon (pouls|rythme cardiaque){D}",
        f"(donne moi|dis moi) (mon pouls|ma fréquence cardiaque|mon rythme cardiaque){D}",
        f"(mon pouls|ma fréquence cardiaque|mon rythme cardiaque){D}",
        "à quelle vitesse bat mon cœur",
        f"à quelle vitesse battait mon cœur{D}",
        f"à combien (est|était) mon pouls{D}",
        f"(quel a été|quel était) mon pouls le plus (bas|haut){D}",
    ),
    "VitalsIntent": (
        "quel est le niveau de ma {metric}",
        f"(quelle était|quelle a été) ma {{metric}} mesurée{D}",
        f"(donne moi|dis moi) le relevé de ma {{metric}}{CD}",
        f"le relevé de ma {{metric}}{CD}",
        f"quelle {{metric}} {J} eu{D}",
        "quelle est ma (température|saturation en oxygène)",
        f"(quelle était|quelle a été) ma (température|saturation en oxygène){D}",
        "quel est mon taux d'oxygène",
        f"(quel était|quel a été) mon taux d'oxygène{D}",
        f"(ma température|ma saturation en oxygène|mon taux d'oxygène){D}",
        f"(mes constantes|mes signes vitaux){D}",
        f"(donne moi|dis moi) mes (constantes|signes vitaux){D}",
        f"comment (sont|étaient) mes constantes{D}",
    ),
    "WorkoutIntent": (
        f"quelles (séances|activités sportives) {J} faites{D}",
        f"quel sport {J} fait{D}",
        f"{J} fait (du sport|de l'exercice|une séance){D}",
        f"(me suis je|je me suis) (entraîné|entraînée){D}",
        f"(suis je|je suis) (allé|allée) (courir|nager|à la salle|faire du vélo|marcher){D}",
        f"{J} (couru|nagé){D}",
        f"quand {J} fait du sport pour la dernière fois",
        "(quelle a été|quelle était) ma dernière séance",
        "mon dernier entraînement",
        f"(mes séances|mes entraînements|mes séances de sport){D}",
        f"combien de séances {J} faites{D}",
        f"combien de fois {J} fait du sport{D}",
        f"combien de temps {J} fait du sport{D}",
        f"parle moi de mes séances{D}",
        f"(donne moi|dis moi) mes (séances|entraînements){D}",
        f"comment s'est passé mon entraînement{D}",
        f"(mon entraînement|ma séance){D}",
    ),
    "DailyDigestIntent": (
        f"comment je vais{D}",
        f"comment (ça va|ça se passe) pour moi{D}",
        f"(où j'en suis|où en suis je){D}",
        f"comment (se passe|s'est passée|était) ma journée{D}",
        f"(donne moi|fais moi) (mon résumé|mon bilan|un résumé|un bilan|le point){D}",
        f"(mon résumé|mon bilan|mon bilan du jour|mon bilan santé|mon résumé du jour){D}",
        f"fais le point{D}",
        "quoi de neuf",
        "quelles sont les nouvelles",
        f"comment (vont|sont) mes chiffres{D}",
        f"que disent mes données{D}",
        "résume ma journée",
        f"mes statistiques{D}",
        f"comment je m'en sors{D}",
        "comment va ma santé",
    ),
    "TrendIntent": (
        "comment a évolué (mon|ma) {metric}",
        "comment ont évolué mes {metric}",
        "(comment a évolué mon|comment a évolué ma|comment ont évolué mes) {metric} {period}",
        "comment (a évolué|ont évolué) (mon|ma|mes) {metric} (sur|pendant) {period}",
        f"comment (mon|ma) {{metric}} a (évolué|changé){P}",
        f"quelle est l'évolution de (mon|ma|mes) {{metric}}{CP}",
        f"(donne moi|dis moi|montre moi) l'évolution de (mon|ma|mes) {{metric}}{CP}",
        f"l'évolution de (mon|ma|mes) {{metric}}{CP}",
        f"la tendance de (mon|ma|mes) {{metric}}{CP}",
        "[est ce que ](mon|ma) {metric} (augmente|baisse|diminue)",
        f"[est ce que ](mon|ma) {{metric}} a (augmenté|baissé|diminué){P}",
        f"{J} (pris|perdu) du {{metric}}{CP}",
        "(est ce que j'ai|j'ai) (pris|perdu) du {metric} {period}",
        f"{{period}} {J} (pris|perdu) du {{metric}}",
        f"combien de {{metric}} {J} (pris|perdus|perdu){P}",
        "est ce que je (maigris|grossis)",
        "compare (mon|ma|mes) {metric} (à|avec) {period}",
        "(mon|ma) {metric} par rapport à {period}",
    ),
    "AverageIntent": (
        f"(quel est|quel était) mon {{metric}} moyen{P}",
        f"(quelle est|quelle était) ma {{metric}} moyenne{P}",
        f"(quelle est|quelle était) la moyenne de (mon|ma|mes) {{metric}}{CP}",
        f"(donne moi|dis moi) la moyenne de (mon|ma|mes) {{metric}}{CP}",
        f"la moyenne de (mon|ma|mes) {{metric}}{CP}",
        "(quelle est|quelle était) ma moyenne de {metric}",
        "(quelle est|quelle était) ma moyenne de {metric} {period}",
        "(quelle est|quelle était) ma moyenne de {metric} (sur|pendant) {period}",
        f"ma moyenne de {{metric}}{CP}",
        f"combien de {{metric}} {J} fait en moyenne{P}",
        "combien de {metric} je fais en moyenne",
        f"en moyenne combien de {{metric}} {J} fait{P}",
        f"(mon|ma|mes) {{metric}} en moyenne{P}",
    ),
    "GoalsIntent": (
        "(quel est|c'est quoi) mon objectif de {metric}",
        "(où en suis je|où j'en suis) (de|avec) mon objectif de {metric}",
        "(ai je|j'ai|est ce que j'ai) atteint mon objectif de {metric}[ aujourd'hui]",
        "(suis je|est ce que je suis) proche de mon objectif de {metric}",
        "à combien (suis je|je suis) de mon objectif de {metric}",
        "combien de {metric} (me manque t il|il me manque)[ aujourd'hui]",
        "combien de {metric} il me reste[ à faire]",
        "(quels sont|c'est quoi) mes objectifs",
        "où en (suis je|je suis) de mes objectifs",
        "(ai je|j'ai) atteint mes objectifs[ aujourd'hui]",
        "combien de {metric} (me reste t il|il me reste) à perdre",
        "mon objectif de {metric}",
        "(comment je progresse|comment j'avance) (vers|sur) mon objectif de {metric}",
        "quel pourcentage de mon objectif de {metric} (ai je|j'ai) (fait|atteint)",
    ),
}

SAMPLES["FollowUpIntent"] = (
    # another period for the same question
    "(et|et puis|et pour) {date}",
    "et (comment c'était|c'était comment) {date}",
    "(et|et pour) (la|le) {step}",
    "et (comment c'était|c'était comment) (la|le) {step}",
    # another measure, the period carried over
    "(et|et pour|et qu'en est il de) (mon|ma|mes) {topic}",
    "et (le|la|les) {topic}",
    "et comment (est|était) (mon|ma) {topic}",
    "et (comment sont|comment étaient) mes {topic}",
    "et (quel est|quel était|quelle est|quelle était) (mon|ma) {topic}",
    # both
    "et (mon|ma|mes) {topic} (pour|de|du) {date}",
    "et (mon|ma|mes) {topic} {date}",
    "et (mon|ma|mes) {topic} (la|le) {step}",
)

# fr-CA: Quebec's words and its pounds ("combien je pèse en livres" is already above).
CA_EXTRA_SAMPLES: dict[str, tuple[str, ...]] = {
    "WorkoutIntent": (f"(ai je|j'ai) fait de l'entraînement{D}", f"(ai je|j'ai) joué au hockey{D}"),
    "DailyDigestIntent": (f"comment ça (va|se passe) aujourd'hui pour moi{D}",),
    "ActivityIntent": (f"(ai je|j'ai) fait assez de marche{D}",),
}
CA_EXTRA_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "BODY_METRIC": {"WEIGHT": ("poids en livres",)},
    "TREND_METRIC": {"WEIGHT": ("livres",)},
}

# Samples with two slots side by side, kept because that is how people say it (build_models
# refuses any other): "à quelle heure je me suis couché hier", "comment a évolué mon poids ce mois ci".
SIDE_BY_SIDE: frozenset[str] = frozenset(
    {
        "à quelle heure me suis je {metric} {date}",
        "à quelle heure je me suis {metric} {date}",
        "quel était mon {metric} {date}",
        "quelle était ma {metric} {date}",
        "comment a évolué mon {metric} {period}",
        "comment a évolué ma {metric} {period}",
        "comment ont évolué mes {metric} {period}",
        "est ce que j'ai pris du {metric} {period}",
        "est ce que j'ai perdu du {metric} {period}",
        "j'ai pris du {metric} {period}",
        "j'ai perdu du {metric} {period}",
        "quelle est ma moyenne de {metric} {period}",
        "quelle était ma moyenne de {metric} {period}",
        "et mon {topic} {date}",
        "et ma {topic} {date}",
        "et mes {topic} {date}",
    }
)
