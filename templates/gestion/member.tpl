{{%AUTOESCAPE context="HTML"}}
<p><a href="{{FAMILY_URL}}">Retour à la famille {{FAMILY_NAME}}</a></p>
<h1>{{MEMBER_NAME}} <span class="subtitle">{{MEMBER_ROLE}}</span></h1>
{{#HAS_PHOTO}}<img class="member-photo" src="{{PHOTO_URL}}" alt="Photo de {{MEMBER_NAME}}" width="160">{{/HAS_PHOTO}}
{{#HAS_MISSING}}<div class="missing card"><p class="missing__title">Des éléments importants sont manquants</p><ul>{{#MISSING_ITEM}}<li>{{ITEM}}</li>{{/MISSING_ITEM}}</ul></div>{{/HAS_MISSING}}
<section class="card" aria-labelledby="titre-fiche">
  <h2 id="titre-fiche">Fiche</h2>
  <dl class="details">
  {{#DETAIL}}<dt>{{LABEL}}{{#HEALTH}} <span class="tag">santé</span>{{/HEALTH}}</dt><dd>{{VALUE}}</dd>{{/DETAIL}}
  </dl>
  {{#HEALTH_HIDDEN}}<p class="hint">Les données de santé ne sont visibles que des agents du service enfance et des administrateurs.</p>{{/HEALTH_HIDDEN}}
</section>
<p class="hint">La consultation des données de santé est enregistrée dans le journal de la famille.</p>
