<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>DiffPanel</name>
    <message>
        <location filename="../../diff_overlay.py" line="253" />
        <source>Clear comparison</source>
        <extracomment>How risk moved for a target: arrow and colour (Okabe-Ito, as above).</extracomment>
        <translation>Effacer la comparaison</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="262" />
        <source>Changes since %1 (+ added, − removed, ~ changed)</source>
        <translation>Changements depuis %1 (+ ajouté, − retiré, ~ modifié)</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="265" />
        <source>Elements</source>
        <translation>Éléments</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="265" />
        <source>Flows</source>
        <translation>Flux</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="266" />
        <source>Trust zones</source>
        <translation>Zones de confiance</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="266" />
        <source>Data assets</source>
        <translation>Données</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="267" />
        <source>Threats</source>
        <translation>Menaces</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="267" />
        <source>Controls</source>
        <translation>Mesures</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="268" />
        <source>Attackers</source>
        <translation>Attaquants</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="268" />
        <source>Targets</source>
        <translation>Cibles</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="270" />
        <source>Model details</source>
        <translation>Détails du modèle</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="291" />
        <source>No difference</source>
        <translation>Aucune différence</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="303" />
        <source>Risk per target: not available</source>
        <translation>Risque par cible : indisponible</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="306" />
        <source>Risk per target: computing…</source>
        <translation>Risque par cible : calcul en cours…</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="311" />
        <source>%1 worse</source>
        <translation>%1 en hausse</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="312" />
        <source>%1 better</source>
        <translation>%1 en baisse</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="314" />
        <source>%1 mixed</source>
        <translation>%1 contrasté(s)</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="315" />
        <source>Risk per target: %1</source>
        <translation>Risque par cible : %1</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="384" />
        <source>Changes</source>
        <translation>Changements</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="397" />
        <source>Compare with…</source>
        <translation>Comparer avec…</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="398" />
        <source>Threat models (*.twm.json *.json)</source>
        <translation>Modèles de menaces (*.twm.json *.json)</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="408" />
        <source>Cannot compare</source>
        <translation>Comparaison impossible</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="334" />
        <source>new target</source>
        <translation>nouvelle cible</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="334" />
        <source>target removed</source>
        <translation>cible retirée</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="337" />
        <source>worst %1 → %2</source>
        <translation>pire %1 → %2</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="340" />
        <source>total %1 → %2</source>
        <translation>total %1 → %2</translation>
    </message>
    <message>
        <location filename="../../diff_overlay.py" line="343" />
        <source>compromise %1 → %2</source>
        <translation>compromission %1 → %2</translation>
    </message>
</context>
<context>
    <name>PresentationView</name>
    <message>
        <location filename="../presentation.py" line="50" />
        <source>Workshop — presentation</source>
        <translation>Atelier — présentation</translation>
    </message>
    <message>
        <location filename="../presentation.py" line="134" />
        <source>Median</source>
        <translation>Médiane</translation>
    </message>
    <message>
        <location filename="../presentation.py" line="134" />
        <source>Spread</source>
        <translation>Étendue</translation>
    </message>
    <message>
        <location filename="../presentation.py" line="135" />
        <source>DISAGREEMENT</source>
        <translation>DÉSACCORD</translation>
    </message>
</context>
<context>
    <name>WorkshopPanel</name>
    <message>
        <location filename="../panel.py" line="114" />
        <source>Threat review workshop</source>
        <extracomment>element or flow id now under discussion (empty string: none)</extracomment>
        <translation>Atelier de revue des menaces</translation>
    </message>
    <message>
        <location filename="../panel.py" line="117" />
        <source>Names, separated by commas</source>
        <translation>Noms, séparés par des virgules</translation>
    </message>
    <message>
        <location filename="../panel.py" line="118" />
        <source>Start session</source>
        <translation>Démarrer la séance</translation>
    </message>
    <message>
        <location filename="../panel.py" line="121" />
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location filename="../panel.py" line="126" />
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../panel.py" line="127" />
        <source>Facilitator</source>
        <translation>Animateur</translation>
    </message>
    <message>
        <location filename="../panel.py" line="128" />
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../panel.py" line="134" />
        <source>Earlier session</source>
        <translation>Séance précédente</translation>
    </message>
    <message>
        <location filename="../panel.py" line="141" />
        <source>◀ Previous</source>
        <translation>◀ Précédent</translation>
    </message>
    <message>
        <location filename="../panel.py" line="142" />
        <source>Next ▶</source>
        <translation>Suivant ▶</translation>
    </message>
    <message>
        <location filename="../panel.py" line="151" />
        <source>Time spent on this item</source>
        <translation>Temps passé sur ce point</translation>
    </message>
    <message>
        <location filename="../panel.py" line="170" />
        <source>Catalog suggestions here:</source>
        <translation>Suggestions du catalogue ici :</translation>
    </message>
    <message>
        <location filename="../panel.py" line="176" />
        <source>Ratings (one column per participant):</source>
        <translation>Cotations (une colonne par participant) :</translation>
    </message>
    <message>
        <location filename="../panel.py" line="189" />
        <location filename="../panel.py" line="194" />
        <source>Decided by</source>
        <translation>Décidé par</translation>
    </message>
    <message>
        <location filename="../panel.py" line="191" />
        <location filename="../panel.py" line="195" />
        <source>Rationale</source>
        <translation>Justification</translation>
    </message>
    <message>
        <location filename="../panel.py" line="192" />
        <source>Record consensus</source>
        <translation>Enregistrer le consensus</translation>
    </message>
    <message>
        <location filename="../panel.py" line="204" />
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../panel.py" line="204" />
        <source>Decisions</source>
        <translation>Décisions</translation>
    </message>
    <message>
        <location filename="../panel.py" line="205" />
        <source>Open questions</source>
        <translation>Questions ouvertes</translation>
    </message>
    <message>
        <location filename="../panel.py" line="207" />
        <source>One entry per line</source>
        <translation>Une entrée par ligne</translation>
    </message>
    <message>
        <location filename="../panel.py" line="213" />
        <source>Keep notes</source>
        <translation>Garder les notes</translation>
    </message>
    <message>
        <location filename="../panel.py" line="215" />
        <source>Presentation view</source>
        <translation>Vue présentation</translation>
    </message>
    <message>
        <location filename="../panel.py" line="217" />
        <source>Export Markdown…</source>
        <translation>Exporter en Markdown…</translation>
    </message>
    <message>
        <location filename="../panel.py" line="219" />
        <source>End session</source>
        <translation>Terminer la séance</translation>
    </message>
    <message>
        <location filename="../panel.py" line="269" />
        <source>Start workshop</source>
        <translation>Démarrer l'atelier</translation>
    </message>
    <message>
        <location filename="../panel.py" line="353" />
        <source>Workshop time</source>
        <translation>Temps d'atelier</translation>
    </message>
    <message>
        <location filename="../panel.py" line="391" />
        <source>Likelihood</source>
        <translation>Vraisemblance</translation>
    </message>
    <message>
        <location filename="../panel.py" line="418" />
        <location filename="../panel.py" line="551" />
        <source>Item %1 of %2</source>
        <translation>Point %1 sur %2</translation>
    </message>
    <message>
        <location filename="../panel.py" line="422" />
        <source>Flow</source>
        <translation>Flux</translation>
    </message>
    <message>
        <location filename="../panel.py" line="423" />
        <source>Element</source>
        <translation>Élément</translation>
    </message>
    <message>
        <location filename="../panel.py" line="425" />
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location filename="../panel.py" line="455" />
        <source>Median</source>
        <translation>Médiane</translation>
    </message>
    <message>
        <location filename="../panel.py" line="455" />
        <source>Spread</source>
        <translation>Étendue</translation>
    </message>
    <message>
        <location filename="../panel.py" line="456" />
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <location filename="../panel.py" line="489" />
        <source>The group's value; empty: the median, rounded up</source>
        <translation>Valeur retenue par le groupe ; vide : la médiane, arrondie au-dessus</translation>
    </message>
    <message>
        <location filename="../panel.py" line="491" />
        <source>Disagreement on: %1 — discuss before deciding</source>
        <translation>Désaccord sur : %1 — à discuter avant de décider</translation>
    </message>
    <message>
        <location filename="../panel.py" line="496" />
        <source>No disagreement</source>
        <translation>Pas de désaccord</translation>
    </message>
    <message>
        <location filename="../panel.py" line="499" />
        <source>Consensus: not recorded</source>
        <translation>Consensus : non enregistré</translation>
    </message>
    <message>
        <location filename="../panel.py" line="536" />
        <source>Consensus: %1 — decided by %2</source>
        <translation>Consensus : %1 — décidé par %2</translation>
    </message>
    <message>
        <location filename="../panel.py" line="616" />
        <location filename="../panel.py" line="636" />
        <source>%1: %2 is not on the scale (%3)</source>
        <translation>%1 : %2 n'est pas sur l'échelle (%3)</translation>
    </message>
    <message>
        <location filename="../panel.py" line="623" />
        <source>Workshop vote</source>
        <translation>Vote d'atelier</translation>
    </message>
    <message>
        <location filename="../panel.py" line="653" />
        <source>Say who decided before recording the consensus</source>
        <translation>Indiquez qui a décidé avant d'enregistrer le consensus</translation>
    </message>
    <message>
        <location filename="../panel.py" line="662" />
        <source>Workshop consensus</source>
        <translation>Consensus d'atelier</translation>
    </message>
    <message>
        <location filename="../panel.py" line="674" />
        <source>Workshop notes</source>
        <translation>Notes d'atelier</translation>
    </message>
    <message>
        <location filename="../panel.py" line="688" />
        <source>Export workshop minutes</source>
        <translation>Exporter le compte rendu d'atelier</translation>
    </message>
    <message>
        <location filename="../panel.py" line="689" />
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
</context>
<context>
    <name>WorkshopTools</name>
    <message>
        <location filename="../__init__.py" line="21" />
        <source>Workshop</source>
        <translation>Atelier</translation>
    </message>
    <message>
        <location filename="../__init__.py" line="45" />
        <source>Compare with Saved Version</source>
        <translation>Comparer avec la version enregistrée</translation>
    </message>
    <message>
        <location filename="../__init__.py" line="46" />
        <source>This model has not been saved yet: save it first, or use Compare with… to pick another version.</source>
        <translation>Ce modèle n'a pas encore été enregistré : enregistrez-le d'abord, ou choisissez une autre version avec Comparer avec…</translation>
    </message>
    <message>
        <location filename="../__init__.py" line="69" />
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <location filename="../__init__.py" line="70" />
        <source>&amp;Workshop…</source>
        <translation>&amp;Atelier…</translation>
    </message>
    <message>
        <location filename="../__init__.py" line="73" />
        <source>&amp;Compare with…</source>
        <translation>&amp;Comparer avec…</translation>
    </message>
    <message>
        <location filename="../__init__.py" line="76" />
        <source>Compare with &amp;Saved Version</source>
        <translation>Comparer avec la version &amp;enregistrée</translation>
    </message>
    <message>
        <location filename="../__init__.py" line="78" />
        <source>What changed since the file was last saved (e.g. during a workshop)</source>
        <translation>Ce qui a changé depuis le dernier enregistrement (par exemple pendant un atelier)</translation>
    </message>
    <message>
        <location filename="../__init__.py" line="81" />
        <source>C&amp;lear Comparison</source>
        <translation>&amp;Effacer la comparaison</translation>
    </message>
</context>
</TS>