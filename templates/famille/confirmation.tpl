{{%AUTOESCAPE context="HTML"}}
<h1>{{QUESTION}}</h1>
{{#HAS_WARNING}}<p class="alert alert--warning">{{WARNING}}</p>{{/HAS_WARNING}}
<form class="card" method="post" action="{{ACTION}}">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="enfant" value="{{CHILD_ID}}">
  <input type="hidden" name="occurrence" value="{{OCCURRENCE_ID}}">
  <input type="hidden" name="confirme" value="1">
  <button type="submit" class="button">{{CONFIRM_LABEL}}</button>
  <a class="button button--secondary" href="{{BACK_URL}}">Non, revenir au planning</a>
</form>
