# Poles: publication of selected dossiers in the network's directory (src/poles,
# candidate/publication.rs, backoffice/poles.rs, public/poles.rs). Keys start with `poles-` or
# `email-pole-`.
poles-publication-link = Publier votre pôle dans l’annuaire du réseau
poles-publication-title = Votre pôle dans l’annuaire
poles-publication-lead = Votre dossier est retenu : votre pôle peut figurer dans l’annuaire public du réseau et sur sa carte. Choisissez ce qui sera public, vérifiez l’aperçu, puis proposez-le au comité de pilotage, qui le publie.
poles-back-to-dossier = Retour au dossier
poles-fields-legend = Ce que l’annuaire montre de votre pôle
poles-fields-always = Le nom du pôle, son parcours et son territoire (commune de la structure porteuse et communes d’action) sont toujours publics.
poles-field-description = Présentation
poles-field-description-hint = (le texte ci-dessous)
poles-field-members = Membres
poles-field-members-hint = (noms et catégories des structures, sans SIRET ni coordonnées)
poles-field-sectors = Secteurs d’activité
poles-field-sectors-hint = (tels que déclarés dans le dossier)
poles-field-profile = Profil du pôle
poles-field-profile-hint = (mutualisation, multi-activités, filière)
poles-field-mutualisations = Mutualisations
poles-field-mutualisations-hint = (locaux, emplois, services partagés…)
poles-field-website = Site internet
poles-field-website-hint = (l’adresse ci-dessous)
poles-field-contact = Contact
poles-field-contact-hint = (le nom et l’adresse ci-dessous)
poles-description-label = Présentation publique du pôle
poles-description-hint = 1 500 caractères au plus. Reprise de l’histoire du pôle de votre dossier : adaptez-la pour le public.
poles-contact-name = Nom du contact public
poles-contact-email = Adresse électronique du contact public
poles-contact-email-hint = De préférence une adresse générique (contact@…) : elle sera publiée.
poles-propose = Proposer au comité de pilotage
poles-preview = Aperçu de la page publique
poles-preview-hint = Exactement ce qui sera public, tel que le public le lira.
poles-history = Versions proposées
poles-version = Version
poles-version-pending = en attente du comité de pilotage
poles-version-published = publiée
poles-version-refused = refusée
poles-version-replaced = remplacée par une version plus récente
poles-status-pending = Votre dernière proposition attend la publication par le comité de pilotage.
poles-status-refused = Votre dernière proposition a été refusée : voir la note du comité de pilotage ci-dessous.
poles-status-published = Votre pôle est publié dans l’annuaire.
poles-status-withdrawn = Votre pôle a été retiré de l’annuaire par le comité de pilotage.
poles-see-page = voir la page publique
poles-notice-proposed = Proposition envoyée : le comité de pilotage la publiera ou vous répondra par courriel.
poles-error-unknown-field = Un choix de publication est inconnu : rechargez la page.
poles-error-description-empty = Écrivez la présentation, ou ne la rendez pas publique.
poles-error-description-long = 1 500 caractères au plus pour la présentation.
poles-error-website = Indiquez une adresse web, par exemple www.mon-pole.fr.
poles-error-email = Indiquez une adresse électronique, par exemple contact@mon-pole.fr.
poles-error-contact-name = 120 caractères au plus pour le nom du contact.
poles-error-note-required = Expliquez le refus : la note est envoyée aux membres du pôle.
poles-selected-in = pôle retenu en
poles-place = Structure porteuse
poles-areas = Territoire
poles-region-2011 = région en 2011
poles-communes = Communes d’action
poles-profile = Profil
poles-sectors = Secteurs
poles-mutualisations = Mutualisations
poles-website = Site internet
poles-contact = Contact
poles-description = Présentation
poles-members = Membres
poles-updated = Page mise à jour le
poles-state-proposed = proposé, jamais publié
poles-state-published = publié
poles-state-withdrawn = retiré de l’annuaire
poles-bo-home-link = Pôles : publication dans l’annuaire
poles-bo-title = Pôles du réseau
poles-bo-lead = Les dossiers retenus dont les membres ont proposé une page publique. Publiez chaque version proposée, ou refusez-la avec une note.
poles-bo-none = Aucun pôle n’a encore proposé sa page publique.
poles-bo-col-state = État
poles-bo-col-page = Page publique
poles-bo-pending = une version attend votre décision
poles-bo-back = Retour à la liste des pôles
poles-bo-pending-title = Version proposée n°
poles-bo-note = Note aux membres du pôle (obligatoire pour un refus)
poles-bo-publish = Publier cette version
poles-bo-refuse = Refuser avec la note
poles-bo-live = Ce que l’annuaire montre aujourd’hui
poles-bo-withdraw = Retirer le pôle de l’annuaire
poles-bo-restore = Remettre le pôle dans l’annuaire
poles-notice-published = Version publiée ; les membres du pôle en sont avertis par courriel.
poles-notice-refused = Version refusée ; la note est envoyée aux membres du pôle.
poles-notice-withdrawn = Pôle retiré de l’annuaire : sa page ne répond plus.
poles-notice-restored = Pôle remis dans l’annuaire.
email-pole-published-subject = Votre pôle « { $title } » est publié dans l’annuaire
email-pole-published-intro = Le comité de pilotage a publié la page de votre pôle « { $title } » dans l’annuaire du réseau.
email-pole-published-button = Voir la page publique
email-pole-refused-subject = Votre proposition pour « { $title } » n’a pas été publiée
email-pole-refused-intro = Le comité de pilotage n’a pas publié votre proposition pour la page de « { $title } ». Sa note :
email-pole-refused-button = Revoir la proposition
supporters-public-title = Le réseau des soutiens
supporters-public-total = { $count ->
    [0] Aucune manifestation d’intérêt ou de soutien confirmée pour l’instant.
    [one] Une manifestation d’intérêt ou de soutien confirmée.
   *[other] { $count } manifestations d’intérêt ou de soutien confirmées.
}
supporters-public-join = Manifester votre intérêt ou votre soutien
supporters-public-by-kind = Par type de soutien
supporters-public-by-region = Par région (aujourd’hui)
supporters-public-by-region-2011 = Par région (découpage 2011)
supporters-public-col-what = Catégorie
supporters-public-col-count = Nombre
supporters-public-unknown-place = Commune non indiquée
supporters-public-list = Ils soutiennent la démarche
supporters-public-list-hint = Seules les personnes qui ont accepté de figurer dans la liste publique apparaissent ici.
supporters-public-none = Personne n’a encore accepté de figurer dans la liste publique.
supporters-public-supports = soutient
poles-supporters = Soutiens
poles-supporters-count = { $count ->
    [0] Aucun soutien confirmé pour l’instant.
    [one] Un soutien confirmé.
   *[other] { $count } soutiens confirmés.
}
poles-support-link = Soutenir ce pôle
footer-supporters = Le réseau des soutiens
footer-open-data = Données ouvertes
