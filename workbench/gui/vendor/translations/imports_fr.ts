<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>ImportReport</name>
    <message>
        <location filename="../imports_report.py" line="50" />
        <source>Import report</source>
        <extracomment>an element id the analyst wants to see on the canvas</extracomment>
        <translation>Rapport d'import</translation>
    </message>
    <message>
        <location filename="../imports_report.py" line="53" />
        <source>Imported %1 (%2)</source>
        <translation>%1 importé (%2)</translation>
    </message>
    <message>
        <location filename="../imports_report.py" line="58" />
        <source>components</source>
        <translation>composants</translation>
    </message>
    <message>
        <location filename="../imports_report.py" line="58" />
        <source>flows</source>
        <translation>flux</translation>
    </message>
    <message>
        <location filename="../imports_report.py" line="59" />
        <source>trust zones</source>
        <translation>zones de confiance</translation>
    </message>
    <message>
        <location filename="../imports_report.py" line="59" />
        <source>threats</source>
        <translation>menaces</translation>
    </message>
    <message>
        <location filename="../imports_report.py" line="60" />
        <source>controls</source>
        <translation>mesures</translation>
    </message>
    <message>
        <location filename="../imports_report.py" line="61" />
        <source>In the model: %1</source>
        <translation>Dans le modèle : %1</translation>
    </message>
    <message>
        <location filename="../imports_report.py" line="68" />
        <source>Source type</source>
        <translation>Type d'origine</translation>
    </message>
    <message>
        <location filename="../imports_report.py" line="68" />
        <source>Elements</source>
        <translation>Éléments</translation>
    </message>
    <message>
        <location filename="../imports_report.py" line="69" />
        <source>Mapped</source>
        <translation>Reconnus</translation>
    </message>
    <message>
        <location filename="../imports_report.py" line="69" />
        <source>To classify</source>
        <translation>À classer</translation>
    </message>
    <message>
        <location filename="../imports_report.py" line="88" />
        <source>To classify (%1): kept with a generic type, marked [unmapped]; double-click one to see it</source>
        <translation>À classer (%1) : gardés avec un type générique, marqués [unmapped] ; double-cliquez pour en voir un</translation>
    </message>
    <message>
        <location filename="../imports_report.py" line="90" />
        <source>Every element was mapped to a stencil.</source>
        <translation>Chaque élément a été associé à un type.</translation>
    </message>
    <message>
        <location filename="../imports_report.py" line="109" />
        <source>Warnings (%1):</source>
        <translation>Avertissements (%1) :</translation>
    </message>
</context>
<context>
    <name>StencilPicker</name>
    <message>
        <location filename="../imports_classify.py" line="50" />
        <source>Change Type of %1</source>
        <translation>Changer le type de %1</translation>
    </message>
    <message>
        <location filename="../imports_classify.py" line="53" />
        <source>Now: %1</source>
        <translation>Actuellement : %1</translation>
    </message>
    <message>
        <location filename="../imports_classify.py" line="63" />
        <source>Type to search, Enter to choose</source>
        <translation>Tapez pour chercher, Entrée pour choisir</translation>
    </message>
    <message>
        <location filename="../imports_classify.py" line="93" />
        <source>No type matches “%1”</source>
        <translation>Aucun type ne correspond à « %1 »</translation>
    </message>
</context>
<context>
    <name>ToClassifyPanel</name>
    <message>
        <location filename="../imports_classify.py" line="131" />
        <source>Change Type…</source>
        <extracomment>element id chosen in the list the analyst asked to change this element's type</extracomment>
        <translation>Changer le type…</translation>
    </message>
    <message>
        <location filename="../imports_classify.py" line="157" />
        <source>high</source>
        <translation>sûr</translation>
    </message>
    <message>
        <location filename="../imports_classify.py" line="157" />
        <source>medium</source>
        <translation>probable</translation>
    </message>
    <message>
        <location filename="../imports_classify.py" line="158" />
        <source>low</source>
        <translation>incertain</translation>
    </message>
    <message>
        <location filename="../imports_classify.py" line="171" />
        <source>%1 element(s) kept with a generic type by the import. Select one and choose its type.</source>
        <translation>%1 élément(s) gardé(s) avec un type générique par l'import. Sélectionnez-en un et choisissez son type.</translation>
    </message>
    <message>
        <location filename="../imports_classify.py" line="173" />
        <source>Nothing to classify.</source>
        <translation>Rien à classer.</translation>
    </message>
</context>
<context>
    <name>VendorImports</name>
    <message>
        <location filename="../imports.py" line="143" />
        <source>All supported (*.otm *.yaml *.yml *.json *.tm7 *.csv)</source>
        <translation>Tous les formats pris en charge (*.otm *.yaml *.yml *.json *.tm7 *.csv)</translation>
    </message>
    <message>
        <location filename="../imports.py" line="123" />
        <source>Import vendor architecture</source>
        <extracomment>(format, file-dialog filter): the order of the filter list</extracomment>
        <translation>Importer une architecture fournisseur</translation>
    </message>
    <message>
        <location filename="../imports.py" line="133" />
        <location filename="../imports.py" line="137" />
        <source>Update from vendor architecture</source>
        <translation>Mettre à jour depuis l'architecture fournisseur</translation>
    </message>
    <message>
        <location filename="../imports.py" line="134" />
        <source>Open the model you reviewed first; this brings it to the vendor's new version and keeps your work.</source>
        <translation>Ouvrez d'abord le modèle que vous avez revu : cette commande l'amène à la nouvelle version du fournisseur en gardant votre travail.</translation>
    </message>
    <message>
        <location filename="../imports.py" line="155" />
        <source>Which tool wrote %1?</source>
        <translation>Quel outil a produit %1 ?</translation>
    </message>
    <message>
        <location filename="../imports.py" line="167" />
        <source>Importing %1…</source>
        <translation>Import de %1…</translation>
    </message>
    <message>
        <location filename="../imports.py" line="176" />
        <source>Cannot import</source>
        <translation>Import impossible</translation>
    </message>
    <message>
        <location filename="../imports.py" line="177" />
        <source>%1 could not be imported:</source>
        <translation>%1 n'a pas pu être importé :</translation>
    </message>
    <message>
        <location filename="../imports.py" line="188" />
        <source>Import cancelled</source>
        <translation>Import annulé</translation>
    </message>
    <message>
        <location filename="../imports.py" line="198" />
        <source>Lay out by layer</source>
        <translation>Disposition par couche</translation>
    </message>
    <message>
        <location filename="../imports.py" line="211" />
        <source>Imported %1: %2 element(s) to classify</source>
        <translation>%1 importé : %2 élément(s) à classer</translation>
    </message>
    <message>
        <location filename="../imports.py" line="223" />
        <source>Cannot update</source>
        <translation>Mise à jour impossible</translation>
    </message>
    <message>
        <location filename="../imports.py" line="225" />
        <source>Update from %1</source>
        <translation>Mise à jour depuis %1</translation>
    </message>
    <message>
        <location filename="../imports.py" line="228" />
        <source>the model before %1</source>
        <translation>le modèle avant %1</translation>
    </message>
    <message>
        <location filename="../imports.py" line="232" />
        <source>Updated from %1: %2 new, %3 removed, %4 kept your type (Ctrl+Z undoes)</source>
        <translation>Mis à jour depuis %1 : %2 nouveau(x), %3 retiré(s), %4 gardent votre type (Ctrl+Z annule)</translation>
    </message>
    <message>
        <location filename="../imports.py" line="254" />
        <source>%1 (imported)</source>
        <translation>%1 (importé)</translation>
    </message>
    <message>
        <location filename="../imports.py" line="266" />
        <source>To classify</source>
        <translation>À classer</translation>
    </message>
    <message>
        <location filename="../imports.py" line="319" />
        <source>Select one element to change its type</source>
        <translation>Sélectionnez un élément pour changer son type</translation>
    </message>
    <message>
        <location filename="../imports.py" line="332" />
        <source>Change type</source>
        <translation>Changer le type</translation>
    </message>
    <message>
        <location filename="../imports.py" line="335" />
        <source>Cannot change type</source>
        <translation>Impossible de changer le type</translation>
    </message>
    <message>
        <location filename="../imports.py" line="344" />
        <source>Open Threat Model, JSON (*.otm.json *.json)</source>
        <translation>Open Threat Model, JSON (*.otm.json *.json)</translation>
    </message>
    <message>
        <location filename="../imports.py" line="345" />
        <source>Open Threat Model, YAML (*.otm.yaml *.yaml *.yml)</source>
        <translation>Open Threat Model, YAML (*.otm.yaml *.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../imports.py" line="350" />
        <source>Export to OTM</source>
        <translation>Exporter en OTM</translation>
    </message>
    <message>
        <location filename="../imports.py" line="375" />
        <source>Cannot export</source>
        <translation>Export impossible</translation>
    </message>
    <message>
        <location filename="../imports.py" line="378" />
        <source>Exported %1</source>
        <translation>%1 exporté</translation>
    </message>
    <message>
        <location filename="../imports.py" line="417" />
        <source>&amp;Import Vendor Architecture…</source>
        <translation>&amp;Importer une architecture fournisseur…</translation>
    </message>
    <message>
        <location filename="../imports.py" line="421" />
        <source>&amp;Update from Vendor Architecture…</source>
        <translation>&amp;Mettre à jour depuis l'architecture fournisseur…</translation>
    </message>
    <message>
        <location filename="../imports.py" line="422" />
        <source>The vendor's new version: keep your classification, data, decisions, review and workshops, and see what changed</source>
        <translation>La nouvelle version du fournisseur : garder votre classement, vos données, décisions, revue et ateliers, et voir ce qui a changé</translation>
    </message>
    <message>
        <location filename="../imports.py" line="426" />
        <source>Export to &amp;OTM…</source>
        <translation>Exporter en &amp;OTM…</translation>
    </message>
    <message>
        <location filename="../imports.py" line="428" />
        <source>C&amp;hange Type…</source>
        <translation>C&amp;hanger le type…</translation>
    </message>
    <message>
        <location filename="../imports.py" line="431" />
        <source>To &amp;Classify</source>
        <translation>À &amp;classer</translation>
    </message>
</context>
</TS>