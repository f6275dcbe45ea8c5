"""Fill ``review_fr.ts`` (the Vendor Review dock) with the French texts below, then compile it.

After adding strings to ``workbench/gui/vendor/review.py``:
    .venv/bin/pyside6-lupdate workbench/gui/vendor/review.py \
        -ts workbench/gui/vendor/translations/review_fr.ts
    .venv/bin/python workbench/gui/vendor/translations/fill_review_fr.py
Strings missing here stay untranslated and are listed on stdout (a test fails on them).
The checklist's own texts are data: French titles come from ``title_fr`` in
``catalogs/review-checklist.json``, not from this catalog.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "translations"))
from fill_fr import fill_catalog  # noqa: E402 - the main catalog's filler, shared

HERE = Path(__file__).resolve().parent

FR = {
    # menu, dock
    "&Vendor Review…": "&Revue fournisseur…", "Vendor Review": "Revue fournisseur",
    "Cannot open the review checklist": "Impossible d'ouvrir la liste de revue",
    # answers, severities, categories (same words as the report)
    "Yes": "Oui", "Partial": "Partiel", "No": "Non", "Unknown": "Inconnu",
    "Not applicable": "Sans objet", "Blocking": "Bloquant", "Major": "Majeur",
    "Minor": "Mineur", "Hosting": "Hébergement", "Device": "Dispositif", "Data": "Données",
    "Supply chain": "Chaîne d'approvisionnement", "Access": "Accès",
    "Operations": "Exploitation", "Assurance": "Assurance",
    "no health data declared or held by its elements":
        "aucune donnée de santé déclarée ni portée par ses éléments",
    "no medical device declared or drawn": "aucun dispositif médical déclaré ni dessiné",
    # summary
    "%1 applicable items · %2 % met · %3 gaps":
        "%1 points applicables · %2 % satisfaits · %3 écarts",
    "%1 blocking": "%1 bloquant(s)", "no blocking gap": "aucun écart bloquant",
    # header
    "Vendor under review": "Fournisseur évalué", "Your name": "Votre nom",
    "Start review": "Démarrer la revue", "Vendor": "Fournisseur", "Reviewer": "Évaluateur",
    "Date": "Date",
    # tree and detail
    "Show gaps only": "Écarts seulement",
    "Hide the items answered yes or not applicable, and those that do not apply":
        "Masque les points satisfaits, sans objet ou qui ne s'appliquent pas",
    "Item": "Point", "Severity": "Gravité", "Answer": "Réponse", "Evidence": "Preuve",
    "What the vendor showed (document, certificate, test report)":
        "Ce que le fournisseur a montré (document, certificat, rapport de test)",
    "Reviewer's note": "Note de l'évaluateur", "Clear answer": "Effacer la réponse",
    "Note": "Note", "Answered by": "Répondu par", "%1 — gaps: %2 of %3": "%1 — écarts : %2 sur %3",
    "Expected evidence:": "Preuve attendue :", "Does not apply": "Ne s'applique pas",
    "Does not apply: %1": "Ne s'applique pas : %1", "References:": "Références :",
    "Select an item of the checklist": "Choisissez un point de la liste",
    "on %1": "le %1",
    # undo stack
    "Start vendor review": "Démarrer la revue fournisseur",
    "Review details": "Détails de la revue", "Review answer: %1": "Réponse de revue : %1",
    "Clear review answer: %1": "Effacer la réponse de revue : %1",
}


def main() -> int:
    missing = fill_catalog(HERE / "review_fr.ts", HERE / "review_fr.qm", FR, language="fr_FR")
    for source in missing:
        print(f"untranslated: {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
