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
    # drawing trust zones, the empty canvas
    "Drag a rectangle around the elements of the zone (Esc cancels)":
        "Tracez un rectangle autour des éléments de la zone (Échap pour annuler)",
    "Too small for a trust zone: drag a larger rectangle":
        "Trop petit pour une zone de confiance : tracez un rectangle plus grand",
    "Trust zone %1": "Zone de confiance %1",
    "Draw trust zone": "Tracer une zone",
    "Dra&w Trust Zone": "&Tracer une zone de confiance",
    "Then drag a rectangle on the canvas around the elements of the zone (shortcut: Z)":
        "Puis tracez sur le schéma un rectangle autour des éléments de la zone "
        "(raccourci : Z)",
    "To start: drag a stencil from the Stencils panel onto the canvas (or double-click "
    "it).\nTo connect: drag from an element's round handle onto another element.\n"
    "To draw a trust zone: press Z (or Edit ▸ Draw Trust Zone) and drag a rectangle.\n"
    "Then mark what matters: right-click an element ▸ Mark as attack target.":
        "Pour commencer : glissez un gabarit du panneau Gabarits sur le schéma (ou "
        "double-cliquez dessus).\nPour relier : glissez depuis la poignée ronde d'un "
        "élément jusqu'à un autre.\nPour tracer une zone de confiance : appuyez sur Z (ou "
        "Édition ▸ Tracer une zone de confiance) et tracez un rectangle.\nPuis désignez ce "
        "qui compte : clic droit sur un élément ▸ Déclarer cible d'attaque.",
    # duplicate, Help > Keyboard Shortcuts
    "D&uplicate": "D&upliquer", "Duplicate": "Dupliquer",
    "Select the elements to duplicate": "Sélectionnez les éléments à dupliquer",
    "&Help": "&Aide", "&Keyboard Shortcuts…": "&Raccourcis clavier…",
    "Keyboard Shortcuts": "Raccourcis clavier", "Window": "Fenêtre",
    "Search…": "Rechercher…", "Menu": "Menu", "Command": "Commande", "Keys": "Touches",
    "Canvas": "Schéma", "Connect two elements": "Relier deux éléments",
    "Drag from an element's round handle onto another":
        "Glisser depuis la poignée ronde d'un élément jusqu'à un autre",
    "Zoom": "Zoom", "Ctrl+wheel": "Ctrl+molette", "Pan": "Se déplacer",
    "Middle button drag, or Space+drag": "Glisser avec le bouton du milieu, ou Espace+glisser",
    "Select several": "Sélectionner plusieurs",
    "Drag a rectangle on empty canvas; Ctrl+click":
        "Tracer un rectangle sur le fond du schéma ; Ctrl+clic",
    "Cancel the zone tool": "Annuler l'outil zone", "Esc": "Échap",
    "Element menu (targets, entry points, data)":
        "Menu de l'élément (cibles, points d'entrée, données)",
    "Right click": "Clic droit",
    # wt-15c: flows drawn across a network card, distribution
    "Flow routed via %1 (the network card it crossed; change it in the inspector)":
        "Flux acheminé via %1 (la carte réseau traversée ; modifiable dans l'inspecteur)",
    "Distribute &Horizontally": "Répartir &horizontalement",
    "Select three or more cards to distribute them":
        "Sélectionnez au moins trois cartes pour les répartir",
    "Distribute": "Répartir",
    "Release on a card: the flow goes via %1":
        "Relâchez sur une carte : le flux passera par %1",
    "Resize trust zone": "Redimensionner la zone",
    "Trust zone resized: %1 element(s) joined, %2 left":
        "Zone redimensionnée : %1 élément(s) entré(s), %2 sorti(s)",
    "Move a trust zone with its elements": "Déplacer une zone avec ses éléments",
    "Drag its title": "Faire glisser son titre",
    "Resize a trust zone": "Redimensionner une zone",
    "Drag its edge or corner": "Faire glisser un bord ou un coin",
}
