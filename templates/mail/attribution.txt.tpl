{{! Plain-text mail part: not HTML, so no HTML escaping. }}Bonjour,

Les inscriptions à {{ACTIVITY}} sont closes et les places ont été attribuées :
{{#LINE}}
- {{TEXT}}{{/LINE}}

{{RULES}} Graine du tirage : {{SEED}}.

Votre planning : {{LINK}}

Le service enfance-jeunesse de {{COMMUNE_NAME}}
