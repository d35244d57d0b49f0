{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/famille">Accueil</a></li><li><a href="/facturation">Espace facturation</a></li><li aria-current="page">Paiement</li></ol></nav>
<h1>Paiement de la facture {{INVOICE_NUMBER}}</h1>
<section class="card payment-status payment-status--{{STATE}}" aria-labelledby="titre-statut">
  <h2 id="titre-statut">Statut du paiement : {{STATUS}}</h2>
  {{#PAID}}<p class="alert alert--ok" role="status">Votre paiement de {{AMOUNT}} est enregistré : la facture est payée. Un reçu vous est envoyé par email.</p>
  {{#RECEIPT}}<p><a class="button" href="/facturation/paiements/{{PAYMENT_ID}}/recu">Télécharger le reçu (PDF)</a></p>{{/RECEIPT}}{{/PAID}}
  {{#PENDING}}<p class="alert" role="status">Votre paiement de {{AMOUNT}} est en cours de traitement par le service de paiement. Cette page indiquera le résultat dès qu'il sera connu : rechargez-la dans quelques instants. Vous n'avez rien d'autre à faire.</p>
  <p><a class="button button--secondary" href="/paiement/retour?idop={{IDOP}}">Actualiser</a></p>{{/PENDING}}
  {{#REFUSED}}<p class="alert alert--error" role="status">Le paiement a été refusé : rien n'a été débité. La facture reste à payer.</p>{{/REFUSED}}
  {{#ABANDONED}}<p class="alert alert--warning" role="status">Le paiement a été abandonné : rien n'a été débité. La facture reste à payer.</p>{{/ABANDONED}}
  {{#ERROR}}<p class="alert alert--error" role="status">Le résultat du paiement ne correspond pas à la facture : il n'a pas été enregistré. Contactez la régie ; si votre compte a été débité, vous serez remboursé.</p>{{/ERROR}}
</section>
<p><a href="/facturation">Retour à l'espace facturation</a></p>
