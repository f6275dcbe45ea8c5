"""Fill ``workbench_fr.ts`` with the French texts below, then compile it with lrelease.

Run after ``pyside6-lupdate`` added new strings (see docs/gui.md):
    .venv/bin/python workbench/gui/translations/fill_fr.py
Strings missing here stay untranslated (shown in English) and are listed on stdout.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET  # our own file, written by Qt's lupdate
from pathlib import Path

HERE = Path(__file__).resolve().parent

FR = {
    "Show the changes since %1": "Montrer les évolutions depuis %1",
    "Starts on the target: %1 (no step to cross)":
        "Part de la cible : %1 (aucune étape à franchir)",
    "The attacker's entry point is the target itself: no control on a path can stop this "
    "one. Protect the target, or check that the attacker really starts there.":
        "Le point d'entrée de l'attaquant est la cible elle-même : aucune mesure sur un "
        "chemin ne peut arrêter celui-ci. Protégez la cible, ou vérifiez que l'attaquant "
        "part vraiment de là.",
    "Low": "Faible", "Moderate": "Modéré", "High": "Élevé", "Critical": "Critique",
    "Export Report": "Exporter le rapport", "Export &Report…": "Exporter le &rapport…",
    "Board (at most 6 pages)": "Direction (6 pages au plus)",
    "Technical (full register)": "Technique (registre complet)",
    "Browse…": "Parcourir…", "Audience": "Public", "Language": "Langue", "File": "Fichier",
    "Export report": "Exporter le rapport", "PDF documents (*.pdf)": "Documents PDF (*.pdf)",
    "Building report…": "Rapport en cours…", "Report written: %1": "Rapport écrit : %1",
    "Cannot export report": "Impossible d'exporter le rapport",
    "Run the analysis to see attack paths.": "Lancez l'analyse pour voir les chemins d'attaque.",
    "Attacker": "Attaquant", "Target": "Cible", "All": "Tous",
    "Attack-path engine not available.": "Moteur de chemins d'attaque indisponible.",
    "No attack path found: add attackers and targets.":
        "Aucun chemin d'attaque : ajoutez des attaquants et des cibles.",
    "No attack path yet. A path needs an attacker (where they start) and a target (what "
    "matters). Select an element on the canvas and mark it as a target, or open the "
    "attackers and targets.":
        "Pas encore de chemin d'attaque. Un chemin demande un attaquant (d'où il part) et "
        "une cible (ce qui compte). Sélectionnez un élément sur le schéma et marquez-le "
        "comme cible, ou ouvrez les attaquants et les cibles.",
    "Mark selection as target": "Marquer la sélection comme cible",
    "&Presentation Mode": "Mode &présentation",
    "Attackers and targets…": "Attaquants et cibles…",
    "Select an element on the canvas first (what the attacker must not reach).":
        "Sélectionnez d'abord un élément sur le schéma (ce que l'attaquant ne doit pas "
        "atteindre).",
    "Select a path to highlight it on the canvas.":
        "Choisissez un chemin pour le surligner sur le schéma.",
    "Things": "Objets", "Gateways": "Passerelles", "Networks": "Réseaux", "Cloud": "Cloud",
    "trust %1": "confiance %1", "Move": "Déplacer", "Connect": "Relier",
    "Placed in its layer's swimlane": "Placé dans le couloir de sa couche",
    "Add element": "Ajouter un élément",
    "Title": "Titre", "System": "Système", "Owner": "Responsable", "Authors": "Auteurs",
    "Version": "Version", "Review date": "Date de revue", "Description": "Description",
    "Scope": "Périmètre", "Assumptions": "Hypothèses", "Out of scope": "Hors périmètre",
    "Id": "Identifiant", "Name": "Nom", "Stencil": "Gabarit", "Layer": "Couche",
    "Zone": "Zone", "Properties": "Propriétés", "Wireless interfaces": "Interfaces sans fil",
    "Os firmware": "OS / micrologiciel", "Secure boot": "Démarrage sécurisé",
    "Signed updates": "Mises à jour signées", "Authentication": "Authentification",
    "Encryption at rest": "Chiffrement au repos", "Internet exposed": "Exposé à Internet",
    "Patch status": "État des correctifs", "Legacy": "Obsolète",
    "Safety critical function": "Fonction critique pour la sécurité du patient",
    "User installable apps": "Applications installables", "Physical access": "Accès physique",
    "Multi tenant": "Multi-locataire", "Logging": "Journalisation",
    "Debug port": "Port de débogage", "Open network services": "Services réseau ouverts",
    "Flat network (no segmentation)": "Réseau à plat (sans segmentation)",
    "Signed software": "Logiciel signé",
    "weak": "faible", "strong": "forte", "locked": "verrouillé", "open": "ouvert",
    "Data assets": "Données", "Vendor": "Fabricant", "Notes": "Notes", "Source": "Source",
    "Protocol": "Protocole", "Via": "Via", "Bidirectional": "Bidirectionnel",
    "Encrypted": "Chiffré", "Authenticated": "Authentifié", "Kind": "Type",
    "Trust level": "Niveau de confiance", "Parent": "Parent", "Key": "Clé",
    "Catalog id": "Identifiant catalogue", "Element": "Élément", "Stride": "STRIDE",
    "Status": "Statut", "Reason": "Motif", "Decided by": "Décidé par",
    "Decided on": "Décidé le", "Likelihood": "Vraisemblance", "Impact": "Impact",
    "Cvss": "CVSS", "Mitigations": "Mesures", "Transferred to": "Transféré à",
    "Comment": "Commentaire", "Manual": "Manuel", "Previous status": "Statut précédent",
    "No analysis yet": "Pas encore d'analyse", "Severity": "Gravité", "Flow": "Flux",
    "Trust zone": "Zone de confiance", "Threat": "Menace", "Model": "Modèle",
    "(no zone)": "(aucune zone)", "Edit %1": "Modifier %1",
    "Untitled threat model": "Modèle de menaces sans titre", "Stencils": "Gabarits",
    "Inspector": "Inspecteur", "Risk heatmap": "Carte des risques", "Threats": "Menaces",
    "Attack paths": "Chemins d'attaque", "Cancel": "Annuler", "&New": "&Nouveau",
    "&Open…": "&Ouvrir…", "&Save": "&Enregistrer", "Save &As…": "Enregistrer &sous…",
    "&Quit": "&Quitter", "&Undo": "&Annuler", "&Redo": "&Rétablir", "Cu&t": "Co&uper",
    "&Copy": "&Copier", "&Paste": "C&oller", "&Delete": "&Supprimer",
    "Select &All": "&Tout sélectionner", "Zoom &In": "Zoom &avant",
    "Zoom &Out": "Zoom a&rrière", "Actual &Size": "Taille &réelle",
    "&Fit to Window": "&Ajuster à la fenêtre", "&Risk Overlay": "Calque de &risque",
    "Auto-&Layout by Layer": "&Disposition automatique par couche",
    "Run &Analysis": "Lancer l'&analyse", "Align &Left": "Aligner à &gauche",
    "Align &Right": "Aligner à &droite", "Align &Top": "Aligner en &haut",
    "Align &Bottom": "Aligner en &bas", "Align &Horizontal Centres": "Centrer &horizontalement",
    "Align &Vertical Centres": "Centrer &verticalement",
    "&Distribute Vertically": "&Répartir verticalement", "&File": "&Fichier",
    "Open &Recent": "Fichiers &récents", "&Edit": "É&dition", "&Arrange": "&Organiser",
    "&View": "&Affichage", "A&nalysis": "A&nalyse", "Main": "Principal",
    "Analysis failed: %1": "Échec de l'analyse : %1", "Untitled": "Sans titre",
    "Analysis: %1 threats (%2 new suggestions)":
        "Analyse : %1 menaces (%2 nouvelles suggestions)",
    "Delete": "Supprimer", "Paste": "Coller", "Cannot paste: %1": "Collage impossible : %1",
    "Align": "Aligner", "Auto-layout": "Disposition automatique",
    "Unsaved changes": "Modifications non enregistrées",
    "The model has unsaved changes. Save them?":
        "Le modèle a des modifications non enregistrées. Les enregistrer ?",
    "Open threat model": "Ouvrir un modèle de menaces",
    "Threat models (*.twm.json *.json)": "Modèles de menaces (*.twm.json *.json)",
    "… and %1 more": "… et %1 de plus", "Cannot open model": "Impossible d'ouvrir le modèle",
    "%1 could not be opened:": "%1 n'a pas pu être ouvert :",
    "Save threat model": "Enregistrer le modèle de menaces",
    "Threat models (*.twm.json)": "Modèles de menaces (*.twm.json)",
    "Cannot save model": "Impossible d'enregistrer le modèle", "Saved %1": "%1 enregistré",
    "File changed on disk": "Fichier modifié sur le disque",
    "%1 was changed by another program or window since you opened it. Replace it with your "
    "version? (Its current content is kept as %1.bak.)":
        "%1 a été modifié par un autre programme ou une autre fenêtre depuis son ouverture. "
        "Le remplacer par votre version ? (Son contenu actuel est conservé dans %1.bak.)",
    "The model was not saved; the file on disk is unchanged.":
        "Le modèle n'a pas été enregistré ; le fichier sur le disque est inchangé.",
    "Your changes are kept in the recovery file %1.":
        "Vos modifications sont conservées dans le fichier de récupération %1.",
    "The recovery file could not be written either: use Save As to another place.":
        "Le fichier de récupération n'a pas pu être écrit non plus : utilisez « Enregistrer "
        "sous » vers un autre emplacement.",
    "Could not write the recovery file %1": "Impossible d'écrire le fichier de récupération %1",
    "(none)": "(aucun)", "an unsaved model": "un modèle non enregistré",
    "Recover unsaved work?": "Récupérer le travail non enregistré ?",
    "Threat Workbench did not close normally. Recover the unsaved changes to %1?":
        "Threat Workbench ne s'est pas fermé normalement. Récupérer les modifications non "
        "enregistrées de %1 ?",
    "Cannot recover": "Récupération impossible", "Search stencils…": "Chercher un gabarit…",
    "suggested": "suggérée", "accepted": "acceptée", "rejected": "rejetée",
    "mitigated": "traitée", "transferred": "transférée", "risk accepted": "risque accepté",
    "orphaned": "orpheline", "L": "V", "S": "G", "Risk": "Risque", "Controls": "Mesures",
    "Whole model": "Tout le modèle", "Selection": "Sélection", "Any status": "Tout statut",
    "Filter threats…": "Filtrer les menaces…", "Accept": "Accepter", "Reject…": "Rejeter…",
    "Owner…": "Responsable…", "Attach control": "Associer une mesure",
    "L=%1 S=%2 ✕": "V=%1 G=%2 ✕", "%1 of %2": "%1 sur %2",
    "Decide threat": "Décider de la menace", "Reject threat": "Rejeter la menace",
    "Why does this threat not apply?": "Pourquoi cette menace ne s'applique-t-elle pas ?",
    "Who owns this threat?": "Qui est responsable de cette menace ?",
    "Set owner": "Désigner le responsable",
    "No catalog control for this threat": "Aucune mesure du catalogue pour cette menace",
    "thing": "objet", "gateway": "passerelle", "network": "réseau", "cloud": "cloud",
    "none": "aucune", "shared secret": "secret partagé", "password": "mot de passe",
    "certificate": "certificat", "mfa": "MFA", "unknown": "inconnu", "current": "à jour",
    "lagging": "en retard", "unsupported": "plus maintenu", "health data": "données de santé",
    "telemetry": "télémétrie", "therapy settings": "réglages thérapeutiques",
    "credentials": "identifiants", "identity": "identité", "firmware": "micrologiciel",
    "logs": "journaux", "financial": "financier", "imaging": "imagerie", "other": "autre",
    "patient home": "domicile du patient", "patient body": "corps du patient",
    "mobile": "mobile", "hospital": "hôpital", "hospital biomedical": "biomédical hospitalier",
    "clinic": "cabinet / clinique", "vendor cloud": "cloud du fabricant",
    "health data host": "hébergeur de données de santé", "partner": "partenaire",
    "public internet": "Internet public", "carrier": "opérateur", "planned": "prévue",
    "implemented": "en place", "verified": "vérifiée",
    "encrypted": "chiffré", "not authenticated": "non authentifié",
    "Model has problems": "Le modèle comporte des problèmes",
    "Mark as attack target": "Déclarer cible d'attaque", "Patient safety": "Sécurité du patient",
    "Health data": "Données de santé", "Care service": "Service de soins",
    "Remove attack targets": "Retirer les cibles d'attaque",
    "Clear comparison": "Effacer la comparaison",
    "Changes since %1 (+ added, − removed, ~ changed)":
        "Changements depuis %1 (+ ajouté, − retiré, ~ modifié)",
    "Elements": "Éléments", "Flows": "Flux", "Trust zones": "Zones de confiance",
    "Attackers": "Attaquants", "Targets": "Cibles", "Model details": "Détails du modèle",
    "No difference": "Aucune différence", "Changes": "Changements",
    "Compare with…": "Comparer avec…", "Cannot compare": "Comparaison impossible",
    "(derived)": "(calculé)", "Impact per category": "Impact par catégorie",
    "New Trust &Zone Around Selection…": "Nouvelle &zone de confiance autour de la sélection…",
    "Select the elements to put in the zone": "Sélectionnez les éléments à mettre dans la zone",
    "New trust zone": "Nouvelle zone de confiance",
    "%1: %2": "%1 : %2",
    "(stencil default: %1)": "(par défaut du gabarit : %1)",
    "on %1 elements": "sur %1 éléments",
    "One row per threat": "Une ligne par menace",
    "Show each catalog threat once, on all its elements, ranked as in the board report; "
    "context threats (elements not owned or operated) follow, greyed":
        "Chaque menace du catalogue une seule fois, sur tous ses éléments, classée comme "
        "dans le rapport de direction ; les menaces de contexte (éléments ni possédés ni "
        "exploités) suivent, en gris",
    "Rank": "Rang", "context": "contexte",
    "Context: the element is not owned or operated by the organisation. An assumption or a "
    "dependency, not a risk to treat: not ranked (the attack paths still go through it).":
        "Contexte : l'élément n'est ni possédé ni exploité par l'organisation. Une hypothèse "
        "ou une dépendance, pas un risque à traiter : non classé (les chemins d'attaque "
        "passent encore par lui).",
    "Ruled out by the analyst: not ranked.": "Écartée par l'analyste : non classée.",
    "Rank %1 of %2, as in the board report.":
        "Rang %1 sur %2, comme dans le rapport de direction.",
    "Residual risk: %1 (%2 × %3)": "Risque résiduel : %1 (%2 × %3)",
    "Patient-safety impact: %1": "Impact sur la sécurité des patients : %1",
    "A finding: the model declares the weakness":
        "Constat : le modèle déclare la faiblesse",
    "Harm: on the device that treats the patient":
        "Dommage : sur l'appareil qui traite le patient",
    "Harm: on a safety function or the commands to one":
        "Dommage : sur une fonction de sécurité ou les commandes qu'elle reçoit",
    "Harm: through data": "Dommage : par les données",
    "Another copy of this threat is its worst: the board shows that one; this copy shares "
    "its rank.":
        "Une autre occurrence de cette menace est la plus grave : c'est elle que montre le "
        "rapport de direction ; celle-ci partage son rang.",
    "One attack can harm many patients": "Une seule attaque peut nuire à de nombreux patients",
    "Reachable by a declared attacker: %1": "Atteignable par un attaquant déclaré : %1",
    "Order: residual risk, patient safety, finding, directness of harm, fleet-wide harm, "
    "reach, inherent risk.":
        "Ordre : risque résiduel, sécurité des patients, constat, proximité du dommage, "
        "dommage à toute une flotte, accessibilité, risque inhérent.",
    "organisation (risks treated)": "organisation (risques traités)",
    "context (assumption, not ranked)": "contexte (hypothèse, non classé)",
    # threat details: why a threat applies, what can be done (gui/why_text.py)
    "Select a threat to see why it applies and what can be done about it.":
        "Choisissez une menace pour voir pourquoi elle s'applique et ce que l'on peut faire.",
    "source": "origine", "destination": "destination",
    "Element type": "Type d'élément", "Category of element": "Catégorie d'élément",
    "Kind of element": "Nature de l'élément", "Kind of trust zone": "Type de zone de confiance",
    "Trust level of its zone": "Niveau de confiance de sa zone",
    "Has a wireless interface": "A une interface sans fil",
    "Data it holds or carries": "Données qu'il détient ou transporte",
    "Holds or carries personal data": "Détient ou transporte des données personnelles",
    "Holds or carries health data (GDPR art. 9)":
        "Détient ou transporte des données de santé (RGPD art. 9)",
    "Highest confidentiality of its data": "Confidentialité maximale de ses données",
    "Highest integrity need of its data": "Besoin d'intégrité maximal de ses données",
    "Highest availability need of its data": "Besoin de disponibilité maximal de ses données",
    "Incoming flows": "Flux entrants", "Outgoing flows": "Flux sortants",
    "Unencrypted flows": "Flux non chiffrés", "Unauthenticated flows": "Flux non authentifiés",
    "Weakly authenticated flows": "Flux faiblement authentifiés",
    "Unsigned software received": "Logiciel non signé reçu",
    "Unauthenticated incoming flows": "Flux entrants non authentifiés",
    "Flows carried": "Flux transportés",
    "Unencrypted flows carried": "Flux non chiffrés transportés",
    "Unauthenticated flows carried": "Flux non authentifiés transportés",
    "On a flat network": "Sur un réseau à plat",
    "Carries software": "Transporte du logiciel", "Wireless link": "Liaison sans fil",
    "Crosses a trust boundary": "Franchit une frontière de confiance",
    "Drop in trust level": "Baisse du niveau de confiance",
    "Networks it goes through": "Réseaux traversés",
    "Number of networks it goes through": "Nombre de réseaux traversés",
    "Goes through a flat network": "Traverse un réseau à plat",
    "yes": "oui", "no": "non", "not set": "non renseigné",
    "%1 is %2": "%1 : %2", "%1 is not %2": "%1 : pas %2",
    "%1 is one of: %2": "%1 : l'un de %2", "%1 is none of: %2": "%1 : aucun de %2",
    "%1 includes %2": "%1 : comprend %2", "%1 does not include %2": "%1 : ne comprend pas %2",
    "%1 includes one of: %2": "%1 : comprend l'un de %2",
    "%1 includes none of: %2": "%1 : ne comprend aucun de %2",
    "%1 is above %2": "%1 : supérieur à %2", "%1 is not above %2": "%1 : au plus %2",
    "%1 is at least %2": "%1 : au moins %2", "%1 is below %2": "%1 : inférieur à %2",
    "%1 is not below %2": "%1 : au moins %2", "%1 is at most %2": "%1 : au plus %2",
    "%1 is set": "%1 : renseigné", "%1 is not set": "%1 : non renseigné",
    "(here: %1)": "(ici : %1)",
    "Added by an analyst, not by a catalog rule.":
        "Ajoutée par un analyste, pas par une règle du catalogue.",
    "The element is no longer in the model.": "L'élément n'est plus dans le modèle.",
    "The catalog rule no longer holds on this element; the threat stays because an analyst "
    "decided on it.":
        "La règle du catalogue ne s'applique plus à cet élément ; la menace reste parce qu'un "
        "analyste a statué dessus.",
    "Rule for elements of layer %1 (this one: %2)":
        "Règle pour les éléments de la couche %1 (celui-ci : %2)",
    "Rule for these element types: %1 (this one: %2)":
        "Règle pour ces types d'élément : %1 (celui-ci : %2)",
    "The catalog rule applies to every element of this kind.":
        "La règle du catalogue s'applique à tout élément de ce genre.",
    "Likelihood %1": "Vraisemblance %1", "(%1 once attempted)": "(%1 une fois tentée)",
    "Most exposed to: %1 (can attempt it: %2)":
        "Plus exposée à : %1 (peut la tenter : %2)",
    "Impact: %1": "Impact : %1", "attached (%1)": "associée (%1)",
    "No catalog control for this threat: record your own measure, or reject the threat with "
    "a reason.":
        "Aucune mesure du catalogue pour cette menace : décrivez votre propre mesure, ou "
        "rejetez la menace en donnant la raison.",
    "Why it applies": "Pourquoi elle s'applique", "How likely, how bad":
        "Vraisemblance et gravité", "What can be done": "Que peut-on faire",
    "on %1": "sur %1", "Likelihood steps: %1": "Vraisemblance pas à pas : %1",
    # stencil tags and categories, as the threat details name them (gui/why_text.py)
    "API": "API", "B2B API": "API B2B", "IoT gateway": "passerelle IoT", "LAN": "réseau local",
    "WAN": "réseau étendu", "analytics": "analyse de données", "app": "application",
    "backup": "sauvegarde", "bedside relay": "relais de chevet",
    "biomedical gateway": "passerelle biomédicale", "distribution": "distribution",
    "edge": "bordure", "home device": "appareil à domicile", "home hub": "box à domicile",
    "home sensor": "capteur à domicile", "hosting": "hébergement",
    "implant": "implant", "integration": "intégration", "messaging": "messagerie",
    "mobile relay": "relais mobile", "monitor": "moniteur", "monitoring": "surveillance",
    "platform": "plateforme", "portal": "portail", "programmer": "programmateur",
    "radio": "radio", "remote control": "télécommande", "sensor": "capteur",
    "store": "stockage de données", "therapy device": "dispositif de thérapie",
    "tunnel": "tunnel", "unclassified": "non classé", "update": "mise à jour",
    "wearable": "objet porté", "workstation": "poste de travail",
    "clinical": "clinique", "consumer": "grand public", "fleet manager": "gestion de parc",
    "hub": "concentrateur", "legacy prone": "souvent obsolète",
    "medical device": "dispositif médical", "notification": "notification",
    "personal device": "appareil personnel", "safety critical": "critique pour la sécurité",
    "web facing": "exposé au web", "wireless": "sans fil",
    "one person's": "d'une seule personne", "therapy": "thérapie",
    "software only": "logiciel seul",
    # messages of the core (gui/core_text.py)
    "the id “%1” is already used": "l'identifiant « %1 » est déjà utilisé",
    "no element “%1” in the model": "aucun élément « %1 » dans le modèle",
    "a flow joins two different elements": "un flux relie deux éléments différents",
    "“%1” is not a network element": "« %1 » n'est pas un élément réseau",
    "no trust zone “%1” in the model": "aucune zone de confiance « %1 » dans le modèle",
    "no data asset “%1” in the model (known: %2)":
        "aucune donnée « %1 » dans le modèle (connues : %2)",
    "rejecting a threat needs a reason": "rejeter une menace demande une raison",
    "select at least one element to put in the zone":
        "sélectionnez au moins un élément à mettre dans la zone",
    "another threat already has key %1": "une autre menace a déjà la clé %1",
    "“%1” is already a target (%2)": "« %1 » est déjà une cible (%2)",
}


#: French typography: a narrow no-break space before ; : ! ? (replacing a plain or no-break
#: space, or none). Only a mark followed by a space, the end, ")" or "»" is touched, so ids
#: ("thing:x"), times and URLs keep their colons.
_BEFORE_PUNCT = re.compile(r"(?<=[^\s/:])[ \u00a0]?([:;!?])(?=\s|$|\)|»)")
NNBSP = "\u202f"


def typography_fr(text: str) -> str:
    """"Modèle : x" with U+202F before the colon, whatever the table's text has."""
    return _BEFORE_PUNCT.sub(lambda m: f"{NNBSP}{m.group(1)}", text)


def fill_catalog(ts: Path, qm: Path, table: dict[str, str],
                 language: str | None = None) -> list[str]:
    """Write ``table``'s texts into the .ts file, compile it to ``qm``; return the untranslated.

    Shared by the main window's and the workshop's catalogs.
    """
    tree = ET.parse(ts)
    if language:
        tree.getroot().set("language", language)
    missing = []
    for message in tree.iter("message"):
        source = message.find("source").text or ""
        translation = message.find("translation")
        if source in table:
            text = table[source]
            translation.text = typography_fr(text) if tree.getroot().get(
                "language", "").startswith("fr") else text
            translation.attrib.pop("type", None)
        elif not translation.text:
            missing.append(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(ts), "-qm", str(qm)], check=True)
    return missing


def workshop_table() -> dict[str, str]:
    """The workshop catalog's texts: lupdate on ``gui/*.py`` also sees the diff overlay."""
    import importlib.util

    path = HERE.parent / "workshop" / "translations" / "fill_fr.py"
    spec = importlib.util.spec_from_file_location("workshop_fill_fr", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.FR


def drawing_table() -> dict[str, str]:
    """Drawing and layout texts (``drawing_fr.py``, kept apart to avoid collisions)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("drawing_fr", HERE / "drawing_fr.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.FR


def main() -> int:
    table = {**workshop_table(), **drawing_table(), **FR}
    for source in fill_catalog(HERE / "workbench_fr.ts", HERE / "workbench_fr.qm", table):
        print(f"untranslated: {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
