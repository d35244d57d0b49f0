{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr"><body>
<p>Bonjour,</p>
{{#GRANTED}}<p>La mairie a accepté votre contestation de la facture {{INVOICE_NUMBER}} ({{LINE}}). L'avoir {{CREDIT_NUMBER}} de {{CREDIT_AMOUNT}} est établi : il diminue d'autant le reste à payer de la facture.</p>{{/GRANTED}}
{{#REFUSED}}<p>La mairie n'a pas accepté votre contestation de la facture {{INVOICE_NUMBER}} ({{LINE}}). La facture reste due.</p>{{/REFUSED}}
{{#HAS_ANSWER}}<p>Réponse de la mairie : {{ANSWER}}</p>{{/HAS_ANSWER}}
<p><a href="{{LINK}}">Consulter la facture</a></p>
<p>Le service enfance-jeunesse de {{COMMUNE_NAME}}</p>
</body></html>
