<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../review.py" line="211" />
        <source>Show gaps only</source>
        <translation>Écarts seulement</translation>
    </message>
    <message>
        <location filename="../review.py" line="212" />
        <source>Hide the items answered yes or not applicable, and those that do not apply</source>
        <translation>Masque les points satisfaits, sans objet ou qui ne s'appliquent pas</translation>
    </message>
    <message>
        <location filename="../review.py" line="193" />
        <source>Vendor under review</source>
        <translation>Fournisseur évalué</translation>
    </message>
    <message>
        <location filename="../review.py" line="195" />
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <location filename="../review.py" line="199" />
        <source>Start review</source>
        <translation>Démarrer la revue</translation>
    </message>
    <message>
        <location filename="../review.py" line="205" />
        <source>Vendor</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <location filename="../review.py" line="207" />
        <source>Reviewer</source>
        <translation>Évaluateur</translation>
    </message>
    <message>
        <location filename="../review.py" line="209" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../review.py" line="227" />
        <source>Item</source>
        <translation>Point</translation>
    </message>
    <message>
        <location filename="../review.py" line="227" />
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../review.py" line="227" />
        <location filename="../review.py" line="297" />
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <location filename="../review.py" line="228" />
        <location filename="../review.py" line="298" />
        <source>Evidence</source>
        <translation>Preuve</translation>
    </message>
    <message>
        <location filename="../review.py" line="284" />
        <source>What the vendor showed (document, certificate, test report)</source>
        <translation>Ce que le fournisseur a montré (document, certificat, rapport de test)</translation>
    </message>
    <message>
        <location filename="../review.py" line="288" />
        <source>Reviewer's note</source>
        <translation>Note de l'évaluateur</translation>
    </message>
    <message>
        <location filename="../review.py" line="295" />
        <source>Clear answer</source>
        <translation>Effacer la réponse</translation>
    </message>
    <message>
        <location filename="../review.py" line="299" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../review.py" line="300" />
        <source>Answered by</source>
        <translation>Répondu par</translation>
    </message>
    <message>
        <location filename="../review.py" line="355" />
        <source>%1 — gaps: %2 of %3</source>
        <translation>%1 — écarts : %2 sur %3</translation>
    </message>
    <message>
        <location filename="../review.py" line="370" />
        <location filename="../review.py" line="428" />
        <source>Expected evidence:</source>
        <translation>Preuve attendue :</translation>
    </message>
    <message>
        <location filename="../review.py" line="384" />
        <source>Does not apply</source>
        <translation>Ne s'applique pas</translation>
    </message>
    <message>
        <location filename="../review.py" line="387" />
        <location filename="../review.py" line="424" />
        <source>Does not apply: %1</source>
        <translation>Ne s'applique pas : %1</translation>
    </message>
    <message>
        <location filename="../review.py" line="416" />
        <source>Select an item of the checklist</source>
        <translation>Choisissez un point de la liste</translation>
    </message>
    <message>
        <location filename="../review.py" line="428" />
        <source>References:</source>
        <translation>Références :</translation>
    </message>
    <message>
        <location filename="../review.py" line="444" />
        <source>on %1</source>
        <translation>le %1</translation>
    </message>
    <message>
        <location filename="../review.py" line="468" />
        <source>Start vendor review</source>
        <translation>Démarrer la revue fournisseur</translation>
    </message>
    <message>
        <location filename="../review.py" line="481" />
        <source>Review details</source>
        <translation>Détails de la revue</translation>
    </message>
    <message>
        <location filename="../review.py" line="506" />
        <source>Review answer: %1</source>
        <translation>Réponse de revue : %1</translation>
    </message>
    <message>
        <location filename="../review.py" line="548" />
        <source>Clear review answer: %1</source>
        <translation>Effacer la réponse de revue : %1</translation>
    </message>
</context>
<context>
    <name>VendorReview</name>
    <message>
        <location filename="../review.py" line="68" />
        <source>Yes</source>
        <extracomment>Answer colours, as in the report's review table.</extracomment>
        <translation>Oui</translation>
    </message>
    <message>
        <location filename="../review.py" line="69" />
        <source>Partial</source>
        <translation>Partiel</translation>
    </message>
    <message>
        <location filename="../review.py" line="70" />
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <location filename="../review.py" line="71" />
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <location filename="../review.py" line="72" />
        <source>Not applicable</source>
        <translation>Sans objet</translation>
    </message>
    <message>
        <location filename="../review.py" line="73" />
        <source>Blocking</source>
        <translation>Bloquant</translation>
    </message>
    <message>
        <location filename="../review.py" line="74" />
        <source>Major</source>
        <translation>Majeur</translation>
    </message>
    <message>
        <location filename="../review.py" line="75" />
        <source>Minor</source>
        <translation>Mineur</translation>
    </message>
    <message>
        <location filename="../review.py" line="76" />
        <source>Hosting</source>
        <translation>Hébergement</translation>
    </message>
    <message>
        <location filename="../review.py" line="77" />
        <source>Device</source>
        <translation>Dispositif</translation>
    </message>
    <message>
        <location filename="../review.py" line="78" />
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <location filename="../review.py" line="79" />
        <source>Supply chain</source>
        <translation>Chaîne d'approvisionnement</translation>
    </message>
    <message>
        <location filename="../review.py" line="80" />
        <source>Access</source>
        <translation>Accès</translation>
    </message>
    <message>
        <location filename="../review.py" line="81" />
        <source>Operations</source>
        <translation>Exploitation</translation>
    </message>
    <message>
        <location filename="../review.py" line="82" />
        <source>Assurance</source>
        <translation>Assurance</translation>
    </message>
    <message>
        <location filename="../review.py" line="83" />
        <source>no health data declared or held by its elements</source>
        <translation>aucune donnée de santé déclarée ni portée par ses éléments</translation>
    </message>
    <message>
        <location filename="../review.py" line="85" />
        <source>no medical device declared or drawn</source>
        <translation>aucun dispositif médical déclaré ni dessiné</translation>
    </message>
    <message>
        <location filename="../review.py" line="128" />
        <source>%1 applicable items · %2 % met · %3 gaps</source>
        <translation>%1 points applicables · %2 % satisfaits · %3 écarts</translation>
    </message>
    <message>
        <location filename="../review.py" line="134" />
        <source>%1 blocking</source>
        <translation>%1 bloquant(s)</translation>
    </message>
    <message>
        <location filename="../review.py" line="136" />
        <source>no blocking gap</source>
        <translation>aucun écart bloquant</translation>
    </message>
    <message>
        <location filename="../review.py" line="573" />
        <source>Cannot open the review checklist</source>
        <translation>Impossible d'ouvrir la liste de revue</translation>
    </message>
    <message>
        <location filename="../review.py" line="577" />
        <source>Vendor Review</source>
        <translation>Revue fournisseur</translation>
    </message>
    <message>
        <location filename="../review.py" line="598" />
        <source>&amp;Vendor Review…</source>
        <translation>&amp;Revue fournisseur…</translation>
    </message>
</context>
</TS>