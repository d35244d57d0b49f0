{{%AUTOESCAPE context="HTML"}}
<section class="error-page">
  <h1>{{ERROR_TITLE}}</h1>
  <p>{{ERROR_MESSAGE}}</p>
  {{#HAS_DETAIL}}<p class="error-detail">{{DETAIL}}</p>{{/HAS_DETAIL}}
  <p class="error-code">Code d'erreur : {{STATUS}}</p>
  <p><a href="/">Retour à l'accueil</a></p>
</section>
