{{%AUTOESCAPE context="HTML"}}
<section class="card offline" aria-labelledby="titre-hors-ligne">
  <h1 id="titre-hors-ligne">Vous êtes hors ligne</h1>
  <p class="lead">Le Portail Famille a besoin d'une connexion à Internet pour afficher votre planning, votre dossier de famille et vos factures.</p>
  <p>Vérifiez que le Wi-Fi ou les données mobiles de votre appareil sont activés, puis réessayez. Par sécurité, le portail ne garde aucune information de votre famille sur cet appareil : elles s'afficheront de nouveau dès le retour de la connexion.</p>
  <p class="offline__actions"><a class="button" href="">Réessayer</a> <a class="button button--secondary" href="/">Retour à l'accueil</a></p>
</section>
