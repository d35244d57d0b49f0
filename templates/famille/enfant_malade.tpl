{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/famille">Espace famille</a></li><li><a href="/famille/planning">Planning des activités</a></li><li aria-current="page">Enfant malade</li></ol></nav>
<h1>Enfant malade</h1>
<p>Votre enfant est malade ? Annulez en une fois ses réservations d'aujourd'hui ({{TODAY_LONG}}) jusqu'au jour choisi. Avec un certificat médical accepté par la mairie, ces jours deviennent des absences excusées et ne sont pas facturés.</p>
{{#DONE}}<p class="alert alert--ok" role="status">C'est noté : les réservations sont annulées. Pensez au certificat médical s'il n'est pas encore envoyé.</p>{{/DONE}}
{{#HAS_ERROR}}<div class="alert alert--error" role="alert"><p>Rien n'a été annulé : <a href="{{ERROR_TARGET}}">{{ERROR}}</a></p></div>{{/HAS_ERROR}}
<form class="card" method="post" action="/famille/enfant-malade" enctype="multipart/form-data" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="field">
    <label for="malade-enfant">Enfant</label>
    <select id="malade-enfant" name="enfant">{{#CHILD_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/CHILD_OPTION}}</select>
  </div>
  <div class="field">
    <label for="malade-jusqu-au">Absent jusqu'au (inclus)</label>
    <p class="hint" id="malade-jusqu-au-aide">Au format AAAA-MM-JJ ; 30 jours au plus.</p>
    {{#DATE_ERROR}}<p class="field-error" id="malade-jusqu-au-erreur">{{ERROR}}</p>{{/DATE_ERROR}}
    <input type="date" id="malade-jusqu-au" name="jusqu_au" value="{{UNTIL}}" min="{{TODAY}}" aria-describedby="malade-jusqu-au-aide{{#DATE_ERROR}} malade-jusqu-au-erreur{{/DATE_ERROR}}"{{#DATE_ERROR}} aria-invalid="true"{{/DATE_ERROR}}>
  </div>
  <div class="field">
    <label for="malade-certificat">Certificat médical (facultatif maintenant)</label>
    <p class="hint" id="malade-certificat-aide">PDF, JPEG ou PNG, 10 Mo au plus. Vous pourrez aussi l'envoyer plus tard depuis la page Justificatifs.</p>
    {{#FILE_ERROR}}<p class="field-error" id="malade-certificat-erreur">{{ERROR}}</p>{{/FILE_ERROR}}
    <input type="file" id="malade-certificat" name="certificat" accept="application/pdf,image/jpeg,image/png" aria-describedby="malade-certificat-aide{{#FILE_ERROR}} malade-certificat-erreur{{/FILE_ERROR}}"{{#FILE_ERROR}} aria-invalid="true"{{/FILE_ERROR}}>
  </div>
  <button type="submit" class="button">Annuler ses réservations</button>
</form>
<section aria-labelledby="titre-absences">
  <h2 id="titre-absences">Absences déclarées</h2>
  {{#NO_LEAVE}}<p>Aucune absence déclarée.</p>{{/NO_LEAVE}}
  <ul class="requests">
  {{#LEAVE}}<li class="request">{{CHILD}}, du {{PERIOD}} : {{DAYS}} réservation(s) annulée(s) — {{STATUS}}{{#NEEDS_CERTIFICATE}} — <a href="/famille/justificatifs">envoyer le certificat</a>{{/NEEDS_CERTIFICATE}}</li>{{/LEAVE}}
  </ul>
</section>
