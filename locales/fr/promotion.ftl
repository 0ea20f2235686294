# Promotion of the network (src/promotion, public/promotion.rs, backoffice/partners.rs,
# candidate/pole_point.rs, backoffice/pole_point.rs): printable presentations, partners, a
# pole's own point on the map. Keys start with `promotion-` or `footer-partners`.
footer-partners = Partenaires
promotion-footer = Réseau des pôles territoriaux de coopération économique
promotion-sheet-link = Fiche de présentation imprimable (PDF, une page)
promotion-network-link = Présentation du réseau imprimable (PDF, une page)
promotion-sheet-subtitle = Pôle territorial de coopération économique
promotion-sheet-track = Parcours
promotion-sheet-figures = Chiffres clés
promotion-sheet-members-count = { $count ->
    [one] 1 structure membre
   *[other] { $count } structures membres
}
promotion-sheet-communes-count = { $count ->
    [one] 1 commune d’action
   *[other] { $count } communes d’action
}
promotion-sheet-sectors-count = { $count ->
    [one] 1 secteur d’activité
   *[other] { $count } secteurs d’activité
}
promotion-sheet-member = Structure
promotion-sheet-category = Catégorie
promotion-sheet-and-others = { $count ->
    [one] … et 1 autre
   *[other] … et { $count } autres
}
promotion-sheet-contact-name = Contact
promotion-sheet-contact-email = Courriel
promotion-sheet-page = Page de l’annuaire
promotion-sheet-map-alt = Carte : { $name }, structure porteuse à { $place } ({ $areas }), et ses communes d’action ({ $count }) dans sa région.
promotion-network-title = Le réseau des pôles territoriaux de coopération économique
promotion-network-call = Appel { $year } — pôles publiés dans l’annuaire
promotion-network-count = Pôles publiés
promotion-network-by-track = Par parcours
promotion-network-regions = Régions
promotion-network-regions-count = { $count ->
    [one] 1 région
   *[other] { $count } régions
}
promotion-network-map-alt = Carte de France des { $count } pôles publiés, régions colorées selon leur nombre de pôles : { $regions }.
promotion-network-by-region = Pôles par région
promotion-network-by-sector = Pôles par secteur d’activité
promotion-network-region = Région
promotion-network-sector = Secteur
promotion-network-poles = Pôles
promotion-network-list = Les pôles
promotion-network-pole = Pôle
promotion-network-year = Année
promotion-partners-title = Partenaires de l’appel
promotion-partners-lead = Les institutions qui accompagnent la valorisation et le développement des PTCE : aménagement du territoire, développement local, financeurs. Le comité de pilotage tient cette liste à jour.
promotion-partners-networks = Réseaux co-porteurs de l’appel
promotion-partners-none = Aucun partenaire institutionnel n’est encore annoncé.
promotion-partners-website = Site internet de { $name }
promotion-kind-etat = État et ministères
promotion-kind-etablissement-public = Établissements et agences publics
promotion-kind-collectivite = Collectivités territoriales
promotion-kind-financeur = Financeurs
promotion-kind-autre = Autres partenaires
promotion-bo-home-link = Partenaires de l’appel
promotion-bo-title = Partenaires institutionnels
promotion-bo-lead = Les partenaires listés sur la page publique « Partenaires ». Chaque ajout, modification ou retrait est inscrit au journal.
promotion-bo-add = Ajouter un partenaire
promotion-bo-edit = Modifier le partenaire
promotion-bo-new = Nouveau partenaire
promotion-bo-save = Enregistrer
promotion-bo-remove = Retirer ce partenaire
promotion-bo-back = Retour à la liste des partenaires
promotion-bo-see-public = Voir la page publique
promotion-bo-col-name = Nom
promotion-bo-col-kind = Type
promotion-bo-col-actions = Actions
promotion-bo-notice-added = Partenaire ajouté.
promotion-bo-notice-changed = Partenaire modifié.
promotion-bo-notice-removed = Partenaire retiré.
promotion-partner-name = Nom
promotion-partner-kind = Type de partenaire
promotion-partner-website = Site internet (facultatif)
promotion-partner-description = Description (facultative, 600 caractères au plus)
promotion-partner-error-name = Indiquez le nom du partenaire.
promotion-partner-error-name-long = 150 caractères au plus pour le nom.
promotion-partner-error-kind = Choisissez le type de partenaire.
promotion-partner-error-website = Indiquez une adresse web, par exemple www.partenaire.fr, ou laissez vide.
promotion-partner-error-description = 600 caractères au plus pour la description.
promotion-point-title = Le point du pôle sur la carte
promotion-point-lead = Sans point choisi, le pôle est placé à la mairie de la commune de sa structure porteuse. Vous pouvez le placer plus précisément, par exemple à l’adresse de ses locaux : indiquez la latitude et la longitude en degrés décimaux (sur un site de cartographie, un clic droit sur le lieu les donne).
promotion-point-current = Point actuel sur la carte
promotion-point-commune = celui de la commune de la structure porteuse
promotion-point-pending = Point proposé, en attente de publication par le comité de pilotage
promotion-point-latitude = Latitude
promotion-point-latitude-hint = Entre 41 et 51 en métropole, par exemple 45,0442.
promotion-point-longitude = Longitude
promotion-point-longitude-hint = Négative à l’ouest de Greenwich, par exemple 5,0523 ou -1,5536.
promotion-point-propose = Proposer ce point au comité de pilotage
promotion-point-save = Placer le pôle à ce point
promotion-point-clear = Revenir au point de la commune
promotion-point-error-latitude = Indiquez la latitude en degrés décimaux, par exemple 45,0442.
promotion-point-error-longitude = Indiquez la longitude en degrés décimaux, par exemple 5,0523.
promotion-point-error-outside = Ce point n’est pas en France (métropole, Corse ou départements d’outre-mer) : vérifiez la latitude et la longitude, et qu’elles ne sont pas inversées.
promotion-point-error-no-version = Proposez d’abord la page publique du pôle.
promotion-point-notice-proposed = Point proposé : il sera sur la carte une fois publié par le comité de pilotage.
promotion-point-notice-saved = Point enregistré : la carte, l’annuaire et les données ouvertes l’utilisent.
promotion-point-link = Placer le pôle sur la carte
promotion-point-back-pole = Retour à la page du pôle
