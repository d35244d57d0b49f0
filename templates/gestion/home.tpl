{{%AUTOESCAPE context="HTML"}}
<h1>Tableau de bord</h1>
<p>Bonjour {{AGENT_NAME}}. Vous êtes connecté à l'espace de gestion de {{COMMUNE_NAME}} en tant que <strong>{{ROLE_LABEL}}</strong>.</p>
