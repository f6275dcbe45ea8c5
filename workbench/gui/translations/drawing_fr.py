"""French texts of the drawing and layout strings (pickers, zones, duplicate, shortcuts),
kept apart from ``fill_fr.py`` so two people translating at once do not collide;
``fill_fr.py`` merges them."""

FR = {
    "(direct, no network)": "(direct, sans réseau)",
    "(nothing to choose)": "(rien à choisir)",
    "“%1” is not a valid identifier: use letters, digits and . _ : @ - without spaces, "
    "starting with a letter or a digit":
        "« %1 » n'est pas un identifiant valide : lettres, chiffres et . _ : @ - sans "
        "espace, en commençant par une lettre ou un chiffre",
    "too long: at most %2 characters": "trop long : %2 caractères au plus",
    "may not be empty": "ne peut pas être vide",
    "“%1” is not a number": "« %1 » n'est pas un nombre",
    "must be at least %2": "doit valoir au moins %2",
    "must be at most %2": "doit valoir au plus %2",
    "“%1” is not a date: write it as 2026-12-31":
        "« %1 » n'est pas une date : écrivez-la 2026-12-31",
    "“%1” is not one of the allowed values": "« %1 » ne fait pas partie des valeurs permises",
    # strings others added without running lupdate (same wording as wt-15b's fill_fr.py)
    "(stencil default: %1)": "(par défaut du gabarit : %1)",
    "on %1 elements": "sur %1 éléments",
    "One row per threat": "Une ligne par menace",
    "Show each catalog threat once, on all its elements, ranked as in the board report; "
    "context elements (not owned or operated) are left out":
        "Chaque menace du catalogue une seule fois, sur tous ses éléments, classée comme "
        "dans le rapport de direction ; les éléments de contexte (ni possédés ni exploités) "
        "sont laissés de côté",
    "organisation (risks treated)": "organisation (risques traités)",
    "context (assumption, not ranked)": "contexte (hypothèse, non classé)",
}
