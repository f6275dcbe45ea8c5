<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../review.py" line="177" />
        <source>Vendor under review</source>
        <translation>Fournisseur évalué</translation>
    </message>
    <message>
        <location filename="../review.py" line="179" />
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <location filename="../review.py" line="183" />
        <source>Start review</source>
        <translation>Démarrer la revue</translation>
    </message>
    <message>
        <location filename="../review.py" line="189" />
        <source>Vendor</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <location filename="../review.py" line="191" />
        <source>Reviewer</source>
        <translation>Évaluateur</translation>
    </message>
    <message>
        <location filename="../review.py" line="193" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../review.py" line="203" />
        <source>Item</source>
        <translation>Point</translation>
    </message>
    <message>
        <location filename="../review.py" line="203" />
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../review.py" line="203" />
        <location filename="../review.py" line="273" />
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <location filename="../review.py" line="204" />
        <location filename="../review.py" line="274" />
        <source>Evidence</source>
        <translation>Preuve</translation>
    </message>
    <message>
        <location filename="../review.py" line="260" />
        <source>What the vendor showed (document, certificate, test report)</source>
        <translation>Ce que le fournisseur a montré (document, certificat, rapport de test)</translation>
    </message>
    <message>
        <location filename="../review.py" line="264" />
        <source>Reviewer's note</source>
        <translation>Note de l'évaluateur</translation>
    </message>
    <message>
        <location filename="../review.py" line="271" />
        <source>Clear answer</source>
        <translation>Effacer la réponse</translation>
    </message>
    <message>
        <location filename="../review.py" line="275" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../review.py" line="276" />
        <source>Answered by</source>
        <translation>Répondu par</translation>
    </message>
    <message>
        <location filename="../review.py" line="328" />
        <source>%1 — gaps: %2 of %3</source>
        <translation>%1 — écarts : %2 sur %3</translation>
    </message>
    <message>
        <location filename="../review.py" line="342" />
        <location filename="../review.py" line="398" />
        <source>Expected evidence:</source>
        <translation>Preuve attendue :</translation>
    </message>
    <message>
        <location filename="../review.py" line="356" />
        <source>Does not apply</source>
        <translation>Ne s'applique pas</translation>
    </message>
    <message>
        <location filename="../review.py" line="359" />
        <location filename="../review.py" line="394" />
        <source>Does not apply: %1</source>
        <translation>Ne s'applique pas : %1</translation>
    </message>
    <message>
        <location filename="../review.py" line="386" />
        <source>Select an item of the checklist</source>
        <translation>Choisissez un point de la liste</translation>
    </message>
    <message>
        <location filename="../review.py" line="398" />
        <source>References:</source>
        <translation>Références :</translation>
    </message>
    <message>
        <location filename="../review.py" line="414" />
        <source>on %1</source>
        <translation>le %1</translation>
    </message>
    <message>
        <location filename="../review.py" line="438" />
        <source>Start vendor review</source>
        <translation>Démarrer la revue fournisseur</translation>
    </message>
    <message>
        <location filename="../review.py" line="451" />
        <source>Review details</source>
        <translation>Détails de la revue</translation>
    </message>
    <message>
        <location filename="../review.py" line="476" />
        <source>Review answer: %1</source>
        <translation>Réponse de revue : %1</translation>
    </message>
    <message>
        <location filename="../review.py" line="518" />
        <source>Clear review answer: %1</source>
        <translation>Effacer la réponse de revue : %1</translation>
    </message>
</context>
<context>
    <name>VendorReview</name>
    <message>
        <location filename="../review.py" line="65" />
        <source>Yes</source>
        <extracomment>Answer colours, as in the report's review table.</extracomment>
        <translation>Oui</translation>
    </message>
    <message>
        <location filename="../review.py" line="66" />
        <source>Partial</source>
        <translation>Partiel</translation>
    </message>
    <message>
        <location filename="../review.py" line="67" />
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <location filename="../review.py" line="68" />
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <location filename="../review.py" line="69" />
        <source>Not applicable</source>
        <translation>Sans objet</translation>
    </message>
    <message>
        <location filename="../review.py" line="70" />
        <source>Blocking</source>
        <translation>Bloquant</translation>
    </message>
    <message>
        <location filename="../review.py" line="71" />
        <source>Major</source>
        <translation>Majeur</translation>
    </message>
    <message>
        <location filename="../review.py" line="72" />
        <source>Minor</source>
        <translation>Mineur</translation>
    </message>
    <message>
        <location filename="../review.py" line="73" />
        <source>Hosting</source>
        <translation>Hébergement</translation>
    </message>
    <message>
        <location filename="../review.py" line="74" />
        <source>Device</source>
        <translation>Dispositif</translation>
    </message>
    <message>
        <location filename="../review.py" line="75" />
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <location filename="../review.py" line="76" />
        <source>Supply chain</source>
        <translation>Chaîne d'approvisionnement</translation>
    </message>
    <message>
        <location filename="../review.py" line="77" />
        <source>Access</source>
        <translation>Accès</translation>
    </message>
    <message>
        <location filename="../review.py" line="78" />
        <source>Operations</source>
        <translation>Exploitation</translation>
    </message>
    <message>
        <location filename="../review.py" line="79" />
        <source>Assurance</source>
        <translation>Assurance</translation>
    </message>
    <message>
        <location filename="../review.py" line="80" />
        <source>the model declares no health data</source>
        <translation>le modèle ne déclare aucune donnée de santé</translation>
    </message>
    <message>
        <location filename="../review.py" line="82" />
        <source>the model declares no medical device</source>
        <translation>le modèle ne déclare aucun dispositif médical</translation>
    </message>
    <message>
        <location filename="../review.py" line="112" />
        <source>%1 applicable items · %2 % met · %3 gaps</source>
        <translation>%1 points applicables · %2 % satisfaits · %3 écarts</translation>
    </message>
    <message>
        <location filename="../review.py" line="118" />
        <source>%1 blocking</source>
        <translation>%1 bloquant(s)</translation>
    </message>
    <message>
        <location filename="../review.py" line="120" />
        <source>no blocking gap</source>
        <translation>aucun écart bloquant</translation>
    </message>
    <message>
        <location filename="../review.py" line="543" />
        <source>Cannot open the review checklist</source>
        <translation>Impossible d'ouvrir la liste de revue</translation>
    </message>
    <message>
        <location filename="../review.py" line="547" />
        <source>Vendor Review</source>
        <translation>Revue fournisseur</translation>
    </message>
    <message>
        <location filename="../review.py" line="567" />
        <source>&amp;Vendor Review…</source>
        <translation>&amp;Revue fournisseur…</translation>
    </message>
</context>
</TS>