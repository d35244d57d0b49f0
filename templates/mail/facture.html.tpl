{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="fr"><body>
<p>Bonjour,</p>
<p>Une nouvelle facture est disponible dans votre espace facturation.</p>
<ul>
<li>Facture n° <strong>{{NUMBER}}</strong> ({{REGIE}})</li>
<li>Montant : <strong>{{AMOUNT}}</strong></li>
<li>À régler avant le {{DUE}}</li>
</ul>
<p><a href="{{LINK}}">Consulter, télécharger et payer la facture</a></p>
<p>Le service enfance-jeunesse de {{COMMUNE_NAME}}</p>
</body></html>
