{{%AUTOESCAPE context="HTML"}}
<article class="statement" aria-labelledby="titre-declaration">
<h1 id="titre-declaration">Déclaration d'accessibilité</h1>
<p>La commune de {{COMMUNE_NAME}} s'engage à rendre ses services numériques accessibles, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005 pour l'égalité des droits et des chances, la participation et la citoyenneté des personnes handicapées.</p>
<p>Cette déclaration d'accessibilité s'applique au <strong>Portail Famille de {{COMMUNE_NAME}}</strong>{{#HAS_SITE_URL}} (<span class="statement__url">{{SITE_URL}}</span>){{/HAS_SITE_URL}} : l'espace des familles et l'espace de gestion des agents de la mairie.</p>

<section aria-labelledby="titre-etat">
<h2 id="titre-etat">État de conformité</h2>
<p>Le Portail Famille de {{COMMUNE_NAME}} est <strong>non conforme</strong> avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.</p>
<p>Le portail n'a pas encore fait l'objet d'un audit de conformité au RGAA mené sur un échantillon de pages. Tant qu'aucun audit ne mesure le respect des critères, le RGAA demande de déclarer le site « non conforme », même si les vérifications décrites ci-dessous ne relèvent pas d'anomalie. Un audit est prévu ; cette déclaration sera mise à jour avec ses résultats.</p>
</section>

<section aria-labelledby="titre-resultats">
<h2 id="titre-resultats">Résultats des tests</h2>
<p>Aucun audit de conformité n'ayant encore été réalisé, le taux de conformité aux critères du RGAA n'est pas mesuré.</p>
<p>En attendant, chaque version du portail est vérifiée automatiquement, avant sa mise en service :</p>
<ul>
  <li>l'outil <strong>axe-core</strong> analyse <strong>chaque page</strong> visitée par les parcours de test automatisés dans le navigateur Chromium : création de compte avec le code abonné, connexion, mot de passe oublié, Espace famille, dossier de famille (fiche d'un enfant, photo, contacts), règlements intérieurs, Mes données, planning des activités (réservation et annulation, avec et sans JavaScript), demande de réservation sur une longue période, Enfant malade, Espace facturation (détail d'une facture, contestation, paiement en ligne), Mon compte, espace de gestion des agents (familles, code abonné), pages d'erreur, page « hors ligne » et cette déclaration. Toute anomalie jugée « grave » ou « critique » bloque la mise en service ;</li>
  <li>ces parcours sont joués sur un <strong>téléphone de 360 pixels de large</strong> et sur un <strong>ordinateur (1280 × 800 pixels)</strong> ; sur le téléphone, aucune page ne doit défiler horizontalement (RGAA, critère 10.11) ;</li>
  <li>chaque page est en français (attribut <span lang="en">lang</span>), a un titre qui dit où l'on se trouve et un seul titre de premier niveau ;</li>
  <li>un parcours au <strong>clavier seul</strong> : lien d'évitement « Aller au contenu », connexion, puis réservation d'une journée dans le planning ; après l'action, le focus revient sur la journée modifiée.</li>
</ul>
<p>Vérifications manuelles menées lors de la conception :</p>
<ul>
  <li>contrastes des couleurs du portail au niveau AA (textes 4,5:1, éléments graphiques 3:1) ;</li>
  <li>zones cliquables d'au moins 44 × 44 pixels ;</li>
  <li>aucune information donnée par la couleur seule : dans le planning, chaque état d'une journée a une icône de forme différente et un libellé écrit (Réservé, Liste d'attente, Complet…), repris dans la légende ;</li>
  <li>étiquettes et messages d'erreur reliés à leurs champs de formulaire ;</li>
  <li>toutes les actions fonctionnent sans JavaScript (formulaires et pages de confirmation).</li>
</ul>
</section>

<section aria-labelledby="titre-non-accessibles">
<h2 id="titre-non-accessibles">Contenus non accessibles</h2>
<h3>Non-conformités connues</h3>
<ul>
  <li>Les factures, les reçus de paiement et la lettre du code abonné au format PDF ne sont pas des documents balisés (critère 13.3). Les mêmes informations sont disponibles en HTML : le détail de chaque facture et l'historique des paiements dans l'Espace facturation ; la mairie peut aussi vous communiquer votre code abonné par un autre moyen.</li>
  <li>Les règlements intérieurs sont publiés en PDF par la mairie ; leur accessibilité dépend du document fourni (critère 13.3). Sur demande, la mairie vous les transmet dans un format accessible.</li>
  <li>Le portail n'a pas encore été testé avec des lecteurs d'écran ; des défauts non détectés par les outils automatiques restent possibles.</li>
</ul>
<h3>Dérogations pour charge disproportionnée</h3>
<p>Aucune.</p>
<h3>Contenus non soumis à l'obligation d'accessibilité</h3>
<ul>
  <li>La page de paiement par carte bancaire <strong>PayFiP</strong>, service de la Direction générale des Finances publiques, vers laquelle le bouton « Payer en ligne » vous dirige : contenu tiers, ni développé ni contrôlé par la commune.</li>
  <li>Les documents déposés par les familles (justificatifs, certificats médicaux, photos).</li>
</ul>
</section>

<section aria-labelledby="titre-etablissement">
<h2 id="titre-etablissement">Établissement de cette déclaration d'accessibilité</h2>
<p>Cette déclaration a été établie le <strong>29 novembre 2026</strong>.</p>
<h3>Technologies utilisées pour la réalisation du portail</h3>
<ul>
  <li>HTML5</li>
  <li>CSS</li>
  <li>SVG</li>
  <li><span lang="en">WAI-ARIA</span></li>
  <li>JavaScript (facultatif : le portail fonctionne sans)</li>
</ul>
<h3>Environnement de test</h3>
<ul>
  <li>Chromium 156 (Debian 12) sans interface, piloté par <span lang="en">Playwright</span>, avec des fenêtres de 360 × 740 pixels (téléphone, écran tactile) et de 1280 × 800 pixels (ordinateur).</li>
  <li>Aucune aide technique (lecteur d'écran, logiciel d'agrandissement) n'a encore été utilisée pour ces tests.</li>
</ul>
<h3>Outils pour évaluer l'accessibilité</h3>
<ul>
  <li>axe-core 4.14, sur chaque page des parcours de test ;</li>
  <li>navigation au clavier seul ;</li>
  <li>calcul des rapports de contraste des couleurs du portail.</li>
</ul>
<h3>Pages du portail ayant fait l'objet de la vérification</h3>
<ul>
  <li><a href="/">Accueil et connexion</a></li>
  <li><a href="/compte/creer">Créer un compte</a></li>
  <li><a href="/compte/mot-de-passe-oublie">Je n'arrive pas à me connecter</a></li>
  <li>Espace famille, Dossier de famille, fiche d'un membre, photo, contacts, Règlement(s) intérieur(s), Mes données</li>
  <li>Planning des activités, Réserver sur une longue période, Enfant malade</li>
  <li>Espace facturation, détail d'une facture, paiement en ligne (page de retour)</li>
  <li>Mon compte</li>
  <li>Espace de gestion : familles, membres, lettre du code abonné</li>
  <li>Pages d'erreur, <a href="/hors-ligne">page « Vous êtes hors ligne »</a> et cette déclaration</li>
</ul>
</section>

<section aria-labelledby="titre-contact">
<h2 id="titre-contact">Retour d'information et contact</h2>
<p>Si vous n'arrivez pas à accéder à un contenu ou à un service du portail, contactez la mairie de {{COMMUNE_NAME}} : elle vous orientera vers une solution accessible ou vous donnera le contenu sous une autre forme.</p>
<ul>
  {{#HAS_CONTACT_EMAIL}}<li>Par courriel : <a href="mailto:{{CONTACT_EMAIL}}">{{CONTACT_EMAIL}}</a></li>{{/HAS_CONTACT_EMAIL}}
  <li>À l'accueil de la mairie de {{COMMUNE_NAME}}, ou auprès de son service enfance-jeunesse.</li>
</ul>
</section>

<section aria-labelledby="titre-recours">
<h2 id="titre-recours">Voies de recours</h2>
<p>Si vous avez signalé à la mairie un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un service du portail, et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits :</p>
<ul>
  <li>en lui écrivant un message par son <a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</a> ;</li>
  <li>en contactant <a href="https://www.defenseurdesdroits.fr/saisir/delegues">le délégué du Défenseur des droits de votre région</a> ;</li>
  <li>par courrier postal, gratuit, sans timbre : <span class="statement__address">Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07</span>.</li>
</ul>
</section>
</article>
