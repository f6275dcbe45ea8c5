"""Fill ``profiles_fr.ts`` with the French texts below, then compile it with lrelease.

After adding strings to the profiles package:
    .venv/bin/pyside6-lupdate workbench/gui/profiles/*.py \
        -ts workbench/gui/profiles/translations/profiles_fr.ts
    .venv/bin/python workbench/gui/profiles/translations/fill_profiles_fr.py
Strings missing here stay untranslated and are listed on stdout (a test fails on them).
Field names and closed vocabularies (zone kinds, asset kinds) come from the main catalog.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "translations"))
from fill_fr import fill_catalog  # noqa: E402 - the main catalog's filler, shared

HERE = Path(__file__).resolve().parent

FR = {
    # menu, dock, canvas menu
    "Attackers, Targets and Data": "Attaquants, cibles et données",
    "Attackers, &Targets and Data…": "Attaquants, &cibles et données…",
    "Who attacks and where they start, what matters, and the data":
        "Qui attaque et par où, ce qui compte, et les données",
    "Entry Point for": "Point d'entrée de", "Data Assets": "Données",
    "(none defined)": "(aucune définie)", "Edit Data Assets…": "Modifier les données…",
    "Mark as entry point": "Marquer comme point d'entrée",
    "Remove entry point": "Retirer le point d'entrée",
    "Assign data asset": "Affecter la donnée", "Unassign data asset": "Retirer la donnée",
    "Attackers": "Attaquants", "Targets": "Cibles", "Data": "Données",
    # attackers
    "Customise defaults": "Personnaliser les profils prédéfinis",
    "only while the model has no enabled attacker of its own":
        "seulement si le modèle n'a aucun attaquant actif à lui",
    "always, the model's profiles replacing those of the same id (merge)":
        "toujours, les profils du modèle remplaçant ceux de même identifiant (fusion)",
    "Built-in profiles analysed": "Profils prédéfinis analysés",
    "Attacker": "Attaquant", "Capability": "Capacité", "Entry points": "Points d'entrée",
    "New attacker's name": "Nom du nouvel attaquant", "Add": "Ajouter",
    "A new attacker; the elements selected on the canvas become its entry points":
        "Un nouvel attaquant ; les éléments sélectionnés sur le schéma deviennent ses points "
        "d'entrée",
    "Remove": "Retirer", "Selected attacker": "Attaquant sélectionné",
    "How skilled and resourced the attacker is: scales the probability of every step it "
    "takes": "Compétences et moyens de l'attaquant : pondère la probabilité de chacune de "
             "ses étapes",
    "Use selected elements": "Utiliser la sélection",
    "Use the elements selected on the canvas as entry points of this attacker":
        "Faire des éléments sélectionnés sur le schéma des points d'entrée de cet attaquant",
    "Clear rule": "Effacer la règle",
    "Start only at the entry points listed above":
        "Partir seulement des points d'entrée listés ci-dessus",
    "Name": "Nom", "Description": "Description", "Entry rule": "Règle d'entrée",
    "Starts at": "Part de", "(built-in)": "(prédéfini)", "none": "aucun",
    "No entry point in this model: no path from this attacker":
        "Aucun point d'entrée dans ce modèle : aucun chemin depuis cet attaquant",
    "Merge: the analysis runs the built-in profiles too (grey); a profile of the model with a "
    "built-in id replaces it.": "Fusion : l'analyse utilise aussi les profils prédéfinis "
                                "(en gris) ; un profil du modèle de même identifiant le "
                                "remplace.",
    "Every attacker of the model is disabled, so the analysis runs the six built-in profiles "
    "(grey). Enable one, or customise the defaults.":
        "Tous les attaquants du modèle sont désactivés : l'analyse utilise les six profils "
        "prédéfinis (en gris). Activez-en un, ou personnalisez les profils prédéfinis.",
    "This model has no attacker of its own: the analysis runs the six built-in profiles "
    "(grey). Customise them to tune capability and entry points, or add your own.":
        "Ce modèle n'a pas d'attaquant à lui : l'analyse utilise les six profils prédéfinis "
        "(en gris). Personnalisez-les pour régler capacité et points d'entrée, ou ajoutez "
        "les vôtres.",
    "The analysis runs the ticked attackers of this model only; the built-in profiles are "
    "not used.": "L'analyse utilise seulement les attaquants cochés de ce modèle ; les "
                 "profils prédéfinis ne servent pas.",
    "Copy the built-in profiles into this model, to tune their capability and entry points. "
    "The analysis does not change until you edit them.":
        "Copier les profils prédéfinis dans ce modèle pour régler leur capacité et leurs "
        "points d'entrée. L'analyse ne change pas tant que vous ne les modifiez pas.",
    "Add built-in profiles": "Ajouter les profils prédéfinis",
    "Copy the missing built-in profiles into this model, disabled: tick those the analysis "
    "should run.": "Copier dans ce modèle, désactivés, les profils prédéfinis manquants : "
                   "cochez ceux que l'analyse doit utiliser.",
    "built-in: editing it copies the defaults into the model":
        "prédéfini : le modifier copie les profils prédéfinis dans le modèle",
    "and %1 more": "et %1 de plus", "%1 element(s): %2": "%1 élément(s) : %2",
    "No element of this model: this attacker has no path. Select elements on the canvas and "
    "use them as entry points.": "Aucun élément de ce modèle : cet attaquant n'a aucun "
                                 "chemin. Sélectionnez des éléments sur le schéma et faites-en "
                                 "des points d'entrée.",
    "New attacker": "Nouvel attaquant", "Add attacker": "Ajouter un attaquant",
    "Remove attacker": "Retirer l'attaquant",
    "Customise default attackers": "Personnaliser les attaquants prédéfinis",
    "Built-in attackers": "Attaquants prédéfinis", "Enable attacker": "Activer l'attaquant",
    "Disable attacker": "Désactiver l'attaquant", "Rename attacker": "Renommer l'attaquant",
    "Attacker capability": "Capacité de l'attaquant",
    "Attacker description": "Description de l'attaquant",
    "Select the elements where this attacker starts on the canvas first":
        "Sélectionnez d'abord sur le schéma les éléments d'où part cet attaquant",
    "Add entry points": "Ajouter des points d'entrée",
    "Choose the entry point to remove in the list":
        "Choisissez dans la liste le point d'entrée à retirer",
    "Clear entry rule": "Effacer la règle d'entrée",
    "Show on canvas": "Montrer sur le schéma",
    "Select where this attacker starts on the canvas":
        "Sélectionner sur le schéma les points de départ de cet attaquant",
    "Select the elements and flows holding or carrying this data on the canvas":
        "Sélectionner sur le schéma les éléments et flux qui détiennent ou transportent "
        "cette donnée",
    # entry rule in words
    "id": "identifiant", "name": "nom", "element type": "type d'élément", "layer": "couche",
    "category": "catégorie", "type tags": "étiquettes du type", "trust zone": "zone de confiance",
    "trust zone kind": "type de zone de confiance", "trust level": "niveau de confiance",
    "has a wireless interface": "a une interface sans fil",
    "kinds of data held": "types de données détenues",
    "holds personal data": "détient des données personnelles",
    "holds special-category data": "détient des données sensibles",
    "yes": "oui", "no": "non", "not: %1": "non : %1", "%1 is set": "%1 renseigné",
    "%1 is not set": "%1 non renseigné", "%1 is %2": "%1 est %2",
    "%1 is not %2": "%1 n'est pas %2", "%1 is one of %2": "%1 parmi %2",
    "%1 is none of %2": "%1 hors de %2", "%1 include %2": "%1 comprennent %2",
    "%1 include any of %2": "%1 comprennent l'un de %2", "None of:": "Aucune de :",
    "All of:": "Toutes :", "Any of:": "L'une de :",
    "No entry rule: it starts at its listed entry points only.":
        "Pas de règle d'entrée : il part seulement de ses points d'entrée listés.",
    # targets
    "Patient safety": "Sécurité du patient", "Health data": "Données de santé",
    "Care service": "Service de soins",
    "Also aim at targets derived from the model (safety functions, health-data stores, care "
    "services)": "Viser aussi les cibles déduites du modèle (fonctions critiques, stockages "
                 "de données de santé, services de soins)",
    "Target": "Cible", "Kind": "Type", "Element": "Élément", "Source": "Origine",
    "Add selected element as target": "Ajouter l'élément sélectionné comme cible",
    "Keep as explicit": "Garder comme explicite",
    "Make this derived target one of the model's own, to rename it or keep it when "
    "derivation is off": "Faire de cette cible déduite une cible du modèle, pour la renommer "
                         "ou la garder sans déduction",
    "Double-click a name to rename a target of the model. Derived targets (grey) follow the "
    "model's elements and data.": "Double-cliquez sur un nom pour renommer une cible du "
                                  "modèle. Les cibles déduites (en gris) suivent les éléments "
                                  "et les données du modèle.",
    "derived": "déduite", "model": "modèle", "Target kind": "Type de cible",
    "Select the element that matters on the canvas first":
        "Sélectionnez d'abord sur le schéma l'élément qui compte",
    "Add target": "Ajouter une cible", "Keep target": "Garder la cible",
    "Remove target": "Retirer la cible", "Rename target": "Renommer la cible",
    "Derived targets": "Cibles déduites",
    # data assets
    "Personal": "Personnelle", "Art. 9": "Art. 9", "C": "C", "I": "I", "A": "D",
    "Used": "Usage", "Elements holding it and flows carrying it":
        "Éléments qui la détiennent et flux qui la transportent",
    "Confidentiality need, 0-10": "Besoin de confidentialité, 0-10",
    "Integrity need, 0-10": "Besoin d'intégrité, 0-10",
    "Availability need, 0-10": "Besoin de disponibilité, 0-10",
    "Special category of personal data (GDPR art. 9): health, genetic, biometric":
        "Catégorie particulière de données personnelles (RGPD art. 9) : santé, génétique, "
        "biométrie",
    "New data asset's name": "Nom de la nouvelle donnée",
    "Assign to selection": "Affecter à la sélection",
    "Components selected on the canvas hold this data; selected flows carry it":
        "Les composants sélectionnés sur le schéma détiennent cette donnée ; les flux "
        "sélectionnés la transportent",
    "Unassign from selection": "Retirer de la sélection",
    "Selected data asset": "Donnée sélectionnée",
    "Impact per category if this data is compromised":
        "Impact par catégorie si cette donnée est compromise",
    "Choose a data asset in the table.": "Choisissez une donnée dans le tableau.",
    "Selected data asset: %1": "Donnée sélectionnée : %1", "Held by: %1": "Détenue par : %1",
    "Carried by: %1": "Transportée par : %1",
    "Not on any element yet: select elements or flows on the canvas and assign it.":
        "Sur aucun élément pour l'instant : sélectionnez des éléments ou des flux sur le "
        "schéma et affectez-la.",
    "(not rated)": "(non évalué)", "Edit data asset": "Modifier la donnée",
    "Data asset impact": "Impact de la donnée",
    "Type the new data asset's name first": "Saisissez d'abord le nom de la nouvelle donnée",
    "Add data asset": "Ajouter une donnée", "Remove data asset": "Retirer la donnée",
    "Remove it from those elements too?": "La retirer aussi de ces éléments ?",
    "Choose a data asset in the table first": "Choisissez d'abord une donnée dans le tableau",
    "Select components or flows on the canvas first":
        "Sélectionnez d'abord des composants ou des flux sur le schéma",
}


def main() -> int:
    missing = fill_catalog(HERE / "profiles_fr.ts", HERE / "profiles_fr.qm", FR,
                           language="fr_FR")
    for source in missing:
        print(f"untranslated: {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
