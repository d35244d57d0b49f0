{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr"><body>
<p>Bonjour,</p>
<p>Nous avons bien reçu votre paiement de <strong>{{AMOUNT}}</strong> par carte bancaire le {{PAID_AT}} pour la facture {{INVOICE_NUMBER}} ({{REGIE}}).</p>
<p>Reçu n° {{RECEIPT_NUMBER}} — numéro d'autorisation {{NUMAUTO}}.</p>
<p><a href="{{LINK}}">Télécharger le reçu dans votre espace facturation</a></p>
<p>Le service enfance-jeunesse de {{COMMUNE_NAME}}</p>
</body></html>
