"""Spanish (es-ES, es-MX, es-US) slot values and sample utterances, in the template syntax of build_models.

The shared samples are the ones every Spanish speaker says (the simple past, "cómo dormí anoche");
Spain adds its present perfect for what just happened ("cómo he dormido", "cuántos pasos he dado hoy"),
"tensión" and "de media"; the Americas add "presión", "meta", "ando" and the like. Question marks and
the opening "¿" are not allowed in samples; accents are letters and stay ("cómo", "cuántos").

Two slots side by side ("cuál fue mi {metric} {date}") are hard for any matcher to split: a date after
a slot gets a carrier word ("mis pasos de ayer", "mi peso del lunes"), a period "en" or "durante"
("la evolución de mi peso durante el mes pasado"), or the period goes first ("este mes he bajado de
peso"). The few side-by-side phrasings Spanish really needs are listed in SIDE_BY_SIDE.
"""

from __future__ import annotations

# type -> value id -> (name, synonyms)
TYPES: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    "SLEEP_METRIC": {
        "TOTAL": ("tiempo de sueño", ("sueño", "horas de sueño", "duración del sueño", "horas dormidas")),
        "DEEP": ("sueño profundo", ("profundo", "fase profunda", "fase de sueño profundo")),
        "LIGHT": ("sueño ligero", ("ligero", "fase ligera", "fase de sueño ligero")),
        "REM": ("sueño rem", ("rem", "r. e. m.", "fase rem", "sueño paradójico")),
        "SCORE": (
            "puntuación de sueño",
            ("puntuación", "calidad del sueño", "calidad de sueño", "nota de sueño", "puntaje de sueño"),
        ),
        # The four times of a night, also as the verbs of "a qué hora me {metric}" (simple past, and
        # Spain's "a qué hora me he {metric}").
        "BEDTIME": (
            "hora de acostarme",
            (
                "hora de dormir",
                "hora de irme a la cama",
                "hora de acostarse",
                "acosté",
                "fui a la cama",
                "acostado",
            ),
        ),
        "ASLEEP_TIME": (
            "hora de dormirme",
            ("hora en que me dormí", "dormí", "dormido", "quedé dormido", "quedé dormida"),
        ),
        "WAKETIME": ("hora de despertarme", ("hora de despertar", "despertar", "desperté", "despertado")),
        "RISE_TIME": ("hora de levantarme", ("hora de levantarse", "levanté", "levantado")),
        "AWAKE": ("tiempo despierto", ("despertares", "interrupciones", "tiempo en vela")),
        "TIME_IN_BED": ("tiempo en la cama", ("horas en la cama", "tiempo acostado")),
        "LATENCY": (
            "tiempo en dormirme",
            ("latencia", "latencia del sueño", "tiempo para dormirme", "tiempo en quedarme dormido"),
        ),
    },
    "ACTIVITY_METRIC": {
        "STEPS": ("pasos", ("número de pasos", "cantidad de pasos", "pasos diarios")),
        "DISTANCE": ("distancia", ("kilómetros", "kilómetro", "distancia recorrida", "millas")),
        "CALORIES": ("calorías", ("calorías quemadas", "calorías activas", "kilocalorías", "gasto calórico")),
        "ACTIVE_TIME": ("tiempo activo", ("minutos activos", "tiempo de actividad", "minutos de actividad")),
        "FLOORS": ("pisos", ("plantas", "escaleras", "pisos subidos")),
    },
    "BODY_METRIC": {
        "WEIGHT": ("peso", ("peso corporal", "peso actual")),
        "FAT_RATIO": ("porcentaje de grasa", ("grasa corporal", "porcentaje de grasa corporal", "grasa")),
        "FAT_MASS": ("masa grasa", ("kilos de grasa", "masa de grasa")),
        "MUSCLE_MASS": ("masa muscular", ("músculo", "músculos", "peso muscular")),
        "BONE_MASS": ("masa ósea", ("huesos", "peso óseo")),
        "HYDRATION": ("agua corporal", ("hidratación", "agua", "porcentaje de agua")),
        "LEAN_MASS": ("masa magra", ("masa libre de grasa", "peso magro")),
    },
    "VITAL_METRIC": {
        "TEMPERATURE": ("temperatura", ("temperatura corporal", "temperatura del cuerpo")),
        "SPO2": (
            "saturación de oxígeno",
            ("oxígeno", "oxígeno en sangre", "oxigenación", "saturación", "nivel de oxígeno"),
        ),
    },
    "TREND_METRIC": {
        "WEIGHT": ("peso", ("peso corporal", "kilos", "libras")),
        "FAT_RATIO": ("grasa corporal", ("porcentaje de grasa", "grasa")),
        "SLEEP": ("sueño", ("horas de sueño", "tiempo de sueño")),
        "STEPS": ("pasos", ("número de pasos", "pasos diarios")),
        "DISTANCE": ("distancia", ("kilómetros", "distancia recorrida", "millas")),
        "CALORIES": ("calorías", ("calorías quemadas", "gasto calórico")),
        "BLOOD_PRESSURE": ("tensión", ("tensión arterial", "presión arterial", "presión")),
        "HEART_RATE": (
            "frecuencia cardiaca",
            ("pulso", "ritmo cardiaco", "frecuencia cardíaca", "pulsaciones"),
        ),
    },
    "GOAL_METRIC": {
        "STEPS": ("pasos", ("objetivo de pasos", "meta de pasos")),
        "SLEEP": ("sueño", ("objetivo de sueño", "meta de sueño", "horas de sueño")),
        "WEIGHT": ("peso", ("objetivo de peso", "meta de peso", "peso ideal")),
    },
    # FollowUpIntent: "y (el|la) {step}"
    "PERIOD_STEP": {
        "BEFORE": (
            "día anterior",
            ("noche anterior", "semana anterior", "mes anterior", "día antes", "noche antes", "día de antes"),
        ),
        "AFTER": (
            "día siguiente",
            ("noche siguiente", "semana siguiente", "mes siguiente", "día después", "día de después"),
        ),
    },
    # FollowUpIntent: "y mi {topic}", "y el {topic}" (skill/voice/conversation.py's TOPICS)
    "TOPIC": {
        "SLEEP": ("sueño", ("horas de sueño", "tiempo de sueño", "noche")),
        "DEEP_SLEEP": ("sueño profundo", ("profundo", "fase profunda")),
        "LIGHT_SLEEP": ("sueño ligero", ("ligero", "fase ligera")),
        "REM_SLEEP": ("sueño rem", ("rem", "fase rem")),
        "SLEEP_SCORE": ("puntuación de sueño", ("calidad del sueño", "puntaje de sueño")),
        "BEDTIME": ("hora de acostarme", ("hora de dormir", "hora de irme a la cama")),
        "ASLEEP_TIME": ("hora de dormirme", ("hora en que me dormí", "hora en que me quedé dormido")),
        "WAKETIME": ("hora de despertarme", ("hora en que me desperté", "despertar")),
        "RISE_TIME": ("hora de levantarme", ("hora en que me levanté", "levantarme")),
        "ACTIVITY": ("actividad", ("nivel de actividad", "ejercicio")),
        "STEPS": ("pasos", ("número de pasos", "cantidad de pasos")),
        "DISTANCE": ("distancia", ("kilómetros", "distancia recorrida", "millas")),
        "CALORIES": ("calorías", ("calorías quemadas", "gasto calórico")),
        "ACTIVE_TIME": ("tiempo activo", ("minutos activos", "tiempo de actividad")),
        "FLOORS": ("pisos", ("plantas", "escaleras")),
        "WEIGHT": ("peso", ("peso corporal", "pesaje")),
        "BODY_FAT": ("grasa corporal", ("porcentaje de grasa", "grasa")),
        "MUSCLE_MASS": ("masa muscular", ("músculo", "músculos")),
        "BLOOD_PRESSURE": ("tensión", ("presión", "tensión arterial", "presión arterial")),
        "HEART_RATE": ("frecuencia cardiaca", ("pulso", "ritmo cardiaco", "frecuencia cardíaca")),
        "TEMPERATURE": ("temperatura", ("temperatura corporal", "temperatura del cuerpo")),
        "SPO2": ("saturación de oxígeno", ("oxígeno", "oxígeno en sangre")),
        "WORKOUTS": ("entrenamientos", ("entrenamiento", "ejercicios", "deporte")),
    },
}

D = "[ {date}]"  # an optional closing date
P = "[ {period}]"
# After a slot: "mis pasos de ayer", "mi peso del lunes"; "durante el mes pasado", "en este mes".
CD = "[ (de|del) {date}]"
CP = "[ (en|durante) {period}]"
T = "(tensión|presión|tensión arterial|presión arterial)"
G = "(objetivo|meta)"

SAMPLES: dict[str, tuple[str, ...]] = {
    "SleepIntent": (
        f"cómo dormí{D}",
        # literal: matched whether or not Alexa resolves "anoche" as a date
        "(cómo|qué tal) dormí anoche",
        "(cuánto|cuántas horas) dormí anoche",
        "dormí bien anoche",
        "cómo (fue|estuvo) mi sueño anoche",
        f"qué tal dormí{D}",
        f"dormí bien{D}",
        f"dormí (suficiente|lo suficiente){D}",
        f"cuánto dormí{D}",
        f"cuántas horas dormí{D}",
        f"cuánto tiempo dormí{D}",
        f"cómo (fue|estuvo) mi sueño{D}",
        "cómo (fue|estuvo) mi noche",
        # each time of the night is its metric: acosté, dormí, desperté, levanté (SLEEP_METRIC)
        "(a qué hora|cuándo) me {metric}",
        "a qué hora me {metric} {date}",
        "{date} a qué hora me {metric}",
        f"cuántas veces me desperté{D}",
        f"cuánto tiempo estuve (despierto|despierta){D}",
        f"cuánto tardé en dormirme{D}",
        f"cuánto tiempo estuve en la cama{D}",
        f"cuánto {{metric}} tuve{D}",
        f"cuánto tiempo de {{metric}} tuve{D}",
        "(cuál fue|dime|dame) mi {metric} de la noche",
        "mi {metric} de la noche",
        f"(mis datos|mi resumen|mi informe) de sueño{D}",
        f"mi sueño{D}",
        f"háblame de mi sueño{D}",
        f"cómo fue la calidad de mi sueño{D}",
        f"descansé bien{D}",
    ),
    "ActivityIntent": (
        f"cuántos {{metric}} (di|hice|caminé|subí|recorrí){D}",
        f"cuántos {{metric}} llevo{D}",
        f"cuántas {{metric}} (quemé|llevo){D}",
        f"qué distancia (recorrí|caminé|hice){D}",
        f"cuánto (caminé|me moví){D}",
        f"(cuál es|cuál fue) mi número de pasos{D}",
        f"mis pasos{D}",
        f"(fui|estuve) (activo|activa){D}",
        f"me moví lo suficiente{D}",
        f"cuánto tiempo estuve (activo|activa){D}",
        f"(mi actividad|mi resumen de actividad){D}",
        f"cómo (va|fue|estuvo) mi actividad{D}",
        f"háblame de mi actividad{D}",
        f"(dame|dime) mis {{metric}}{CD}",
        f"mis {{metric}}{CD}",
        "cómo voy de {metric}[ hoy]",
    ),
    "BodyIntent": (
        "cuánto peso",
        "cuánto peso en (kilos|libras)",
        f"cuánto pesaba{D}",
        f"cuánto pesé{D}",
        "(cuál es|cuánto es) mi {metric}",
        "cuál es mi {metric} actual",
        "(cuál fue|cuál era) mi {metric}",
        "cuál fue mi {metric} {date}",
        "(cuál fue|cuál era) mi {metric} (de|del) {date}",
        f"(dame|dime) mi {{metric}}{CD}",
        f"mi {{metric}}{CD}",
        "mi (último|última) {metric}",
        "qué dice (la|mi) báscula",
        f"qué marcó (la|mi) báscula{D}",
        "cuándo me pesé por última vez",
        "cuándo fue mi último pesaje",
        f"me pesé{D}",
        "cuál es mi composición corporal",
        f"cuál fue mi composición corporal{D}",
        "cuánta {metric} tengo",
        "lee mi báscula",
    ),
    "BloodPressureIntent": (
        f"cuál es mi {T}",
        f"(cuál fue|cuál era) mi {T}{D}",
        f"(dame|dime) mi {T}{D}",
        f"mi {T}{D}",
        f"cómo (tengo|tenía) la (tensión|presión){D}",
        f"cómo (está|estuvo) mi (tensión|presión){D}",
        "cuál fue mi última medición de (tensión|presión)",
        "cuándo me tomé la (tensión|presión) por última vez",
        f"me tomé la (tensión|presión){D}",
        f"(cuál es|cuál fue) mi (máxima|mínima|sistólica|diastólica){D}",
        f"mis mediciones de (tensión|presión){D}",
        "lee mi (tensión|presión)",
    ),
    "HeartRateIntent": (
        "cuál es mi (frecuencia cardiaca|frecuencia cardíaca|pulso|ritmo cardiaco)[ en reposo]",
        f"(cuál fue|cuál era) mi (frecuencia cardiaca|pulso|ritmo cardiaco){D}",
        f"(dame|dime) mi (pulso|frecuencia cardiaca){D}",
        f"mi (pulso|frecuencia cardiaca|ritmo cardiaco)[ en reposo]{D}",
        "a qué ritmo late mi corazón",
        f"a qué ritmo latía mi corazón{D}",
        f"cuántas pulsaciones (tengo|tenía){D}",
        f"cuál fue mi pulso más (bajo|alto){D}",
        f"cómo (está|estuvo) mi pulso{D}",
    ),
    "VitalsIntent": (
        "cuál es el nivel de mi {metric}",
        f"(cuál fue|cuál era) mi {{metric}} medida{D}",
        f"(dame|dime) la lectura de mi {{metric}}{CD}",
        f"la lectura de mi {{metric}}{CD}",
        f"qué {{metric}} tuve{D}",
        "cuál es mi (temperatura|saturación de oxígeno|oxigenación)",
        f"(cuál fue|cuál era) mi (temperatura|saturación de oxígeno){D}",
        f"mi (temperatura|saturación de oxígeno|oxígeno en sangre){D}",
        f"(mis signos vitales|mis constantes){D}",
        f"(dame|dime) mis (signos vitales|constantes){D}",
        f"cómo (están|estaban) mis signos vitales{D}",
        f"cuánto oxígeno (tengo|tenía) en la sangre{D}",
    ),
    "WorkoutIntent": (
        f"qué (entrenamientos|ejercicios|deportes) hice{D}",
        f"qué deporte hice{D}",
        f"hice (ejercicio|deporte|algún entrenamiento){D}",
        f"entrené{D}",
        f"fui a (correr|nadar|caminar|andar en bici|montar en bici){D}",
        f"(corrí|nadé){D}",
        "cuándo hice ejercicio por última vez",
        "cuál fue mi último entrenamiento",
        "mi último entrenamiento",
        f"(mis entrenamientos|mis ejercicios){D}",
        f"cuántos entrenamientos hice{D}",
        f"cuántas veces (entrené|hice ejercicio){D}",
        f"cuánto tiempo (entrené|hice ejercicio){D}",
        f"háblame de mis entrenamientos{D}",
        f"(dame|dime) mis entrenamientos{D}",
        f"cómo (fue|estuvo) mi entrenamiento{D}",
        f"mi entrenamiento{D}",
    ),
    "DailyDigestIntent": (
        f"cómo voy{D}",
        f"cómo estoy{D}",
        f"qué tal voy{D}",
        f"cómo (va|fue|estuvo) mi día{D}",
        f"(dame|hazme) (un resumen|mi resumen|el resumen|un balance|mi balance){D}",
        f"(mi resumen|mi resumen del día|mi balance|mi balance del día|mi informe de salud){D}",
        "resume mi día",
        "qué hay de nuevo",
        "qué novedades hay",
        f"cómo (van|están) mis números{D}",
        f"qué dicen mis datos{D}",
        f"mis estadísticas{D}",
        "cómo (va|está) mi salud",
        f"cómo me va{D}",
    ),
    "TrendIntent": (
        f"cómo ha (cambiado|evolucionado) mi {{metric}}{CP}",
        f"cómo (cambió|evolucionó) mi {{metric}}{CP}",
        f"cómo han (cambiado|evolucionado) mis {{metric}}{CP}",
        "(cómo ha cambiado mi|cómo cambió mi|cómo han cambiado mis) {metric} {period}",
        f"cuál es la evolución de (mi|mis) {{metric}}{CP}",
        f"(dame|dime|muéstrame) la evolución de (mi|mis) {{metric}}{CP}",
        f"la evolución de (mi|mis) {{metric}}{CP}",
        f"la tendencia de (mi|mis) {{metric}}{CP}",
        "mi {metric} (está subiendo|está bajando|sube|baja)",
        f"(ha subido|ha bajado|subió|bajó) mi {{metric}}{CP}",
        f"(he bajado|he subido|bajé|subí) de {{metric}}{CP}",
        "{period} (he bajado|he subido|bajé|subí) de {metric}",
        "(he bajado|bajé) de {metric} {period}",
        f"cuántos {{metric}} (he bajado|bajé|he perdido|perdí|he ganado|gané){P}",
        "estoy (adelgazando|engordando)",
        "compara mi {metric} con {period}",
        "mi {metric} comparado con {period}",
    ),
    "AverageIntent": (
        f"(cuál es|cuál fue) mi {{metric}} promedio{P}",
        f"(cuál es|cuál fue) el promedio de (mi|mis) {{metric}}{CP}",
        f"(dame|dime) el promedio de (mi|mis) {{metric}}{CP}",
        f"el promedio de (mi|mis) {{metric}}{CP}",
        f"[(cuál es|cuál fue) ]mi promedio de {{metric}}{CP}",
        "(cuál es|cuál fue) mi promedio de {metric} {period}",
        f"cuántos {{metric}} (di|hice) en promedio{P}",
        "cuántos {metric} doy en promedio",
        f"en promedio cuántos {{metric}} (di|hice){P}",
        f"cuántas {{metric}} quemé en promedio{P}",
        f"(mi|mis) {{metric}} en promedio{P}",
        f"cuánto {{metric}} tuve en promedio{P}",
    ),
    "GoalsIntent": (
        f"cuál es mi {G} de {{metric}}",
        f"cómo voy con mi {G} de {{metric}}",
        f"(alcancé|cumplí|logré) mi {G} de {{metric}}[ hoy]",
        f"qué tan cerca estoy de mi {G} de {{metric}}",
        f"cuánto me falta para mi {G} de {{metric}}",
        "cuántos {metric} me faltan[ hoy]",
        f"cuántos {{metric}} me quedan para mi {G}",
        f"cuáles son mis {G}s",
        f"cómo voy con mis {G}s",
        f"cumplí mis {G}s[ hoy]",
        "cuánto {metric} me falta por (bajar|perder)",
        f"qué porcentaje de mi {G} de {{metric}} llevo",
        f"mi {G} de {{metric}}",
    ),
}

SAMPLES["FollowUpIntent"] = (
    # another period for the same question
    "(y|y qué tal|y cómo fue) {date}",
    "y para {date}",
    "y (el|la) {step}",
    "(y qué tal|y cómo fue|y cómo estuvo) (el|la) {step}",
    # another measure, the period carried over
    "(y|y qué hay de|y qué tal) (mi|mis) {topic}",
    "y (el|la|los|las) {topic}",
    "y (cómo está|cómo estuvo|cuál es|cuál fue) mi {topic}",
    "y (cómo están|cómo estuvieron) mis {topic}",
    # both
    "y (mi|mis) {topic} (de|del) {date}",
    "y (mi|mis) {topic} {date}",
    "y (mi|mis) {topic} (el|la) {step}",
)

# es-ES: the present perfect for today and tonight, "de media", "tensión", "móvil".
ES_EXTRA_SAMPLES: dict[str, tuple[str, ...]] = {
    "SleepIntent": (
        f"cómo he dormido{D}",
        f"he dormido bien{D}",
        f"cuánto he dormido{D}",
        f"cuántas horas he dormido{D}",
        "(cómo|qué tal) he dormido esta noche",
        "(a qué hora|cuándo) me he {metric}",
    ),
    "ActivityIntent": (f"cuántos {{metric}} he (dado|hecho|caminado|subido){D}", f"cuánto he caminado{D}"),
    "BloodPressureIntent": ("cuánto tengo de tensión", f"me he tomado la tensión{D}"),
    "WorkoutIntent": (f"he hecho (deporte|ejercicio){D}", f"he entrenado{D}", f"fui al gimnasio{D}"),
    "AverageIntent": (
        f"(cuál es|cuál fue) la media de (mi|mis) {{metric}}{CP}",
        f"cuántos {{metric}} he dado de media{P}",
    ),
    "GoalsIntent": ("he (alcanzado|cumplido) mi objetivo de {metric}[ hoy]",),
}
# es-MX and es-US: the words of the Americas.
AMERICAS_EXTRA_SAMPLES: dict[str, tuple[str, ...]] = {
    "DailyDigestIntent": (f"cómo ando{D}", f"qué onda con mis datos{D}"),
    "WorkoutIntent": (f"fui al (gym|gimnasio){D}", f"hice cardio{D}"),
    "BodyIntent": ("cuánto estoy pesando",),
    "SleepIntent": (f"cuántas horas de sueño tuve{D}",),
}

# Samples with two slots side by side, kept because that is how people say it (build_models
# refuses any other): "a qué hora me acosté ayer", "cómo ha cambiado mi peso este mes".
SIDE_BY_SIDE: frozenset[str] = frozenset(
    {
        "a qué hora me {metric} {date}",
        "cuál fue mi {metric} {date}",
        "cómo ha cambiado mi {metric} {period}",
        "cómo cambió mi {metric} {period}",
        "cómo han cambiado mis {metric} {period}",
        "he bajado de {metric} {period}",
        "bajé de {metric} {period}",
        "cuál es mi promedio de {metric} {period}",
        "cuál fue mi promedio de {metric} {period}",
        "y mi {topic} {date}",
        "y mis {topic} {date}",
    }
)
