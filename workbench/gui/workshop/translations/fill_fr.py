"""Fill ``workshop_fr.ts`` with the French texts below, then compile it with lrelease.

After adding strings to the workshop package or the diff overlay:
    .venv/bin/pyside6-lupdate workbench/gui/workshop/*.py workbench/gui/diff_overlay.py \
        -ts workbench/gui/workshop/translations/workshop_fr.ts
    .venv/bin/python workbench/gui/workshop/translations/fill_fr.py
Strings missing here stay untranslated and are listed on stdout (a test fails on them).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "translations"))
from fill_fr import fill_catalog  # noqa: E402 - the main catalog's filler, shared

HERE = Path(__file__).resolve().parent

FR = {
    "Compare with &Saved Version": "Comparer avec la version &enregistrée",
    "Compare with Saved Version": "Comparer avec la version enregistrée",
    "What changed since the file was last saved (e.g. during a workshop)":
        "Ce qui a changé depuis le dernier enregistrement (par exemple pendant un atelier)",
    "This model has not been saved yet: save it first, or use Compare with… to pick another "
    "version.": "Ce modèle n'a pas encore été enregistré : enregistrez-le d'abord, ou choisissez "
                "une autre version avec Comparer avec…",
    "Risk per target: not available": "Risque par cible : indisponible",
    "Risk per target: computing…": "Risque par cible : calcul en cours…",
    "%1 worse": "%1 en hausse", "%1 better": "%1 en baisse", "%1 mixed": "%1 contrasté(s)",
    "Risk per target: %1": "Risque par cible : %1",
    "new target": "nouvelle cible", "target removed": "cible retirée",
    "worst %1 → %2": "pire %1 → %2", "total %1 → %2": "total %1 → %2",
    "compromise %1 → %2": "compromission %1 → %2",
    "Workshop": "Atelier", "&Tools": "&Outils", "&Workshop…": "&Atelier…",
    "&Compare with…": "&Comparer avec…", "C&lear Comparison": "&Effacer la comparaison",
    "Clear comparison": "Effacer la comparaison",
    "Changes since %1 (+ added, − removed, ~ changed)":
        "Changements depuis %1 (+ ajouté, − retiré, ~ modifié)",
    "Elements": "Éléments", "Flows": "Flux", "Trust zones": "Zones de confiance",
    "Data assets": "Données", "Threats": "Menaces", "Controls": "Mesures",
    "Attackers": "Attaquants", "Targets": "Cibles", "Model details": "Détails du modèle",
    "No difference": "Aucune différence", "Changes": "Changements",
    "Compare with…": "Comparer avec…", "Cannot compare": "Comparaison impossible",
    "Threat models (*.twm.json *.json)": "Modèles de menaces (*.twm.json *.json)",
    "Workshop — presentation": "Atelier — présentation", "Median": "Médiane",
    "Spread": "Étendue", "DISAGREEMENT": "DÉSACCORD",
    "Threat review workshop": "Atelier de revue des menaces",
    "Names, separated by commas": "Noms, séparés par des virgules",
    "Start session": "Démarrer la séance", "Resume": "Reprendre", "Title": "Titre",
    "Facilitator": "Animateur", "Participants": "Participants",
    "Earlier session": "Séance précédente", "◀ Previous": "◀ Précédent",
    "Next ▶": "Suivant ▶", "Time spent on this item": "Temps passé sur ce point",
    "Catalog suggestions here:": "Suggestions du catalogue ici :",
    "Ratings (one column per participant):": "Cotations (une colonne par participant) :",
    "Decided by": "Décidé par", "Rationale": "Justification",
    "Record consensus": "Enregistrer le consensus", "Notes": "Notes",
    "Decisions": "Décisions", "Open questions": "Questions ouvertes",
    "One entry per line": "Une entrée par ligne", "Keep notes": "Garder les notes",
    "Presentation view": "Vue présentation", "Export Markdown…": "Exporter en Markdown…",
    "End session": "Terminer la séance", "Start workshop": "Démarrer l'atelier",
    "Workshop time": "Temps d'atelier", "Likelihood": "Vraisemblance",
    "Item %1 of %2": "Point %1 sur %2", "Flow": "Flux", "Element": "Élément",
    "Disagreement on: %1 — discuss before deciding":
        "Désaccord sur : %1 — à discuter avant de décider",
    "No disagreement": "Pas de désaccord",
    "Consensus: not recorded": "Consensus : non enregistré",
    "Consensus: %1 — decided by %2": "Consensus : %1 — décidé par %2",
    "%1: %2 is not on the scale (%3)": "%1 : %2 n'est pas sur l'échelle (%3)",
    "Workshop vote": "Vote d'atelier",
    "Say who decided before recording the consensus":
        "Indiquez qui a décidé avant d'enregistrer le consensus",
    "Workshop consensus": "Consensus d'atelier", "Workshop notes": "Notes d'atelier",
    "Export workshop minutes": "Exporter le compte rendu d'atelier",
    "Markdown (*.md)": "Markdown (*.md)", "Decision": "Décision", "%1: %2": "%1 : %2",
    "The group's value; empty: the median, rounded up":
        "Valeur retenue par le groupe ; vide : la médiane, arrondie au-dessus",
}


def main() -> int:
    missing = fill_catalog(HERE / "workshop_fr.ts", HERE / "workshop_fr.qm", FR,
                           language="fr_FR")  # the workshop i18n reads it from the .qm
    for source in missing:
        print(f"untranslated: {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
