# Form C — manifestations d’intérêt ou de soutien (public form, its confirmation, the back
# office's overview and export), French. Every key has a twin in ../en/supporters.ftl.
# Keys start with `supporters-` (pages) or `email-interest-` (the confirmation email).

supporters-count = { $count ->
    [0] Aucune manifestation d’intérêt ou de soutien confirmée pour l’instant.
    [1] 1 manifestation d’intérêt ou de soutien confirmée.
   *[other] { $count } manifestations d’intérêt ou de soutien confirmées.
}
supporters-required-legend = Les champs marqués « (obligatoire) » doivent être remplis.
supporters-submit = Envoyer ma manifestation
supporters-more-questions = Selon vos réponses, une ou plusieurs questions s’ajoutent : complétez-les si vous le souhaitez, puis envoyez de nouveau le formulaire.
supporters-privacy = Vos réponses servent à recenser les soutiens de l’appel ; elles sont transmises au comité de pilotage et aux réseaux co-porteurs. Votre nom, votre organisation et votre commune ne sont rendus publics qu’avec votre accord. Une manifestation dont l’adresse n’est pas confirmée n’est ni comptée ni transmise.
supporters-privacy-link = Politique de confidentialité
# The section of the privacy page (/confidentialite) about form C.
supporters-privacy-page-title = Manifestations d’intérêt ou de soutien (formulaire C)
supporters-privacy-kept-title = Ce qui est conservé
supporters-privacy-kept-text = Vos réponses au formulaire : qui vous êtes (citoyen·ne, collectivité, entreprise…), votre nom, votre organisation et son SIRET si vous les donnez, votre commune, votre adresse électronique, le pôle ou l’initiative soutenu, la nature du soutien, le montant envisagé et votre message s’il y en a, vos deux réponses sur le consentement ; avec la langue du formulaire, la date d’envoi et celle de la confirmation. S’y ajoutent le lien de confirmation (conservé sous forme d’empreinte), le message qui le porte et, pour limiter les envois abusifs, l’adresse et l’adresse IP de chaque envoi.
supporters-privacy-why-title = Pourquoi
supporters-privacy-why-text = Pour compter les soutiens de l’appel par type et par territoire, pour les transmettre au comité de pilotage et aux réseaux co-porteurs afin qu’ils puissent revenir vers vous (votre premier accord) et, seulement si vous l’acceptez, pour faire figurer votre nom, votre organisation et votre commune dans la liste publique des soutiens (votre second accord). L’adresse est confirmée par un lien pour que personne ne puisse manifester en votre nom.
supporters-privacy-how-long-title = Combien de temps
supporters-privacy-how-long-text = Une manifestation non confirmée n’est ni comptée ni transmise : elle est effacée 7 jours après l’expiration de son lien (valable 7 jours), soit 14 jours après son envoi. Une manifestation confirmée est conservée pendant l’appel et l’animation de son réseau de soutien. Les liens de confirmation, leurs messages et la trace des envois gardée contre les abus sont effacés 14 jours après l’envoi, que la manifestation ait été confirmée ou non.
supporters-privacy-erased-title = Comment elle est effacée
supporters-privacy-erased-text = Automatiquement, chaque heure, pour ce qui a dépassé ces délais : les données sont supprimées de la base, pas seulement masquées. Une manifestation confirmée est effacée à votre demande, adressée à un référent de l’appel ; si vous avez un compte avec la même adresse, effacer votre compte efface aussi vos manifestations. Envoyer de nouveau le formulaire pour le même pôle avec la même adresse remplace la manifestation précédente.
supporters-error-throttled = Trop de manifestations ont été envoyées pour cette adresse ou depuis votre connexion. Réessayez dans une heure.
supporters-sent-title = Vérifiez votre messagerie
supporters-sent-text = Un message avec un lien de confirmation vient d’être envoyé à { $email }. Votre manifestation ne comptera qu’une fois ce lien suivi ; il est valable 7 jours.
supporters-confirm-title = Confirmer votre manifestation
supporters-confirm-text = Pour que votre manifestation d’intérêt ou de soutien soit enregistrée et comptée, confirmez-la.
supporters-confirm-button = Confirmer ma manifestation
supporters-confirmed-title = Merci, votre manifestation est enregistrée
supporters-confirmed-text = Votre adresse électronique est confirmée : votre manifestation d’intérêt ou de soutien compte désormais parmi les soutiens de l’appel, et les réseaux co-porteurs pourront revenir vers vous.
supporters-back-to-form = Retour au formulaire
supporters-link-expired-text = Les liens de confirmation sont valables 7 jours. Remplissez de nouveau le formulaire pour en recevoir un autre.
supporters-link-used-text = Chaque lien ne fonctionne qu’une fois. Si vous l’avez déjà suivi, votre manifestation est enregistrée.
supporters-link-unknown-text = Ce lien n’est pas valable. Vérifiez qu’il a été copié en entier.
supporters-fill-again = Remplir de nouveau le formulaire
supporters-home-link = Manifester votre intérêt ou votre soutien (sans compte)

supporters-bo-title = Soutiens et manifestations d’intérêt
supporters-bo-intro = Une manifestation compte une fois l’adresse confirmée par le lien envoyé. Les autres sont en attente : elles ne sont ni comptées ni exportées.
supporters-bo-confirmed = { $count ->
    [0] Aucune manifestation confirmée
    [1] 1 manifestation confirmée
   *[other] { $count } manifestations confirmées
}
supporters-bo-pending = { $count ->
    [0] aucune en attente de confirmation
    [1] 1 en attente de confirmation
   *[other] { $count } en attente de confirmation
}
supporters-bo-export = Télécharger les manifestations confirmées (CSV)
supporters-bo-by-kind = Par type de soutien
supporters-bo-by-department = Par département
supporters-bo-by-region = Par région
supporters-bo-by-region-2011 = Par région (découpage de 2011)
supporters-bo-col-count = Nombre
supporters-bo-col-label = Libellé
supporters-bo-confirmed-caption = Manifestations confirmées
supporters-bo-pending-caption = En attente de confirmation
supporters-bo-none = Aucune pour l’instant.
supporters-bo-unknown-commune = Commune inconnue
supporters-col-confirmed-at = Confirmée le
supporters-col-received-at = Reçue le
supporters-col-name = Nom
supporters-col-organisation = Organisation
supporters-col-kind = Type de soutien
supporters-col-email = Adresse électronique
supporters-col-commune = Commune
supporters-col-target = Soutien à
supporters-col-support = Nature du soutien
supporters-col-listing = Liste publique
supporters-col-insee = Code INSEE
supporters-col-department = Département
supporters-col-region = Région
supporters-col-region-2011 = Région (2011)

email-interest-subject = Confirmez votre manifestation d’intérêt ou de soutien — PTCE
email-interest-intro = Vous avez manifesté votre intérêt ou votre soutien (« { $target } ») sur la plateforme de l’appel à candidatures PTCE. Pour qu’il soit enregistré et compté, confirmez votre adresse électronique en ouvrant ce lien :
email-interest-button = Confirmer ma manifestation
email-interest-copy = Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :
email-interest-validity = Ce lien est valable 7 jours et ne peut servir qu’une seule fois.
email-interest-not-you = Si vous n’êtes pas à l’origine de cette manifestation, ignorez ce message : sans confirmation, elle ne sera pas prise en compte.
