<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>AttackPanel</name>
    <message>
        <location filename="../attack_panel.py" line="136" />
        <source>Run the analysis to see attack paths.</source>
        <extracomment>Kinds of target a newcomer can mark from the empty panel, as the canvas menu offers. flows the path only crosses part of (a step from a network onto an element that a flow of someone else reaches over it): flow id -&gt; the hops {a, b} of its route lit The empty panel's buttons: mark the canvas selection as a target of this kind, and open the attackers/targets editor (the window connects both).</extracomment>
        <translation>Lancez l'analyse pour voir les chemins d'attaque.</translation>
    </message>
    <message>
        <location filename="../attack_panel.py" line="142" />
        <source>Attacker</source>
        <translation>Attaquant</translation>
    </message>
    <message>
        <location filename="../attack_panel.py" line="145" />
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <location filename="../attack_panel.py" line="180" />
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <location filename="../attack_panel.py" line="188" />
        <source>Attack-path engine not available.</source>
        <translation>Moteur de chemins d'attaque indisponible.</translation>
    </message>
    <message>
        <location filename="../attack_panel.py" line="192" />
        <source>No attack path yet. A path needs an attacker (where they start) and a target (what matters). Select an element on the canvas and mark it as a target, or open the attackers and targets.</source>
        <translation>Pas encore de chemin d'attaque. Un chemin demande un attaquant (d'où il part) et une cible (ce qui compte). Sélectionnez un élément sur le schéma et marquez-le comme cible, ou ouvrez les attaquants et les cibles.</translation>
    </message>
    <message>
        <location filename="../attack_panel.py" line="201" />
        <source>Select a path to highlight it on the canvas.</source>
        <translation>Choisissez un chemin pour le surligner sur le schéma.</translation>
    </message>
    <message>
        <location filename="../attack_panel.py" line="214" />
        <source>Mark selection as target</source>
        <translation>Marquer la sélection comme cible</translation>
    </message>
    <message>
        <location filename="../attack_panel.py" line="217" />
        <source>Patient safety</source>
        <translation>Sécurité du patient</translation>
    </message>
    <message>
        <location filename="../attack_panel.py" line="218" />
        <source>Health data</source>
        <translation>Données de santé</translation>
    </message>
    <message>
        <location filename="../attack_panel.py" line="219" />
        <source>Care service</source>
        <translation>Service de soins</translation>
    </message>
    <message>
        <location filename="../attack_panel.py" line="226" />
        <source>Attackers and targets…</source>
        <translation>Attaquants et cibles…</translation>
    </message>
    <message>
        <location filename="../attack_panel.py" line="260" />
        <source>Starts on the target: %1 (no step to cross)</source>
        <translation>Part de la cible : %1 (aucune étape à franchir)</translation>
    </message>
    <message>
        <location filename="../attack_panel.py" line="263" />
        <source>The attacker's entry point is the target itself: no control on a path can stop this one. Protect the target, or check that the attacker really starts there.</source>
        <translation>Le point d'entrée de l'attaquant est la cible elle-même : aucune mesure sur un chemin ne peut arrêter celui-ci. Protégez la cible, ou vérifiez que l'attaquant part vraiment de là.</translation>
    </message>
</context>
<context>
    <name>Category</name>
    <message>
        <location filename="../why_text.py" line="483" />
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="484" />
        <source>B2B API</source>
        <translation>API B2B</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="485" />
        <source>IoT gateway</source>
        <translation>passerelle IoT</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="486" />
        <source>LAN</source>
        <translation>réseau local</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="487" />
        <source>WAN</source>
        <translation>réseau étendu</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="488" />
        <source>analytics</source>
        <translation>analyse de données</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="489" />
        <source>app</source>
        <translation>application</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="490" />
        <source>backup</source>
        <translation>sauvegarde</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="491" />
        <source>bedside relay</source>
        <translation>relais de chevet</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="492" />
        <source>biomedical gateway</source>
        <translation>passerelle biomédicale</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="493" />
        <source>distribution</source>
        <translation>distribution</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="494" />
        <source>edge</source>
        <translation>bordure</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="495" />
        <source>home device</source>
        <translation>appareil à domicile</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="496" />
        <source>home hub</source>
        <translation>box à domicile</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="497" />
        <source>home sensor</source>
        <translation>capteur à domicile</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="498" />
        <source>hosting</source>
        <translation>hébergement</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="499" />
        <source>identity</source>
        <translation>identité</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="500" />
        <source>imaging</source>
        <translation>imagerie</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="501" />
        <source>implant</source>
        <translation>implant</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="502" />
        <source>integration</source>
        <translation>intégration</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="503" />
        <source>messaging</source>
        <translation>messagerie</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="504" />
        <source>mobile</source>
        <translation>mobile</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="505" />
        <source>mobile relay</source>
        <translation>relais mobile</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="506" />
        <source>monitor</source>
        <translation>moniteur</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="507" />
        <source>monitoring</source>
        <translation>surveillance</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="508" />
        <source>platform</source>
        <translation>plateforme</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="509" />
        <source>portal</source>
        <translation>portail</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="510" />
        <source>programmer</source>
        <translation>programmateur</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="511" />
        <source>radio</source>
        <translation>radio</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="512" />
        <source>remote control</source>
        <translation>télécommande</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="513" />
        <source>sensor</source>
        <translation>capteur</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="514" />
        <source>store</source>
        <translation>stockage de données</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="515" />
        <source>therapy device</source>
        <translation>dispositif de thérapie</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="516" />
        <source>tunnel</source>
        <translation>tunnel</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="517" />
        <source>unclassified</source>
        <translation>non classé</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="518" />
        <source>update</source>
        <translation>mise à jour</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="519" />
        <source>wearable</source>
        <translation>objet porté</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="520" />
        <source>workstation</source>
        <translation>poste de travail</translation>
    </message>
</context>
<context>
    <name>CoreMessage</name>
    <message>
        <location filename="../core_text.py" line="25" />
        <source>the id “%1” is already used</source>
        <translation>l'identifiant « %1 » est déjà utilisé</translation>
    </message>
    <message>
        <location filename="../core_text.py" line="28" />
        <source>no element “%1” in the model</source>
        <translation>aucun élément « %1 » dans le modèle</translation>
    </message>
    <message>
        <location filename="../core_text.py" line="31" />
        <source>a flow joins two different elements</source>
        <translation>un flux relie deux éléments différents</translation>
    </message>
    <message>
        <location filename="../core_text.py" line="34" />
        <source>“%1” is not a network element</source>
        <translation>« %1 » n'est pas un élément réseau</translation>
    </message>
    <message>
        <location filename="../core_text.py" line="37" />
        <source>no trust zone “%1” in the model</source>
        <translation>aucune zone de confiance « %1 » dans le modèle</translation>
    </message>
    <message>
        <location filename="../core_text.py" line="40" />
        <source>no data asset “%1” in the model (known: %2)</source>
        <translation>aucune donnée « %1 » dans le modèle (connues : %2)</translation>
    </message>
    <message>
        <location filename="../core_text.py" line="44" />
        <source>rejecting a threat needs a reason</source>
        <translation>rejeter une menace demande une raison</translation>
    </message>
    <message>
        <location filename="../core_text.py" line="46" />
        <source>select at least one element to put in the zone</source>
        <translation>sélectionnez au moins un élément à mettre dans la zone</translation>
    </message>
    <message>
        <location filename="../core_text.py" line="49" />
        <source>another threat already has key %1</source>
        <translation>une autre menace a déjà la clé %1</translation>
    </message>
    <message>
        <location filename="../core_text.py" line="52" />
        <source>“%1” is already a target (%2)</source>
        <translation>« %1 » est déjà une cible (%2)</translation>
    </message>
</context>
<context>
    <name>DiagramScene</name>
    <message>
        <location filename="../palette.py" line="91" />
        <location filename="../scene.py" line="50" />
        <source>Things</source>
        <extracomment>How far (scene px) beside a card a released flow still snaps to it. The smallest trust zone the zone tool draws (a slip of the mouse is not a zone).</extracomment>
        <translation>Objets</translation>
    </message>
    <message>
        <location filename="../palette.py" line="92" />
        <location filename="../scene.py" line="51" />
        <source>Gateways</source>
        <translation>Passerelles</translation>
    </message>
    <message>
        <location filename="../palette.py" line="93" />
        <location filename="../scene.py" line="52" />
        <source>Networks</source>
        <translation>Réseaux</translation>
    </message>
    <message>
        <location filename="../palette.py" line="94" />
        <location filename="../scene.py" line="53" />
        <source>Cloud</source>
        <translation>Cloud</translation>
    </message>
    <message>
        <location filename="../scene.py" line="427" />
        <source>Drag a rectangle around the elements of the zone (Esc cancels)</source>
        <extracomment>a status-bar message (e.g. why a connection was refused) a trust zone was drawn with the zone tool (its id): the window lets the analyst name it the zone tool was armed or disarmed a zone being resized: (item, edges grabbed, its rect at the press, press point)</extracomment>
        <translation>Tracez un rectangle autour des éléments de la zone (Échap pour annuler)</translation>
    </message>
    <message>
        <location filename="../scene.py" line="436" />
        <source>Too small for a trust zone: drag a larger rectangle</source>
        <translation>Trop petit pour une zone de confiance : tracez un rectangle plus grand</translation>
    </message>
    <message>
        <location filename="../scene.py" line="441" />
        <source>Trust zone %1</source>
        <translation>Zone de confiance %1</translation>
    </message>
    <message>
        <location filename="../scene.py" line="444" />
        <source>Draw trust zone</source>
        <translation>Tracer une zone</translation>
    </message>
    <message>
        <location filename="../scene.py" line="504" />
        <source>Resize trust zone</source>
        <translation>Redimensionner la zone</translation>
    </message>
    <message>
        <location filename="../scene.py" line="515" />
        <source>Trust zone resized: %1 element(s) joined, %2 left</source>
        <translation>Zone redimensionnée : %1 élément(s) entré(s), %2 sorti(s)</translation>
    </message>
    <message>
        <location filename="../scene.py" line="616" />
        <source>Move</source>
        <translation>Déplacer</translation>
    </message>
    <message>
        <location filename="../scene.py" line="634" />
        <source>Release on a card: the flow goes via %1</source>
        <translation>Relâchez sur une carte : le flux passera par %1</translation>
    </message>
    <message>
        <location filename="../scene.py" line="656" />
        <source>Connect</source>
        <translation>Relier</translation>
    </message>
    <message>
        <location filename="../scene.py" line="663" />
        <source>Flow routed via %1 (the network card it crossed; change it in the inspector)</source>
        <translation>Flux acheminé via %1 (la carte réseau traversée ; modifiable dans l'inspecteur)</translation>
    </message>
    <message>
        <location filename="../scene.py" line="677" />
        <source>Placed in its layer's swimlane</source>
        <translation>Placé dans le couloir de sa couche</translation>
    </message>
    <message>
        <location filename="../scene.py" line="684" />
        <source>Add element</source>
        <translation>Ajouter un élément</translation>
    </message>
    <message>
        <location filename="../items.py" line="159" />
        <source>trust %1</source>
        <extracomment>Radius of the connection handle: large enough to hit on a projector or a touchpad. How far (scene px) either side of a zone's border a press grabs the edge to resize it.</extracomment>
        <translation>confiance %1</translation>
    </message>
    <message>
        <location filename="../items.py" line="423" />
        <source>encrypted</source>
        <extracomment>the two ends of each segment ({a, b} ids), and those an attack path crosses</extracomment>
        <translation>chiffré</translation>
    </message>
    <message>
        <location filename="../items.py" line="426" />
        <source>not authenticated</source>
        <translation>non authentifié</translation>
    </message>
</context>
<context>
    <name>DiagramView</name>
    <message>
        <location filename="../view.py" line="45" />
        <source>To start: drag a stencil from the Stencils panel onto the canvas (or double-click it).
To connect: drag from an element's round handle onto another element.
To draw a trust zone: press Z (or Edit ▸ Draw Trust Zone) and drag a rectangle.
Then mark what matters: right-click an element ▸ Mark as attack target.</source>
        <extracomment>Below this zoom a card's name is hard to read on a projector.</extracomment>
        <translation>Pour commencer : glissez un gabarit du panneau Gabarits sur le schéma (ou double-cliquez dessus).
Pour relier : glissez depuis la poignée ronde d'un élément jusqu'à un autre.
Pour tracer une zone de confiance : appuyez sur Z (ou Édition ▸ Tracer une zone de confiance) et tracez un rectangle.
Puis désignez ce qui compte : clic droit sur un élément ▸ Déclarer cible d'attaque.</translation>
    </message>
    <message>
        <location filename="../view.py" line="317" />
        <location filename="../view.py" line="348" />
        <source>Mark as attack target</source>
        <translation>Déclarer cible d'attaque</translation>
    </message>
    <message>
        <location filename="../view.py" line="319" />
        <source>Patient safety</source>
        <translation>Sécurité du patient</translation>
    </message>
    <message>
        <location filename="../view.py" line="320" />
        <source>Health data</source>
        <translation>Données de santé</translation>
    </message>
    <message>
        <location filename="../view.py" line="321" />
        <source>Care service</source>
        <translation>Service de soins</translation>
    </message>
    <message>
        <location filename="../view.py" line="328" />
        <location filename="../view.py" line="332" />
        <source>Remove attack targets</source>
        <translation>Retirer les cibles d'attaque</translation>
    </message>
</context>
<context>
    <name>DiffPanel</name>
    <message>
        <location filename="../diff_overlay.py" line="260" />
        <source>Clear comparison</source>
        <extracomment>How risk moved for a target: arrow and colour (Okabe-Ito, as above).</extracomment>
        <translation>Effacer la comparaison</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="269" />
        <source>Changes since %1 (+ added, − removed, ~ changed)</source>
        <translation>Changements depuis %1 (+ ajouté, − retiré, ~ modifié)</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="272" />
        <source>Elements</source>
        <translation>Éléments</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="272" />
        <source>Flows</source>
        <translation>Flux</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="273" />
        <source>Trust zones</source>
        <translation>Zones de confiance</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="273" />
        <source>Data assets</source>
        <translation>Données</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="274" />
        <source>Threats</source>
        <translation>Menaces</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="274" />
        <source>Controls</source>
        <translation>Mesures</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="275" />
        <source>Attackers</source>
        <translation>Attaquants</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="275" />
        <source>Targets</source>
        <translation>Cibles</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="277" />
        <source>Model details</source>
        <translation>Détails du modèle</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="298" />
        <source>No difference</source>
        <translation>Aucune différence</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="310" />
        <source>Risk per target: not available</source>
        <translation>Risque par cible : indisponible</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="313" />
        <source>Risk per target: computing…</source>
        <translation>Risque par cible : calcul en cours…</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="318" />
        <source>%1 worse</source>
        <translation>%1 en hausse</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="319" />
        <source>%1 better</source>
        <translation>%1 en baisse</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="321" />
        <source>%1 mixed</source>
        <translation>%1 contrasté(s)</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="322" />
        <source>Risk per target: %1</source>
        <translation>Risque par cible : %1</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="341" />
        <source>new target</source>
        <translation>nouvelle cible</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="341" />
        <source>target removed</source>
        <translation>cible retirée</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="344" />
        <source>worst %1 → %2</source>
        <translation>pire %1 → %2</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="347" />
        <source>total %1 → %2</source>
        <translation>total %1 → %2</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="350" />
        <source>compromise %1 → %2</source>
        <translation>compromission %1 → %2</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="391" />
        <source>Changes</source>
        <translation>Changements</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="405" />
        <source>Compare with…</source>
        <translation>Comparer avec…</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="406" />
        <source>Threat models (*.twm.json *.json)</source>
        <translation>Modèles de menaces (*.twm.json *.json)</translation>
    </message>
    <message>
        <location filename="../diff_overlay.py" line="416" />
        <source>Cannot compare</source>
        <translation>Comparaison impossible</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <location filename="../labels.py" line="11" />
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../labels.py" line="12" />
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <location filename="../labels.py" line="13" />
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <location filename="../labels.py" line="14" />
        <source>Authors</source>
        <translation>Auteurs</translation>
    </message>
    <message>
        <location filename="../labels.py" line="15" />
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../labels.py" line="16" />
        <source>Review date</source>
        <translation>Date de revue</translation>
    </message>
    <message>
        <location filename="../labels.py" line="17" />
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../labels.py" line="18" />
        <source>Scope</source>
        <translation>Périmètre</translation>
    </message>
    <message>
        <location filename="../labels.py" line="19" />
        <source>Assumptions</source>
        <translation>Hypothèses</translation>
    </message>
    <message>
        <location filename="../labels.py" line="20" />
        <source>Out of scope</source>
        <translation>Hors périmètre</translation>
    </message>
    <message>
        <location filename="../labels.py" line="21" />
        <source>Id</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../labels.py" line="22" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../labels.py" line="23" />
        <source>Stencil</source>
        <translation>Gabarit</translation>
    </message>
    <message>
        <location filename="../labels.py" line="24" />
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <location filename="../labels.py" line="25" />
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location filename="../labels.py" line="26" />
        <source>Properties</source>
        <translation>Propriétés</translation>
    </message>
    <message>
        <location filename="../labels.py" line="27" />
        <source>Wireless interfaces</source>
        <translation>Interfaces sans fil</translation>
    </message>
    <message>
        <location filename="../labels.py" line="28" />
        <source>Os firmware</source>
        <translation>OS / micrologiciel</translation>
    </message>
    <message>
        <location filename="../labels.py" line="29" />
        <source>Secure boot</source>
        <translation>Démarrage sécurisé</translation>
    </message>
    <message>
        <location filename="../labels.py" line="30" />
        <source>Signed updates</source>
        <translation>Mises à jour signées</translation>
    </message>
    <message>
        <location filename="../labels.py" line="31" />
        <source>Authentication</source>
        <translation>Authentification</translation>
    </message>
    <message>
        <location filename="../labels.py" line="32" />
        <source>Encryption at rest</source>
        <translation>Chiffrement au repos</translation>
    </message>
    <message>
        <location filename="../labels.py" line="33" />
        <source>Internet exposed</source>
        <translation>Exposé à Internet</translation>
    </message>
    <message>
        <location filename="../labels.py" line="34" />
        <source>Patch status</source>
        <translation>État des correctifs</translation>
    </message>
    <message>
        <location filename="../labels.py" line="35" />
        <source>Legacy</source>
        <translation>Obsolète</translation>
    </message>
    <message>
        <location filename="../labels.py" line="36" />
        <source>Safety critical function</source>
        <translation>Fonction critique pour la sécurité du patient</translation>
    </message>
    <message>
        <location filename="../labels.py" line="39" />
        <source>User installable apps</source>
        <translation>Applications installables</translation>
    </message>
    <message>
        <location filename="../labels.py" line="40" />
        <source>Physical access</source>
        <translation>Accès physique</translation>
    </message>
    <message>
        <location filename="../labels.py" line="41" />
        <source>Multi tenant</source>
        <translation>Multi-locataire</translation>
    </message>
    <message>
        <location filename="../labels.py" line="42" />
        <source>Logging</source>
        <translation>Journalisation</translation>
    </message>
    <message>
        <location filename="../labels.py" line="43" />
        <source>Debug port</source>
        <translation>Port de débogage</translation>
    </message>
    <message>
        <location filename="../labels.py" line="44" />
        <source>Open network services</source>
        <translation>Services réseau ouverts</translation>
    </message>
    <message>
        <location filename="../labels.py" line="45" />
        <source>Flat network (no segmentation)</source>
        <translation>Réseau à plat (sans segmentation)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="46" />
        <source>Signed software</source>
        <translation>Logiciel signé</translation>
    </message>
    <message>
        <location filename="../labels.py" line="47" />
        <source>Data assets</source>
        <translation>Données</translation>
    </message>
    <message>
        <location filename="../labels.py" line="48" />
        <source>Vendor</source>
        <translation>Fabricant</translation>
    </message>
    <message>
        <location filename="../labels.py" line="49" />
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../labels.py" line="50" />
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../labels.py" line="51" />
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <location filename="../labels.py" line="52" />
        <source>Protocol</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <location filename="../labels.py" line="53" />
        <source>Via</source>
        <translation>Via</translation>
    </message>
    <message>
        <location filename="../labels.py" line="54" />
        <source>Bidirectional</source>
        <translation>Bidirectionnel</translation>
    </message>
    <message>
        <location filename="../labels.py" line="55" />
        <source>Encrypted</source>
        <translation>Chiffré</translation>
    </message>
    <message>
        <location filename="../labels.py" line="56" />
        <source>Authenticated</source>
        <translation>Authentifié</translation>
    </message>
    <message>
        <location filename="../labels.py" line="57" />
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../labels.py" line="58" />
        <source>Trust level</source>
        <translation>Niveau de confiance</translation>
    </message>
    <message>
        <location filename="../labels.py" line="59" />
        <source>Parent</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location filename="../labels.py" line="60" />
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <location filename="../labels.py" line="61" />
        <source>Catalog id</source>
        <translation>Identifiant catalogue</translation>
    </message>
    <message>
        <location filename="../labels.py" line="62" />
        <source>Element</source>
        <translation>Élément</translation>
    </message>
    <message>
        <location filename="../labels.py" line="63" />
        <source>Stride</source>
        <translation>STRIDE</translation>
    </message>
    <message>
        <location filename="../labels.py" line="64" />
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../labels.py" line="65" />
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../labels.py" line="66" />
        <source>Decided by</source>
        <translation>Décidé par</translation>
    </message>
    <message>
        <location filename="../labels.py" line="67" />
        <source>Decided on</source>
        <translation>Décidé le</translation>
    </message>
    <message>
        <location filename="../labels.py" line="68" />
        <source>Likelihood</source>
        <translation>Vraisemblance</translation>
    </message>
    <message>
        <location filename="../labels.py" line="69" />
        <source>Impact</source>
        <translation>Impact</translation>
    </message>
    <message>
        <location filename="../labels.py" line="70" />
        <source>Cvss</source>
        <translation>CVSS</translation>
    </message>
    <message>
        <location filename="../labels.py" line="71" />
        <source>Mitigations</source>
        <translation>Mesures</translation>
    </message>
    <message>
        <location filename="../labels.py" line="72" />
        <source>Transferred to</source>
        <translation>Transféré à</translation>
    </message>
    <message>
        <location filename="../labels.py" line="73" />
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <location filename="../labels.py" line="74" />
        <source>Manual</source>
        <translation>Manuel</translation>
    </message>
    <message>
        <location filename="../labels.py" line="75" />
        <source>Previous status</source>
        <translation>Statut précédent</translation>
    </message>
    <message>
        <location filename="../forms.py" line="225" />
        <source>“%1” is not a valid identifier: use letters, digits and . _ : @ - without spaces, starting with a letter or a digit</source>
        <translation>« %1 » n'est pas un identifiant valide : lettres, chiffres et . _ : @ - sans espace, en commençant par une lettre ou un chiffre</translation>
    </message>
    <message>
        <location filename="../forms.py" line="228" />
        <source>too long: at most %2 characters</source>
        <translation>trop long : %2 caractères au plus</translation>
    </message>
    <message>
        <location filename="../forms.py" line="231" />
        <source>may not be empty</source>
        <translation>ne peut pas être vide</translation>
    </message>
    <message>
        <location filename="../forms.py" line="233" />
        <source>“%1” is not a number</source>
        <translation>« %1 » n'est pas un nombre</translation>
    </message>
    <message>
        <location filename="../forms.py" line="235" />
        <source>must be at least %2</source>
        <translation>doit valoir au moins %2</translation>
    </message>
    <message>
        <location filename="../forms.py" line="237" />
        <source>must be at most %2</source>
        <translation>doit valoir au plus %2</translation>
    </message>
    <message>
        <location filename="../forms.py" line="239" />
        <source>“%1” is not a date: write it as 2026-12-31</source>
        <translation>« %1 » n'est pas une date : écrivez-la 2026-12-31</translation>
    </message>
    <message>
        <location filename="../forms.py" line="241" />
        <source>“%1” is not one of the allowed values</source>
        <translation>« %1 » ne fait pas partie des valeurs permises</translation>
    </message>
    <message>
        <location filename="../pickers.py" line="97" />
        <source>(nothing to choose)</source>
        <translation>(rien à choisir)</translation>
    </message>
    <message>
        <location filename="../pickers.py" line="142" />
        <source>(direct, no network)</source>
        <translation>(direct, sans réseau)</translation>
    </message>
</context>
<context>
    <name>Heatmap</name>
    <message>
        <location filename="../heatmap.py" line="22" />
        <source>No analysis yet</source>
        <translation>Pas encore d'analyse</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <location filename="../inspector.py" line="184" />
        <source>Element</source>
        <extracomment>Fields shown read-only (identity) or edited elsewhere (the canvas, the threats panel).</extracomment>
        <translation>Élément</translation>
    </message>
    <message>
        <location filename="../inspector.py" line="185" />
        <source>Flow</source>
        <translation>Flux</translation>
    </message>
    <message>
        <location filename="../inspector.py" line="186" />
        <source>Trust zone</source>
        <translation>Zone de confiance</translation>
    </message>
    <message>
        <location filename="../inspector.py" line="187" />
        <source>Threat</source>
        <translation>Menace</translation>
    </message>
    <message>
        <location filename="../inspector.py" line="188" />
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location filename="../inspector.py" line="195" />
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location filename="../inspector.py" line="215" />
        <source>(no zone)</source>
        <translation>(aucune zone)</translation>
    </message>
    <message>
        <location filename="../inspector.py" line="218" />
        <location filename="../inspector.py" line="255" />
        <source>(derived)</source>
        <translation>(calculé)</translation>
    </message>
    <message>
        <location filename="../inspector.py" line="246" />
        <source>(stencil default: %1)</source>
        <translation>(par défaut du gabarit : %1)</translation>
    </message>
    <message>
        <location filename="../inspector.py" line="253" />
        <source>Impact per category</source>
        <translation>Impact par catégorie</translation>
    </message>
    <message>
        <location filename="../inspector.py" line="273" />
        <location filename="../inspector.py" line="365" />
        <source>Edit %1</source>
        <translation>Modifier %1</translation>
    </message>
    <message>
        <location filename="../inspector.py" line="326" />
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../inspector.py" line="327" />
        <source>no</source>
        <translation>non</translation>
    </message>
</context>
<context>
    <name>Layer</name>
    <message>
        <location filename="../labels.py" line="110" />
        <source>thing</source>
        <translation>objet</translation>
    </message>
    <message>
        <location filename="../labels.py" line="111" />
        <source>gateway</source>
        <translation>passerelle</translation>
    </message>
    <message>
        <location filename="../labels.py" line="112" />
        <source>network</source>
        <translation>réseau</translation>
    </message>
    <message>
        <location filename="../labels.py" line="113" />
        <source>cloud</source>
        <translation>cloud</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="67" />
        <source>Untitled threat model</source>
        <extracomment>Quiet period after the last change before it goes to the recovery file.</extracomment>
        <translation>Modèle de menaces sans titre</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="103" />
        <source>Stencils</source>
        <translation>Gabarits</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="105" />
        <source>Inspector</source>
        <translation>Inspecteur</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="107" />
        <source>Risk heatmap</source>
        <translation>Carte des risques</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="109" />
        <source>Threats</source>
        <translation>Menaces</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="111" />
        <source>Attack paths</source>
        <translation>Chemins d'attaque</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="127" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="184" />
        <source>&amp;New</source>
        <translation>&amp;Nouveau</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="185" />
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="186" />
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="187" />
        <source>Save &amp;As…</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="188" />
        <source>Export &amp;Report…</source>
        <translation>Exporter le &amp;rapport…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="190" />
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="191" />
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="193" />
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="201" />
        <source>Cu&amp;t</source>
        <translation>Co&amp;uper</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="202" />
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="203" />
        <source>&amp;Paste</source>
        <translation>C&amp;oller</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="204" />
        <source>D&amp;uplicate</source>
        <translation>D&amp;upliquer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="205" />
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="206" />
        <source>Select &amp;All</source>
        <translation>&amp;Tout sélectionner</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="207" />
        <source>New Trust &amp;Zone Around Selection…</source>
        <translation>Nouvelle &amp;zone de confiance autour de la sélection…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="209" />
        <source>Dra&amp;w Trust Zone</source>
        <translation>&amp;Tracer une zone de confiance</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="211" />
        <source>Zoom &amp;In</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="213" />
        <source>Zoom &amp;Out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="215" />
        <source>Actual &amp;Size</source>
        <translation>Taille &amp;réelle</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="216" />
        <source>&amp;Fit to Window</source>
        <translation>&amp;Ajuster à la fenêtre</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="217" />
        <source>&amp;Presentation Mode</source>
        <translation>Mode &amp;présentation</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="219" />
        <source>&amp;Risk Overlay</source>
        <translation>Calque de &amp;risque</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="220" />
        <source>Auto-&amp;Layout by Layer</source>
        <translation>&amp;Disposition automatique par couche</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="222" />
        <source>Run &amp;Analysis</source>
        <translation>Lancer l'&amp;analyse</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="223" />
        <source>Align &amp;Left</source>
        <translation>Aligner à &amp;gauche</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="223" />
        <source>Align &amp;Right</source>
        <translation>Aligner à &amp;droite</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="224" />
        <source>Align &amp;Top</source>
        <translation>Aligner en &amp;haut</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="224" />
        <source>Align &amp;Bottom</source>
        <translation>Aligner en &amp;bas</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="225" />
        <source>Align &amp;Horizontal Centres</source>
        <translation>Centrer &amp;horizontalement</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="226" />
        <source>Align &amp;Vertical Centres</source>
        <translation>Centrer &amp;verticalement</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="227" />
        <source>Distribute &amp;Horizontally</source>
        <translation>Répartir &amp;horizontalement</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="228" />
        <source>&amp;Distribute Vertically</source>
        <translation>&amp;Répartir verticalement</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="243" />
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="246" />
        <source>Open &amp;Recent</source>
        <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="252" />
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="256" />
        <source>&amp;Arrange</source>
        <translation>&amp;Organiser</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="263" />
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="270" />
        <source>A&amp;nalysis</source>
        <translation>A&amp;nalyse</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="275" />
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="276" />
        <source>&amp;Keyboard Shortcuts…</source>
        <translation>&amp;Raccourcis clavier…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="280" />
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="303" />
        <source>Analysis failed: %1</source>
        <translation>Échec de l'analyse : %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="376" />
        <source>Untitled</source>
        <translation>Sans titre</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="431" />
        <source>Select an element on the canvas first (what the attacker must not reach).</source>
        <translation>Sélectionnez d'abord un élément sur le schéma (ce que l'attaquant ne doit pas atteindre).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="493" />
        <source>Analysis: %1 threats (%2 new suggestions)</source>
        <translation>Analyse : %1 menaces (%2 nouvelles suggestions)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="527" />
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="559" />
        <source>Paste</source>
        <translation>Coller</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="561" />
        <source>Cannot paste: %1</source>
        <translation>Collage impossible : %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="568" />
        <source>Select the elements to duplicate</source>
        <translation>Sélectionnez les éléments à dupliquer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="571" />
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="583" />
        <source>Select the elements to put in the zone</source>
        <translation>Sélectionnez les éléments à mettre dans la zone</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="586" />
        <location filename="../main_window.py" line="589" />
        <source>New trust zone</source>
        <translation>Nouvelle zone de confiance</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="586" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="609" />
        <source>Select three or more cards to distribute them</source>
        <translation>Sélectionnez au moins trois cartes pour les répartir</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="612" />
        <source>Align</source>
        <translation>Aligner</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="612" />
        <source>Distribute</source>
        <translation>Répartir</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="616" />
        <source>Auto-layout</source>
        <translation>Disposition automatique</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="625" />
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="626" />
        <source>The model has unsaved changes. Save them?</source>
        <translation>Le modèle a des modifications non enregistrées. Les enregistrer ?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="652" />
        <source>Open threat model</source>
        <translation>Ouvrir un modèle de menaces</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="653" />
        <source>Threat models (*.twm.json *.json)</source>
        <translation>Modèles de menaces (*.twm.json *.json)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="664" />
        <source>… and %1 more</source>
        <translation>… et %1 de plus</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="665" />
        <location filename="../main_window.py" line="670" />
        <source>Cannot open model</source>
        <translation>Impossible d'ouvrir le modèle</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="666" />
        <source>%1 could not be opened:</source>
        <translation>%1 n'a pas pu être ouvert :</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="692" />
        <source>Save threat model</source>
        <translation>Enregistrer le modèle de menaces</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="694" />
        <source>Threat models (*.twm.json)</source>
        <translation>Modèles de menaces (*.twm.json)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="739" />
        <source>Cannot save model</source>
        <translation>Impossible d'enregistrer le modèle</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="718" />
        <source>Saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="723" />
        <source>File changed on disk</source>
        <translation>Fichier modifié sur le disque</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="724" />
        <source>%1 was changed by another program or window since you opened it. Replace it with your version? (Its current content is kept as %1.bak.)</source>
        <translation>%1 a été modifié par un autre programme ou une autre fenêtre depuis son ouverture. Le remplacer par votre version ? (Son contenu actuel est conservé dans %1.bak.)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="740" />
        <source>The model was not saved; the file on disk is unchanged.</source>
        <translation>Le modèle n'a pas été enregistré ; le fichier sur le disque est inchangé.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="742" />
        <source>Your changes are kept in the recovery file %1.</source>
        <translation>Vos modifications sont conservées dans le fichier de récupération %1.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="744" />
        <source>The recovery file could not be written either: use Save As to another place.</source>
        <translation>Le fichier de récupération n'a pas pu être écrit non plus : utilisez « Enregistrer sous » vers un autre emplacement.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="764" />
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="773" />
        <source>Could not write the recovery file %1</source>
        <translation>Impossible d'écrire le fichier de récupération %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="789" />
        <source>an unsaved model</source>
        <translation>un modèle non enregistré</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="791" />
        <source>Recover unsaved work?</source>
        <translation>Récupérer le travail non enregistré ?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="792" />
        <source>Threat Workbench did not close normally. Recover the unsaved changes to %1?</source>
        <translation>Threat Workbench ne s'est pas fermé normalement. Récupérer les modifications non enregistrées de %1 ?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="802" />
        <source>Cannot recover</source>
        <translation>Récupération impossible</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <location filename="../palette.py" line="62" />
        <source>Search stencils…</source>
        <extracomment>"Draw trust zone" was pressed: the canvas's zone tool is armed</extracomment>
        <translation>Chercher un gabarit…</translation>
    </message>
    <message>
        <location filename="../palette.py" line="72" />
        <source>Draw trust zone</source>
        <translation>Tracer une zone</translation>
    </message>
    <message>
        <location filename="../palette.py" line="73" />
        <source>Then drag a rectangle on the canvas around the elements of the zone (shortcut: Z)</source>
        <translation>Puis tracez sur le schéma un rectangle autour des éléments de la zone (raccourci : Z)</translation>
    </message>
</context>
<context>
    <name>ReportExporter</name>
    <message>
        <location filename="../report_export.py" line="162" />
        <source>Building report…</source>
        <translation>Rapport en cours…</translation>
    </message>
    <message>
        <location filename="../report_export.py" line="167" />
        <source>Report written: %1</source>
        <translation>Rapport écrit : %1</translation>
    </message>
    <message>
        <location filename="../report_export.py" line="172" />
        <source>Cannot export report</source>
        <translation>Impossible d'exporter le rapport</translation>
    </message>
</context>
<context>
    <name>ReportOptionsDialog</name>
    <message>
        <location filename="../report_export.py" line="38" />
        <source>Export Report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <location filename="../report_export.py" line="40" />
        <source>Board (at most 6 pages)</source>
        <translation>Direction (6 pages au plus)</translation>
    </message>
    <message>
        <location filename="../report_export.py" line="41" />
        <source>Technical (full register)</source>
        <translation>Technique (registre complet)</translation>
    </message>
    <message>
        <location filename="../report_export.py" line="47" />
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../report_export.py" line="53" />
        <source>Audience</source>
        <translation>Public</translation>
    </message>
    <message>
        <location filename="../report_export.py" line="54" />
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../report_export.py" line="55" />
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../report_export.py" line="57" />
        <source>Show the changes since %1</source>
        <translation>Montrer les évolutions depuis %1</translation>
    </message>
    <message>
        <location filename="../report_export.py" line="69" />
        <source>Export report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <location filename="../report_export.py" line="70" />
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>RiskLevel</name>
    <message>
        <location filename="../labels.py" line="98" />
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../labels.py" line="99" />
        <source>Low</source>
        <translation>Faible</translation>
    </message>
    <message>
        <location filename="../labels.py" line="100" />
        <source>Moderate</source>
        <translation>Modéré</translation>
    </message>
    <message>
        <location filename="../labels.py" line="101" />
        <source>High</source>
        <translation>Élevé</translation>
    </message>
    <message>
        <location filename="../labels.py" line="102" />
        <source>Critical</source>
        <translation>Critique</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../shortcuts.py" line="54" />
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="63" />
        <source>Canvas</source>
        <translation>Schéma</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="65" />
        <source>Connect two elements</source>
        <translation>Relier deux éléments</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="66" />
        <source>Drag from an element's round handle onto another</source>
        <translation>Glisser depuis la poignée ronde d'un élément jusqu'à un autre</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="67" />
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="67" />
        <source>Ctrl+wheel</source>
        <translation>Ctrl+molette</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="68" />
        <source>Pan</source>
        <translation>Se déplacer</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="69" />
        <source>Middle button drag, or Space+drag</source>
        <translation>Glisser avec le bouton du milieu, ou Espace+glisser</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="70" />
        <source>Select several</source>
        <translation>Sélectionner plusieurs</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="71" />
        <source>Drag a rectangle on empty canvas; Ctrl+click</source>
        <translation>Tracer un rectangle sur le fond du schéma ; Ctrl+clic</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="72" />
        <source>Cancel the zone tool</source>
        <translation>Annuler l'outil zone</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="73" />
        <source>Esc</source>
        <translation>Échap</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="74" />
        <source>Move a trust zone with its elements</source>
        <translation>Déplacer une zone avec ses éléments</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="75" />
        <source>Drag its title</source>
        <translation>Faire glisser son titre</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="76" />
        <source>Resize a trust zone</source>
        <translation>Redimensionner une zone</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="77" />
        <source>Drag its edge or corner</source>
        <translation>Faire glisser un bord ou un coin</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="78" />
        <source>Element menu (targets, entry points, data)</source>
        <translation>Menu de l'élément (cibles, points d'entrée, données)</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="79" />
        <source>Right click</source>
        <translation>Clic droit</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="88" />
        <source>Keyboard Shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="91" />
        <source>Search…</source>
        <translation>Rechercher…</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="95" />
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="96" />
        <source>Command</source>
        <translation>Commande</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="97" />
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../labels.py" line="83" />
        <source>suggested</source>
        <translation>suggérée</translation>
    </message>
    <message>
        <location filename="../labels.py" line="84" />
        <source>accepted</source>
        <translation>acceptée</translation>
    </message>
    <message>
        <location filename="../labels.py" line="85" />
        <source>rejected</source>
        <translation>rejetée</translation>
    </message>
    <message>
        <location filename="../labels.py" line="86" />
        <source>mitigated</source>
        <translation>traitée</translation>
    </message>
    <message>
        <location filename="../labels.py" line="87" />
        <source>transferred</source>
        <translation>transférée</translation>
    </message>
    <message>
        <location filename="../labels.py" line="88" />
        <source>risk accepted</source>
        <translation>risque accepté</translation>
    </message>
    <message>
        <location filename="../labels.py" line="89" />
        <source>orphaned</source>
        <translation>orpheline</translation>
    </message>
</context>
<context>
    <name>Tags</name>
    <message>
        <location filename="../why_text.py" line="451" />
        <source>analytics</source>
        <translation>analyse de données</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="452" />
        <source>backup</source>
        <translation>sauvegarde</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="453" />
        <source>clinical</source>
        <translation>clinique</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="454" />
        <source>consumer</source>
        <translation>grand public</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="455" />
        <source>fleet manager</source>
        <translation>gestion de parc</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="456" />
        <source>hub</source>
        <translation>concentrateur</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="457" />
        <source>identity</source>
        <translation>identité</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="458" />
        <source>implant</source>
        <translation>implant</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="459" />
        <source>legacy prone</source>
        <translation>souvent obsolète</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="460" />
        <source>medical device</source>
        <translation>dispositif médical</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="461" />
        <source>mobile</source>
        <translation>mobile</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="462" />
        <source>monitoring</source>
        <translation>surveillance</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="463" />
        <source>notification</source>
        <translation>notification</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="464" />
        <source>partner</source>
        <translation>partenaire</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="465" />
        <source>personal device</source>
        <translation>appareil personnel</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="466" />
        <source>radio</source>
        <translation>radio</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="467" />
        <source>safety critical</source>
        <translation>critique pour la sécurité</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="468" />
        <source>one person's</source>
        <translation>d'une seule personne</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="469" />
        <source>software only</source>
        <translation>logiciel seul</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="470" />
        <source>store</source>
        <translation>stockage de données</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="471" />
        <source>therapy</source>
        <translation>thérapie</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="472" />
        <source>unclassified</source>
        <translation>non classé</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="473" />
        <source>update</source>
        <translation>mise à jour</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="474" />
        <source>wearable</source>
        <translation>objet porté</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="475" />
        <source>web facing</source>
        <translation>exposé au web</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="476" />
        <source>wireless</source>
        <translation>sans fil</translation>
    </message>
</context>
<context>
    <name>ThreatsPanel</name>
    <message>
        <location filename="../threats_panel.py" line="60" />
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="61" />
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="62" />
        <source>Threat</source>
        <translation>Menace</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="63" />
        <source>Element</source>
        <translation>Élément</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="64" />
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="65" />
        <source>L</source>
        <translation>V</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="66" />
        <source>S</source>
        <translation>G</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="67" />
        <source>Risk</source>
        <translation>Risque</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="68" />
        <location filename="../threats_panel.py" line="553" />
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="69" />
        <source>Controls</source>
        <translation>Mesures</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="172" />
        <source>context</source>
        <translation>contexte</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="183" />
        <source>on %1 elements</source>
        <translation>sur %1 éléments</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="205" />
        <source>Context: the element is not owned or operated by the organisation. An assumption or a dependency, not a risk to treat: not ranked (the attack paths still go through it).</source>
        <translation>Contexte : l'élément n'est ni possédé ni exploité par l'organisation. Une hypothèse ou une dépendance, pas un risque à traiter : non classé (les chemins d'attaque passent encore par lui).</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="210" />
        <source>Ruled out by the analyst: not ranked.</source>
        <translation>Écartée par l'analyste : non classée.</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="214" />
        <source>Rank %1 of %2, as in the board report.</source>
        <translation>Rang %1 sur %2, comme dans le rapport de direction.</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="216" />
        <source>Residual risk: %1 (%2 × %3)</source>
        <translation>Risque résiduel : %1 (%2 × %3)</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="222" />
        <source>Another copy of this threat is its worst: the board shows that one; this copy shares its rank.</source>
        <translation>Une autre occurrence de cette menace est la plus grave : c'est elle que montre le rapport de direction ; celle-ci partage son rang.</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="227" />
        <source>Patient-safety impact: %1</source>
        <translation>Impact sur la sécurité des patients : %1</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="230" />
        <source>A finding: the model declares the weakness</source>
        <translation>Constat : le modèle déclare la faiblesse</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="233" />
        <source>Harm: on the device that treats the patient</source>
        <translation>Dommage : sur l'appareil qui traite le patient</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="235" />
        <source>Harm: on a safety function or the commands to one</source>
        <translation>Dommage : sur une fonction de sécurité ou les commandes qu'elle reçoit</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="237" />
        <source>Harm: through data</source>
        <translation>Dommage : par les données</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="241" />
        <source>One attack can harm many patients</source>
        <translation>Une seule attaque peut nuire à de nombreux patients</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="246" />
        <source>Reachable by a declared attacker: %1</source>
        <translation>Atteignable par un attaquant déclaré : %1</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="249" />
        <source>Order: residual risk, patient safety, finding, directness of harm, fleet-wide harm, reach, inherent risk.</source>
        <translation>Ordre : risque résiduel, sécurité des patients, constat, proximité du dommage, dommage à toute une flotte, accessibilité, risque inhérent.</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="319" />
        <source>Whole model</source>
        <translation>Tout le modèle</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="320" />
        <source>Selection</source>
        <translation>Sélection</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="322" />
        <source>Any status</source>
        <translation>Tout statut</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="327" />
        <source>Filter threats…</source>
        <translation>Filtrer les menaces…</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="334" />
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="335" />
        <source>Reject…</source>
        <translation>Rejeter…</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="336" />
        <source>Owner…</source>
        <translation>Responsable…</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="338" />
        <location filename="../threats_panel.py" line="595" />
        <source>Attach control</source>
        <translation>Associer une mesure</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="342" />
        <source>One row per threat</source>
        <translation>Une ligne par menace</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="344" />
        <source>Show each catalog threat once, on all its elements, ranked as in the board report; context threats (elements not owned or operated) follow, greyed</source>
        <translation>Chaque menace du catalogue une seule fois, sur tous ses éléments, classée comme dans le rapport de direction ; les menaces de contexte (éléments ni possédés ni exploités) suivent, en gris</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="448" />
        <source>L=%1 S=%2 ✕</source>
        <translation>V=%1 G=%2 ✕</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="463" />
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="495" />
        <source>Select a threat to see why it applies and what can be done about it.</source>
        <translation>Choisissez une menace pour voir pourquoi elle s'applique et ce que l'on peut faire.</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="534" />
        <source>Decide threat</source>
        <translation>Décider de la menace</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="541" />
        <source>Reject threat</source>
        <translation>Rejeter la menace</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="542" />
        <source>Why does this threat not apply?</source>
        <translation>Pourquoi cette menace ne s'applique-t-elle pas ?</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="554" />
        <source>Who owns this threat?</source>
        <translation>Qui est responsable de cette menace ?</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="562" />
        <source>Set owner</source>
        <translation>Désigner le responsable</translation>
    </message>
    <message>
        <location filename="../threats_panel.py" line="581" />
        <source>No catalog control for this threat</source>
        <translation>Aucune mesure du catalogue pour cette menace</translation>
    </message>
</context>
<context>
    <name>Values</name>
    <message>
        <location filename="../labels.py" line="121" />
        <source>thing</source>
        <translation>objet</translation>
    </message>
    <message>
        <location filename="../labels.py" line="122" />
        <source>gateway</source>
        <translation>passerelle</translation>
    </message>
    <message>
        <location filename="../labels.py" line="123" />
        <source>network</source>
        <translation>réseau</translation>
    </message>
    <message>
        <location filename="../labels.py" line="124" />
        <source>cloud</source>
        <translation>cloud</translation>
    </message>
    <message>
        <location filename="../labels.py" line="125" />
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../labels.py" line="126" />
        <source>shared secret</source>
        <translation>secret partagé</translation>
    </message>
    <message>
        <location filename="../labels.py" line="127" />
        <source>password</source>
        <translation>mot de passe</translation>
    </message>
    <message>
        <location filename="../labels.py" line="128" />
        <source>certificate</source>
        <translation>certificat</translation>
    </message>
    <message>
        <location filename="../labels.py" line="129" />
        <source>mfa</source>
        <translation>MFA</translation>
    </message>
    <message>
        <location filename="../labels.py" line="130" />
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <location filename="../labels.py" line="131" />
        <source>weak</source>
        <translation>faible</translation>
    </message>
    <message>
        <location filename="../labels.py" line="132" />
        <source>strong</source>
        <translation>forte</translation>
    </message>
    <message>
        <location filename="../labels.py" line="133" />
        <source>organisation (risks treated)</source>
        <translation>organisation (risques traités)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="134" />
        <source>context (assumption, not ranked)</source>
        <translation>contexte (hypothèse, non classé)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="135" />
        <source>locked</source>
        <translation>verrouillé</translation>
    </message>
    <message>
        <location filename="../labels.py" line="136" />
        <source>open</source>
        <translation>ouvert</translation>
    </message>
    <message>
        <location filename="../labels.py" line="137" />
        <source>current</source>
        <translation>à jour</translation>
    </message>
    <message>
        <location filename="../labels.py" line="138" />
        <source>lagging</source>
        <translation>en retard</translation>
    </message>
    <message>
        <location filename="../labels.py" line="139" />
        <source>unsupported</source>
        <translation>plus maintenu</translation>
    </message>
    <message>
        <location filename="../labels.py" line="140" />
        <source>health data</source>
        <translation>données de santé</translation>
    </message>
    <message>
        <location filename="../labels.py" line="141" />
        <source>telemetry</source>
        <translation>télémétrie</translation>
    </message>
    <message>
        <location filename="../labels.py" line="142" />
        <source>therapy settings</source>
        <translation>réglages thérapeutiques</translation>
    </message>
    <message>
        <location filename="../labels.py" line="143" />
        <source>credentials</source>
        <translation>identifiants</translation>
    </message>
    <message>
        <location filename="../labels.py" line="144" />
        <source>identity</source>
        <translation>identité</translation>
    </message>
    <message>
        <location filename="../labels.py" line="145" />
        <source>firmware</source>
        <translation>micrologiciel</translation>
    </message>
    <message>
        <location filename="../labels.py" line="146" />
        <source>logs</source>
        <translation>journaux</translation>
    </message>
    <message>
        <location filename="../labels.py" line="147" />
        <source>financial</source>
        <translation>financier</translation>
    </message>
    <message>
        <location filename="../labels.py" line="148" />
        <source>imaging</source>
        <translation>imagerie</translation>
    </message>
    <message>
        <location filename="../labels.py" line="149" />
        <source>other</source>
        <translation>autre</translation>
    </message>
    <message>
        <location filename="../labels.py" line="150" />
        <source>patient home</source>
        <translation>domicile du patient</translation>
    </message>
    <message>
        <location filename="../labels.py" line="151" />
        <source>patient body</source>
        <translation>corps du patient</translation>
    </message>
    <message>
        <location filename="../labels.py" line="152" />
        <source>mobile</source>
        <translation>mobile</translation>
    </message>
    <message>
        <location filename="../labels.py" line="153" />
        <source>hospital</source>
        <translation>hôpital</translation>
    </message>
    <message>
        <location filename="../labels.py" line="154" />
        <source>hospital biomedical</source>
        <translation>biomédical hospitalier</translation>
    </message>
    <message>
        <location filename="../labels.py" line="155" />
        <source>clinic</source>
        <translation>cabinet / clinique</translation>
    </message>
    <message>
        <location filename="../labels.py" line="156" />
        <source>vendor cloud</source>
        <translation>cloud du fabricant</translation>
    </message>
    <message>
        <location filename="../labels.py" line="157" />
        <source>health data host</source>
        <translation>hébergeur de données de santé</translation>
    </message>
    <message>
        <location filename="../labels.py" line="158" />
        <source>partner</source>
        <translation>partenaire</translation>
    </message>
    <message>
        <location filename="../labels.py" line="159" />
        <source>public internet</source>
        <translation>Internet public</translation>
    </message>
    <message>
        <location filename="../labels.py" line="160" />
        <source>carrier</source>
        <translation>opérateur</translation>
    </message>
    <message>
        <location filename="../labels.py" line="161" />
        <source>planned</source>
        <translation>prévue</translation>
    </message>
    <message>
        <location filename="../labels.py" line="162" />
        <source>implemented</source>
        <translation>en place</translation>
    </message>
    <message>
        <location filename="../labels.py" line="163" />
        <source>verified</source>
        <translation>vérifiée</translation>
    </message>
</context>
<context>
    <name>Why</name>
    <message>
        <location filename="../why_text.py" line="41" />
        <source>source</source>
        <translation>origine</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="42" />
        <source>destination</source>
        <translation>destination</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="49" />
        <source>Id</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="50" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="51" />
        <source>Element type</source>
        <translation>Type d'élément</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="52" />
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="53" />
        <source>Category of element</source>
        <translation>Catégorie d'élément</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="54" />
        <source>Kind of element</source>
        <translation>Nature de l'élément</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="55" />
        <source>Trust zone</source>
        <translation>Zone de confiance</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="56" />
        <source>Kind of trust zone</source>
        <translation>Type de zone de confiance</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="57" />
        <source>Trust level of its zone</source>
        <translation>Niveau de confiance de sa zone</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="58" />
        <source>Has a wireless interface</source>
        <translation>A une interface sans fil</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="59" />
        <source>Data it holds or carries</source>
        <translation>Données qu'il détient ou transporte</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="60" />
        <source>Holds or carries personal data</source>
        <translation>Détient ou transporte des données personnelles</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="61" />
        <source>Holds or carries health data (GDPR art. 9)</source>
        <translation>Détient ou transporte des données de santé (RGPD art. 9)</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="64" />
        <source>Highest confidentiality of its data</source>
        <translation>Confidentialité maximale de ses données</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="67" />
        <source>Highest integrity need of its data</source>
        <translation>Besoin d'intégrité maximal de ses données</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="70" />
        <source>Highest availability need of its data</source>
        <translation>Besoin de disponibilité maximal de ses données</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="73" />
        <source>Incoming flows</source>
        <translation>Flux entrants</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="74" />
        <source>Outgoing flows</source>
        <translation>Flux sortants</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="75" />
        <source>Unencrypted flows</source>
        <translation>Flux non chiffrés</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="76" />
        <source>Unauthenticated flows</source>
        <translation>Flux non authentifiés</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="77" />
        <source>Weakly authenticated flows</source>
        <translation>Flux faiblement authentifiés</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="80" />
        <source>Unsigned software received</source>
        <translation>Logiciel non signé reçu</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="83" />
        <source>Unauthenticated incoming flows</source>
        <translation>Flux entrants non authentifiés</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="86" />
        <source>Flows carried</source>
        <translation>Flux transportés</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="87" />
        <source>Unencrypted flows carried</source>
        <translation>Flux non chiffrés transportés</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="88" />
        <source>Unauthenticated flows carried</source>
        <translation>Flux non authentifiés transportés</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="91" />
        <source>On a flat network</source>
        <translation>Sur un réseau à plat</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="92" />
        <source>Protocol</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="93" />
        <source>Encrypted</source>
        <translation>Chiffré</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="94" />
        <source>Authenticated</source>
        <translation>Authentifié</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="95" />
        <source>Authentication</source>
        <translation>Authentification</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="96" />
        <source>Signed software</source>
        <translation>Logiciel signé</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="97" />
        <source>Carries software</source>
        <translation>Transporte du logiciel</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="98" />
        <source>Bidirectional</source>
        <translation>Bidirectionnel</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="99" />
        <source>Wireless link</source>
        <translation>Liaison sans fil</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="100" />
        <source>Crosses a trust boundary</source>
        <translation>Franchit une frontière de confiance</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="101" />
        <source>Drop in trust level</source>
        <translation>Baisse du niveau de confiance</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="102" />
        <source>Networks it goes through</source>
        <translation>Réseaux traversés</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="103" />
        <source>Number of networks it goes through</source>
        <translation>Nombre de réseaux traversés</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="104" />
        <source>Goes through a flat network</source>
        <translation>Traverse un réseau à plat</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="113" />
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="115" />
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="118" />
        <source>not set</source>
        <translation>non renseigné</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="142" />
        <location filename="../why_text.py" line="147" />
        <location filename="../why_text.py" line="193" />
        <source>%1 is %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="143" />
        <location filename="../why_text.py" line="146" />
        <source>%1 is not %2</source>
        <translation>%1 : pas %2</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="150" />
        <location filename="../why_text.py" line="155" />
        <source>%1 is one of: %2</source>
        <translation>%1 : l'un de %2</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="151" />
        <location filename="../why_text.py" line="154" />
        <source>%1 is none of: %2</source>
        <translation>%1 : aucun de %2</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="158" />
        <source>%1 includes %2</source>
        <translation>%1 : comprend %2</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="159" />
        <source>%1 does not include %2</source>
        <translation>%1 : ne comprend pas %2</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="162" />
        <source>%1 includes one of: %2</source>
        <translation>%1 : comprend l'un de %2</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="163" />
        <source>%1 includes none of: %2</source>
        <translation>%1 : ne comprend aucun de %2</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="166" />
        <location filename="../why_text.py" line="179" />
        <source>%1 is above %2</source>
        <translation>%1 : supérieur à %2</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="167" />
        <source>%1 is not above %2</source>
        <translation>%1 : au plus %2</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="170" />
        <source>%1 is at least %2</source>
        <translation>%1 : au moins %2</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="171" />
        <location filename="../why_text.py" line="174" />
        <source>%1 is below %2</source>
        <translation>%1 : inférieur à %2</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="175" />
        <source>%1 is not below %2</source>
        <translation>%1 : au moins %2</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="178" />
        <source>%1 is at most %2</source>
        <translation>%1 : au plus %2</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="185" />
        <source>%1 is set</source>
        <translation>%1 : renseigné</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="187" />
        <source>%1 is not set</source>
        <translation>%1 : non renseigné</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="203" />
        <source>(here: %1)</source>
        <translation>(ici : %1)</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="216" />
        <source>Added by an analyst, not by a catalog rule.</source>
        <translation>Ajoutée par un analyste, pas par une règle du catalogue.</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="221" />
        <source>The element is no longer in the model.</source>
        <translation>L'élément n'est plus dans le modèle.</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="227" />
        <source>The catalog rule no longer holds on this element; the threat stays because an analyst decided on it.</source>
        <translation>La règle du catalogue ne s'applique plus à cet élément ; la menace reste parce qu'un analyste a statué dessus.</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="238" />
        <source>Rule for elements of layer %1 (this one: %2)</source>
        <translation>Règle pour les éléments de la couche %1 (celui-ci : %2)</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="248" />
        <source>Rule for these element types: %1 (this one: %2)</source>
        <translation>Règle pour ces types d'élément : %1 (celui-ci : %2)</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="257" />
        <source>The catalog rule applies to every element of this kind.</source>
        <translation>La règle du catalogue s'applique à tout élément de ce genre.</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="286" />
        <source>Likelihood %1</source>
        <translation>Vraisemblance %1</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="291" />
        <source>(%1 once attempted)</source>
        <translation>(%1 une fois tentée)</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="301" />
        <source>Most exposed to: %1 (can attempt it: %2)</source>
        <translation>Plus exposée à : %1 (peut la tenter : %2)</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="318" />
        <source>Impact: %1</source>
        <translation>Impact : %1</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="328" />
        <source>Likelihood steps: %1</source>
        <translation>Vraisemblance pas à pas : %1</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="380" />
        <source>attached (%1)</source>
        <translation>associée (%1)</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="390" />
        <source>No catalog control for this threat: record your own measure, or reject the threat with a reason.</source>
        <translation>Aucune mesure du catalogue pour cette menace : décrivez votre propre mesure, ou rejetez la menace en donnant la raison.</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="414" />
        <source>on %1</source>
        <translation>sur %1</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="428" />
        <source>Why it applies</source>
        <translation>Pourquoi elle s'applique</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="430" />
        <source>How likely, how bad</source>
        <translation>Vraisemblance et gravité</translation>
    </message>
    <message>
        <location filename="../why_text.py" line="433" />
        <source>What can be done</source>
        <translation>Que peut-on faire</translation>
    </message>
</context>
</TS>