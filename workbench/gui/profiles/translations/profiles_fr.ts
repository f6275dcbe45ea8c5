<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>AssetsTab</name>
    <message>
        <location filename="../assets_tab.py" line="55" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="55" />
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="55" />
        <source>Personal</source>
        <translation>Personnelle</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="56" />
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="56" />
        <source>I</source>
        <translation>I</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="56" />
        <source>A</source>
        <translation>D</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="56" />
        <location filename="../assets_tab.py" line="122" />
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="55" />
        <source>Art. 9</source>
        <translation>Art. 9</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="56" />
        <source>Used</source>
        <translation>Usage</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="57" />
        <source>Confidentiality need, 0-10</source>
        <translation>Besoin de confidentialité, 0-10</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="58" />
        <source>Integrity need, 0-10</source>
        <translation>Besoin d'intégrité, 0-10</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="59" />
        <source>Availability need, 0-10</source>
        <translation>Besoin de disponibilité, 0-10</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="60" />
        <source>Special category of personal data (GDPR art. 9): health, genetic, biometric</source>
        <translation>Catégorie particulière de données personnelles (RGPD art. 9) : santé, génétique, biométrie</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="62" />
        <source>Elements holding it and flows carrying it</source>
        <translation>Éléments qui la détiennent et flux qui la transportent</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="77" />
        <source>New data asset's name</source>
        <translation>Nom de la nouvelle donnée</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="79" />
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="81" />
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="83" />
        <source>Assign to selection</source>
        <translation>Affecter à la sélection</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="84" />
        <source>Components selected on the canvas hold this data; selected flows carry it</source>
        <translation>Les composants sélectionnés sur le schéma détiennent cette donnée ; les flux sélectionnés la transportent</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="87" />
        <source>Unassign from selection</source>
        <translation>Retirer de la sélection</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="96" />
        <source>Show on canvas</source>
        <translation>Montrer sur le schéma</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="97" />
        <source>Select the elements and flows holding or carrying this data on the canvas</source>
        <translation>Sélectionner sur le schéma les éléments et flux qui détiennent ou transportent cette donnée</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="109" />
        <location filename="../assets_tab.py" line="253" />
        <source>Selected data asset</source>
        <translation>Donnée sélectionnée</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="118" />
        <source>Impact per category if this data is compromised</source>
        <translation>Impact par catégorie si cette donnée est compromise</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="254" />
        <source>Choose a data asset in the table.</source>
        <translation>Choisissez une donnée dans le tableau.</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="257" />
        <source>Selected data asset: %1</source>
        <translation>Donnée sélectionnée : %1</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="262" />
        <source>Held by: %1</source>
        <translation>Détenue par : %1</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="265" />
        <source>Carried by: %1</source>
        <translation>Transportée par : %1</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="268" />
        <source>Not on any element yet: select elements or flows on the canvas and assign it.</source>
        <translation>Sur aucun élément pour l'instant : sélectionnez des éléments ou des flux sur le schéma et affectez-la.</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="282" />
        <source>(not rated)</source>
        <translation>(non évalué)</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="320" />
        <source>Edit data asset</source>
        <translation>Modifier la donnée</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="332" />
        <source>Data asset impact</source>
        <translation>Impact de la donnée</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="337" />
        <source>Type the new data asset's name first</source>
        <translation>Saisissez d'abord le nom de la nouvelle donnée</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="340" />
        <source>Add data asset</source>
        <translation>Ajouter une donnée</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="354" />
        <location filename="../assets_tab.py" line="361" />
        <location filename="../assets_tab.py" line="368" />
        <source>Remove data asset</source>
        <translation>Retirer la donnée</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="362" />
        <source>Remove it from those elements too?</source>
        <translation>La retirer aussi de ces éléments ?</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="378" />
        <source>Assign data asset</source>
        <translation>Affecter la donnée</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="381" />
        <source>Unassign data asset</source>
        <translation>Retirer la donnée</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="387" />
        <source>Choose a data asset in the table first</source>
        <translation>Choisissez d'abord une donnée dans le tableau</translation>
    </message>
    <message>
        <location filename="../assets_tab.py" line="389" />
        <source>Select components or flows on the canvas first</source>
        <translation>Sélectionnez d'abord des composants ou des flux sur le schéma</translation>
    </message>
</context>
<context>
    <name>AttackersTab</name>
    <message>
        <location filename="../attackers_tab.py" line="73" />
        <location filename="../attackers_tab.py" line="284" />
        <source>Customise defaults</source>
        <translation>Personnaliser les profils prédéfinis</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="85" />
        <source>only while the model has no enabled attacker of its own</source>
        <translation>seulement si le modèle n'a aucun attaquant actif à lui</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="87" />
        <source>always, the model's profiles replacing those of the same id (merge)</source>
        <translation>toujours, les profils du modèle remplaçant ceux de même identifiant (fusion)</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="94" />
        <source>Built-in profiles analysed</source>
        <translation>Profils prédéfinis analysés</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="98" />
        <source>Attacker</source>
        <translation>Attaquant</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="98" />
        <location filename="../attackers_tab.py" line="208" />
        <source>Capability</source>
        <translation>Capacité</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="99" />
        <location filename="../attackers_tab.py" line="210" />
        <source>Entry points</source>
        <translation>Points d'entrée</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="109" />
        <source>New attacker's name</source>
        <translation>Nom du nouvel attaquant</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="111" />
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="112" />
        <source>A new attacker; the elements selected on the canvas become its entry points</source>
        <translation>Un nouvel attaquant ; les éléments sélectionnés sur le schéma deviennent ses points d'entrée</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="115" />
        <location filename="../attackers_tab.py" line="179" />
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="146" />
        <location filename="../attackers_tab.py" line="307" />
        <location filename="../attackers_tab.py" line="316" />
        <source>Selected attacker</source>
        <translation>Attaquant sélectionné</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="159" />
        <source>How skilled and resourced the attacker is: scales the probability of every step it takes</source>
        <translation>Compétences et moyens de l'attaquant : pondère la probabilité de chacune de ses étapes</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="175" />
        <source>Use selected elements</source>
        <translation>Utiliser la sélection</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="176" />
        <source>Use the elements selected on the canvas as entry points of this attacker</source>
        <translation>Faire des éléments sélectionnés sur le schéma des points d'entrée de cet attaquant</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="192" />
        <source>Clear rule</source>
        <translation>Effacer la règle</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="193" />
        <source>Start only at the entry points listed above</source>
        <translation>Partir seulement des points d'entrée listés ci-dessus</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="201" />
        <source>Show on canvas</source>
        <translation>Montrer sur le schéma</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="202" />
        <source>Select where this attacker starts on the canvas</source>
        <translation>Sélectionner sur le schéma les points de départ de cet attaquant</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="207" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="209" />
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="211" />
        <source>Entry rule</source>
        <translation>Règle d'entrée</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="212" />
        <source>Starts at</source>
        <translation>Part de</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="243" />
        <source>(built-in)</source>
        <translation>(prédéfini)</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="245" />
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="253" />
        <source>No entry point in this model: no path from this attacker</source>
        <translation>Aucun point d'entrée dans ce modèle : aucun chemin depuis cet attaquant</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="268" />
        <source>Merge: the analysis runs the built-in profiles too (grey); a profile of the model with a built-in id replaces it.</source>
        <translation>Fusion : l'analyse utilise aussi les profils prédéfinis (en gris) ; un profil du modèle de même identifiant le remplace.</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="271" />
        <source>Every attacker of the model is disabled, so the analysis runs the six built-in profiles (grey). Enable one, or customise the defaults.</source>
        <translation>Tous les attaquants du modèle sont désactivés : l'analyse utilise les six profils prédéfinis (en gris). Activez-en un, ou personnalisez les profils prédéfinis.</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="275" />
        <source>This model has no attacker of its own: the analysis runs the six built-in profiles (grey). Customise them to tune capability and entry points, or add your own.</source>
        <translation>Ce modèle n'a pas d'attaquant à lui : l'analyse utilise les six profils prédéfinis (en gris). Personnalisez-les pour régler capacité et points d'entrée, ou ajoutez les vôtres.</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="279" />
        <source>The analysis runs the ticked attackers of this model only; the built-in profiles are not used.</source>
        <translation>L'analyse utilise seulement les attaquants cochés de ce modèle ; les profils prédéfinis ne servent pas.</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="286" />
        <source>Copy the built-in profiles into this model, to tune their capability and entry points. The analysis does not change until you edit them.</source>
        <translation>Copier les profils prédéfinis dans ce modèle pour régler leur capacité et leurs points d'entrée. L'analyse ne change pas tant que vous ne les modifiez pas.</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="289" />
        <source>Add built-in profiles</source>
        <translation>Ajouter les profils prédéfinis</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="291" />
        <source>Copy the missing built-in profiles into this model, disabled: tick those the analysis should run.</source>
        <translation>Copier dans ce modèle, désactivés, les profils prédéfinis manquants : cochez ceux que l'analyse doit utiliser.</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="318" />
        <source>built-in: editing it copies the defaults into the model</source>
        <translation>prédéfini : le modifier copie les profils prédéfinis dans le modèle</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="346" />
        <source>and %1 more</source>
        <translation>et %1 de plus</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="347" />
        <source>%1 element(s): %2</source>
        <translation>%1 élément(s) : %2</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="351" />
        <source>No element of this model: this attacker has no path. Select elements on the canvas and use them as entry points.</source>
        <translation>Aucun élément de ce modèle : cet attaquant n'a aucun chemin. Sélectionnez des éléments sur le schéma et faites-en des points d'entrée.</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="384" />
        <source>New attacker</source>
        <translation>Nouvel attaquant</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="385" />
        <source>Add attacker</source>
        <translation>Ajouter un attaquant</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="396" />
        <source>Remove attacker</source>
        <translation>Retirer l'attaquant</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="399" />
        <source>Customise default attackers</source>
        <translation>Personnaliser les attaquants prédéfinis</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="403" />
        <source>Built-in attackers</source>
        <translation>Attaquants prédéfinis</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="410" />
        <source>Enable attacker</source>
        <translation>Activer l'attaquant</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="410" />
        <source>Disable attacker</source>
        <translation>Désactiver l'attaquant</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="422" />
        <source>Rename attacker</source>
        <translation>Renommer l'attaquant</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="438" />
        <source>Attacker capability</source>
        <translation>Capacité de l'attaquant</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="445" />
        <source>Attacker description</source>
        <translation>Description de l'attaquant</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="451" />
        <source>Select the elements where this attacker starts on the canvas first</source>
        <translation>Sélectionnez d'abord sur le schéma les éléments d'où part cet attaquant</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="454" />
        <source>Add entry points</source>
        <translation>Ajouter des points d'entrée</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="459" />
        <source>Choose the entry point to remove in the list</source>
        <translation>Choisissez dans la liste le point d'entrée à retirer</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="461" />
        <source>Remove entry point</source>
        <translation>Retirer le point d'entrée</translation>
    </message>
    <message>
        <location filename="../attackers_tab.py" line="477" />
        <source>Clear entry rule</source>
        <translation>Effacer la règle d'entrée</translation>
    </message>
</context>
<context>
    <name>EntryRule</name>
    <message>
        <location filename="../rule_text.py" line="22" />
        <source>id</source>
        <translation>identifiant</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="23" />
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="24" />
        <source>element type</source>
        <translation>type d'élément</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="25" />
        <source>layer</source>
        <translation>couche</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="26" />
        <source>category</source>
        <translation>catégorie</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="27" />
        <source>type tags</source>
        <translation>étiquettes du type</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="28" />
        <source>trust zone</source>
        <translation>zone de confiance</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="29" />
        <source>trust zone kind</source>
        <translation>type de zone de confiance</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="30" />
        <source>trust level</source>
        <translation>niveau de confiance</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="31" />
        <source>has a wireless interface</source>
        <translation>a une interface sans fil</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="32" />
        <source>kinds of data held</source>
        <translation>types de données détenues</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="33" />
        <source>holds personal data</source>
        <translation>détient des données personnelles</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="34" />
        <source>holds special-category data</source>
        <translation>détient des données sensibles</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="49" />
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="50" />
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="61" />
        <source>not: %1</source>
        <translation>non : %1</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="64" />
        <source>%1 is set</source>
        <translation>%1 renseigné</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="65" />
        <source>%1 is not set</source>
        <translation>%1 non renseigné</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="68" />
        <source>%1 is %2</source>
        <translation>%1 est %2</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="69" />
        <source>%1 is not %2</source>
        <translation>%1 n'est pas %2</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="70" />
        <source>%1 is one of %2</source>
        <translation>%1 parmi %2</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="71" />
        <source>%1 is none of %2</source>
        <translation>%1 hors de %2</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="72" />
        <source>%1 include %2</source>
        <translation>%1 comprennent %2</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="73" />
        <source>%1 include any of %2</source>
        <translation>%1 comprennent l'un de %2</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="87" />
        <source>None of:</source>
        <translation>Aucune de :</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="90" />
        <source>All of:</source>
        <translation>Toutes :</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="92" />
        <source>Any of:</source>
        <translation>L'une de :</translation>
    </message>
    <message>
        <location filename="../rule_text.py" line="102" />
        <source>No entry rule: it starts at its listed entry points only.</source>
        <translation>Pas de règle d'entrée : il part seulement de ses points d'entrée listés.</translation>
    </message>
</context>
<context>
    <name>ProfilesMenu</name>
    <message>
        <location filename="../__init__.py" line="27" />
        <source>Attackers, Targets and Data</source>
        <translation>Attaquants, cibles et données</translation>
    </message>
    <message>
        <location filename="../__init__.py" line="52" />
        <source>Attackers, &amp;Targets and Data…</source>
        <translation>Attaquants, &amp;cibles et données…</translation>
    </message>
    <message>
        <location filename="../__init__.py" line="55" />
        <source>Who attacks and where they start, what matters, and the data</source>
        <translation>Qui attaque et par où, ce qui compte, et les données</translation>
    </message>
    <message>
        <location filename="../context_menu.py" line="54" />
        <source>Entry Point for</source>
        <translation>Point d'entrée de</translation>
    </message>
    <message>
        <location filename="../context_menu.py" line="59" />
        <source>(built-in)</source>
        <translation>(prédéfini)</translation>
    </message>
    <message>
        <location filename="../context_menu.py" line="67" />
        <source>Data Assets</source>
        <translation>Données</translation>
    </message>
    <message>
        <location filename="../context_menu.py" line="70" />
        <source>(none defined)</source>
        <translation>(aucune définie)</translation>
    </message>
    <message>
        <location filename="../context_menu.py" line="82" />
        <source>Edit Data Assets…</source>
        <translation>Modifier les données…</translation>
    </message>
    <message>
        <location filename="../context_menu.py" line="96" />
        <source>Mark as entry point</source>
        <translation>Marquer comme point d'entrée</translation>
    </message>
    <message>
        <location filename="../context_menu.py" line="97" />
        <source>Remove entry point</source>
        <translation>Retirer le point d'entrée</translation>
    </message>
    <message>
        <location filename="../context_menu.py" line="103" />
        <source>Assign data asset</source>
        <translation>Affecter la donnée</translation>
    </message>
    <message>
        <location filename="../context_menu.py" line="104" />
        <source>Unassign data asset</source>
        <translation>Retirer la donnée</translation>
    </message>
</context>
<context>
    <name>ProfilesPanel</name>
    <message>
        <location filename="../dock.py" line="28" />
        <source>Attackers</source>
        <translation>Attaquants</translation>
    </message>
    <message>
        <location filename="../dock.py" line="29" />
        <source>Targets</source>
        <translation>Cibles</translation>
    </message>
    <message>
        <location filename="../dock.py" line="30" />
        <source>Data</source>
        <translation>Données</translation>
    </message>
</context>
<context>
    <name>TargetKind</name>
    <message>
        <location filename="../targets_tab.py" line="41" />
        <source>Patient safety</source>
        <translation>Sécurité du patient</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="42" />
        <source>Health data</source>
        <translation>Données de santé</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="43" />
        <source>Care service</source>
        <translation>Service de soins</translation>
    </message>
</context>
<context>
    <name>TargetsTab</name>
    <message>
        <location filename="../targets_tab.py" line="52" />
        <source>Also aim at targets derived from the model (safety functions, health-data stores, care services)</source>
        <translation>Viser aussi les cibles déduites du modèle (fonctions critiques, stockages de données de santé, services de soins)</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="58" />
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="58" />
        <location filename="../targets_tab.py" line="82" />
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="58" />
        <source>Element</source>
        <translation>Élément</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="59" />
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="73" />
        <source>Add selected element as target</source>
        <translation>Ajouter l'élément sélectionné comme cible</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="75" />
        <source>Keep as explicit</source>
        <translation>Garder comme explicite</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="76" />
        <source>Make this derived target one of the model's own, to rename it or keep it when derivation is off</source>
        <translation>Faire de cette cible déduite une cible du modèle, pour la renommer ou la garder sans déduction</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="79" />
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="88" />
        <source>Double-click a name to rename a target of the model. Derived targets (grey) follow the model's elements and data.</source>
        <translation>Double-cliquez sur un nom pour renommer une cible du modèle. Les cibles déduites (en gris) suivent les éléments et les données du modèle.</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="115" />
        <source>derived</source>
        <translation>déduite</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="115" />
        <source>model</source>
        <translation>modèle</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="145" />
        <source>Target kind</source>
        <translation>Type de cible</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="177" />
        <source>Select the element that matters on the canvas first</source>
        <translation>Sélectionnez d'abord sur le schéma l'élément qui compte</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="195" />
        <source>Add target</source>
        <translation>Ajouter une cible</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="205" />
        <source>Keep target</source>
        <translation>Garder la cible</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="213" />
        <source>Remove target</source>
        <translation>Retirer la cible</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="218" />
        <source>Rename target</source>
        <translation>Renommer la cible</translation>
    </message>
    <message>
        <location filename="../targets_tab.py" line="223" />
        <source>Derived targets</source>
        <translation>Cibles déduites</translation>
    </message>
</context>
</TS>