"""Fill ``imports_fr.ts`` with the French texts below, then compile it with lrelease.

After adding strings to the vendor import modules:
    .venv/bin/pyside6-lupdate workbench/gui/vendor/imports.py \
        workbench/gui/vendor/imports_classify.py workbench/gui/vendor/imports_report.py \
        -ts workbench/gui/vendor/translations/imports_fr.ts
    .venv/bin/python workbench/gui/vendor/translations/fill_imports_fr.py
Strings missing here stay untranslated and are listed on stdout (a test fails on them).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "translations"))
from fill_fr import fill_catalog  # noqa: E402 - the main catalog's filler, shared

HERE = Path(__file__).resolve().parent

FR = {
    # the importer's confidence in its guess, in the To classify list (issue 16)
    "high": "sûr", "medium": "probable", "low": "incertain",
    # update from the vendor's next version
    "&Update from Vendor Architecture…": "&Mettre à jour depuis l'architecture fournisseur…",
    "Update from vendor architecture": "Mettre à jour depuis l'architecture fournisseur",
    "The vendor's new version: keep your classification, data, decisions, review and "
    "workshops, and see what changed":
        "La nouvelle version du fournisseur : garder votre classement, vos données, décisions, "
        "revue et ateliers, et voir ce qui a changé",
    "Open the model you reviewed first; this brings it to the vendor's new version and keeps "
    "your work.": "Ouvrez d'abord le modèle que vous avez revu : cette commande l'amène à la "
                  "nouvelle version du fournisseur en gardant votre travail.",
    "Cannot update": "Mise à jour impossible", "Update from %1": "Mise à jour depuis %1",
    "the model before %1": "le modèle avant %1",
    "Updated from %1: %2 new, %3 removed, %4 kept your type (Ctrl+Z undoes)":
        "Mis à jour depuis %1 : %2 nouveau(x), %3 retiré(s), %4 gardent votre type "
        "(Ctrl+Z annule)",
    # File and Tools menus
    "&Import Vendor Architecture…": "&Importer une architecture fournisseur…",
    "Export to &OTM…": "Exporter en &OTM…",
    "C&hange Type…": "C&hanger le type…",
    "To &Classify": "À &classer",
    # import
    "All supported (*.otm *.yaml *.yml *.json *.tm7 *.csv)":
        "Tous les formats pris en charge (*.otm *.yaml *.yml *.json *.tm7 *.csv)",
    "Import vendor architecture": "Importer une architecture fournisseur",
    "Which tool wrote %1?": "Quel outil a produit %1 ?",
    "Importing %1…": "Import de %1…",
    "Cannot import": "Import impossible",
    "%1 could not be imported:": "%1 n'a pas pu être importé :",
    "Import cancelled": "Import annulé",
    "Lay out by layer": "Disposition par couche",
    "Imported %1: %2 element(s) to classify": "%1 importé : %2 élément(s) à classer",
    "%1 (imported)": "%1 (importé)",
    # classify
    "To classify": "À classer",
    "Select one element to change its type":
        "Sélectionnez un élément pour changer son type",
    "Change type": "Changer le type",
    "Cannot change type": "Impossible de changer le type",
    "Change Type of %1": "Changer le type de %1",
    "Now: %1": "Actuellement : %1",
    "Type to search, Enter to choose": "Tapez pour chercher, Entrée pour choisir",
    "Change Type…": "Changer le type…",
    "%1 element(s) kept with a generic type by the import. Select one and choose its type.":
        "%1 élément(s) gardé(s) avec un type générique par l'import. Sélectionnez-en un et "
        "choisissez son type.",
    "Nothing to classify.": "Rien à classer.",
    "No type matches “%1”": "Aucun type ne correspond à « %1 »",
    # export
    "Open Threat Model, JSON (*.otm.json *.json)": "Open Threat Model, JSON (*.otm.json *.json)",
    "Open Threat Model, YAML (*.otm.yaml *.yaml *.yml)":
        "Open Threat Model, YAML (*.otm.yaml *.yaml *.yml)",
    "Export to OTM": "Exporter en OTM",
    "Cannot export": "Export impossible",
    "Exported %1": "%1 exporté",
    # import report
    "Import report": "Rapport d'import",
    "Imported %1 (%2)": "%1 importé (%2)",
    "components": "composants", "flows": "flux", "trust zones": "zones de confiance",
    "threats": "menaces", "controls": "mesures",
    "In the model: %1": "Dans le modèle : %1",
    "Source type": "Type d'origine", "Elements": "Éléments", "Mapped": "Reconnus",
    "To classify (%1): kept with a generic type, marked [unmapped]; double-click one to see it":
        "À classer (%1) : gardés avec un type générique, marqués [unmapped] ; "
        "double-cliquez pour en voir un",
    "Every element was mapped to a stencil.": "Chaque élément a été associé à un type.",
    "Warnings (%1):": "Avertissements (%1) :",
}


def main() -> int:
    missing = fill_catalog(HERE / "imports_fr.ts", HERE / "imports_fr.qm", FR,
                           language="fr_FR")
    for source in missing:
        print(f"untranslated: {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
