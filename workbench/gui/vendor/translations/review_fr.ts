<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../review.py" line="196"/>
        <source>Show gaps only</source>
        <translation>Écarts seulement</translation>
    </message>
    <message>
        <location filename="../review.py" line="197"/>
        <source>Hide the items answered yes or not applicable, and those that do not apply</source>
        <translation>Masque les points satisfaits, sans objet ou qui ne s&apos;appliquent pas</translation>
    </message>
    <message>
        <location filename="../review.py" line="178"/>
        <source>Vendor under review</source>
        <translation>Fournisseur évalué</translation>
    </message>
    <message>
        <location filename="../review.py" line="180"/>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <location filename="../review.py" line="184"/>
        <source>Start review</source>
        <translation>Démarrer la revue</translation>
    </message>
    <message>
        <location filename="../review.py" line="190"/>
        <source>Vendor</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <location filename="../review.py" line="192"/>
        <source>Reviewer</source>
        <translation>Évaluateur</translation>
    </message>
    <message>
        <location filename="../review.py" line="194"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../review.py" line="209"/>
        <source>Item</source>
        <translation>Point</translation>
    </message>
    <message>
        <location filename="../review.py" line="209"/>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../review.py" line="209"/>
        <location filename="../review.py" line="279"/>
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <location filename="../review.py" line="210"/>
        <location filename="../review.py" line="280"/>
        <source>Evidence</source>
        <translation>Preuve</translation>
    </message>
    <message>
        <location filename="../review.py" line="266"/>
        <source>What the vendor showed (document, certificate, test report)</source>
        <translation>Ce que le fournisseur a montré (document, certificat, rapport de test)</translation>
    </message>
    <message>
        <location filename="../review.py" line="270"/>
        <source>Reviewer&apos;s note</source>
        <translation>Note de l&apos;évaluateur</translation>
    </message>
    <message>
        <location filename="../review.py" line="277"/>
        <source>Clear answer</source>
        <translation>Effacer la réponse</translation>
    </message>
    <message>
        <location filename="../review.py" line="281"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../review.py" line="282"/>
        <source>Answered by</source>
        <translation>Répondu par</translation>
    </message>
    <message>
        <location filename="../review.py" line="337"/>
        <source>%1 — gaps: %2 of %3</source>
        <translation>%1 — écarts : %2 sur %3</translation>
    </message>
    <message>
        <location filename="../review.py" line="352"/>
        <location filename="../review.py" line="410"/>
        <source>Expected evidence:</source>
        <translation>Preuve attendue :</translation>
    </message>
    <message>
        <location filename="../review.py" line="366"/>
        <source>Does not apply</source>
        <translation>Ne s&apos;applique pas</translation>
    </message>
    <message>
        <location filename="../review.py" line="369"/>
        <location filename="../review.py" line="406"/>
        <source>Does not apply: %1</source>
        <translation>Ne s&apos;applique pas : %1</translation>
    </message>
    <message>
        <location filename="../review.py" line="398"/>
        <source>Select an item of the checklist</source>
        <translation>Choisissez un point de la liste</translation>
    </message>
    <message>
        <location filename="../review.py" line="410"/>
        <source>References:</source>
        <translation>Références :</translation>
    </message>
    <message>
        <location filename="../review.py" line="426"/>
        <source>on %1</source>
        <translation>le %1</translation>
    </message>
    <message>
        <location filename="../review.py" line="450"/>
        <source>Start vendor review</source>
        <translation>Démarrer la revue fournisseur</translation>
    </message>
    <message>
        <location filename="../review.py" line="463"/>
        <source>Review details</source>
        <translation>Détails de la revue</translation>
    </message>
    <message>
        <location filename="../review.py" line="488"/>
        <source>Review answer: %1</source>
        <translation>Réponse de revue : %1</translation>
    </message>
    <message>
        <location filename="../review.py" line="530"/>
        <source>Clear review answer: %1</source>
        <translation>Effacer la réponse de revue : %1</translation>
    </message>
</context>
<context>
    <name>VendorReview</name>
    <message>
        <location filename="../review.py" line="66"/>
        <source>Yes</source>
        <extracomment>Answer colours, as in the report&apos;s review table.</extracomment>
        <translation>Oui</translation>
    </message>
    <message>
        <location filename="../review.py" line="67"/>
        <source>Partial</source>
        <translation>Partiel</translation>
    </message>
    <message>
        <location filename="../review.py" line="68"/>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <location filename="../review.py" line="69"/>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <location filename="../review.py" line="70"/>
        <source>Not applicable</source>
        <translation>Sans objet</translation>
    </message>
    <message>
        <location filename="../review.py" line="71"/>
        <source>Blocking</source>
        <translation>Bloquant</translation>
    </message>
    <message>
        <location filename="../review.py" line="72"/>
        <source>Major</source>
        <translation>Majeur</translation>
    </message>
    <message>
        <location filename="../review.py" line="73"/>
        <source>Minor</source>
        <translation>Mineur</translation>
    </message>
    <message>
        <location filename="../review.py" line="74"/>
        <source>Hosting</source>
        <translation>Hébergement</translation>
    </message>
    <message>
        <location filename="../review.py" line="75"/>
        <source>Device</source>
        <translation>Dispositif</translation>
    </message>
    <message>
        <location filename="../review.py" line="76"/>
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <location filename="../review.py" line="77"/>
        <source>Supply chain</source>
        <translation>Chaîne d&apos;approvisionnement</translation>
    </message>
    <message>
        <location filename="../review.py" line="78"/>
        <source>Access</source>
        <translation>Accès</translation>
    </message>
    <message>
        <location filename="../review.py" line="79"/>
        <source>Operations</source>
        <translation>Exploitation</translation>
    </message>
    <message>
        <location filename="../review.py" line="80"/>
        <source>Assurance</source>
        <translation>Assurance</translation>
    </message>
    <message>
        <location filename="../review.py" line="81"/>
        <source>the model declares no health data</source>
        <translation>le modèle ne déclare aucune donnée de santé</translation>
    </message>
    <message>
        <location filename="../review.py" line="83"/>
        <source>the model declares no medical device</source>
        <translation>le modèle ne déclare aucun dispositif médical</translation>
    </message>
    <message>
        <location filename="../review.py" line="113"/>
        <source>%1 applicable items · %2 % met · %3 gaps</source>
        <translation>%1 points applicables · %2 % satisfaits · %3 écarts</translation>
    </message>
    <message>
        <location filename="../review.py" line="119"/>
        <source>%1 blocking</source>
        <translation>%1 bloquant(s)</translation>
    </message>
    <message>
        <location filename="../review.py" line="121"/>
        <source>no blocking gap</source>
        <translation>aucun écart bloquant</translation>
    </message>
    <message>
        <location filename="../review.py" line="555"/>
        <source>Cannot open the review checklist</source>
        <translation>Impossible d&apos;ouvrir la liste de revue</translation>
    </message>
    <message>
        <location filename="../review.py" line="559"/>
        <source>Vendor Review</source>
        <translation>Revue fournisseur</translation>
    </message>
    <message>
        <location filename="../review.py" line="579"/>
        <source>&amp;Vendor Review…</source>
        <translation>&amp;Revue fournisseur…</translation>
    </message>
</context>
</TS>
