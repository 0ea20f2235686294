# The back office's list of dossiers: more filters, sorting, saved views, labels and bulk actions
# (src/web/handlers/backoffice/dossier_list.rs, bulk.rs). Keys start with `staff-dossiers-`,
# `saved-view(s)-`, `labels-` or `bulk-`.
staff-dossiers-more-filters = Plus de filtres (territoire, secteur, étiquette, recevabilité, note)
staff-dossiers-region-2011 = Région (découpage 2011)
staff-dossiers-region = Région (aujourd’hui)
staff-dossiers-department = Département
staff-dossiers-sector = Secteur
staff-dossiers-label = Étiquette
staff-dossiers-admissibility = Recevabilité
staff-dossiers-score-min = Note moyenne au moins (sur 100)
staff-dossiers-score-max = Note moyenne au plus (sur 100)
staff-dossiers-score-invalid = Indiquez un nombre entre 0 et 100, par exemple 62,5.
staff-dossiers-search-no-term = Ces mots sont trop courants pour être cherchés : essayez un nom, un lieu, un secteur.
staff-dossiers-search-too-long = La recherche est trop longue : 200 caractères au plus.
staff-dossiers-clear = Effacer les filtres
staff-dossiers-col-score = Note moyenne
saved-views-title = Mes vues enregistrées :
saved-views-name = Enregistrer ces filtres sous le nom
saved-views-save = Enregistrer la vue
saved-views-delete = Supprimer la vue
saved-view-saved = Vue enregistrée : elle apparaît en haut de la liste.
saved-view-deleted = Vue supprimée.
saved-view-name-required = Donnez un nom à cette vue, par exemple « Drôme à relancer ».
saved-view-name-too-long = 80 caractères au plus pour le nom d’une vue.
labels-title = Étiquettes
labels-none = Aucune étiquette.
labels-add = Ajouter l’étiquette
labels-name = Nom de l’étiquette
labels-remove = Retirer l’étiquette
labels-name-required = Indiquez le nom de l’étiquette.
labels-name-too-long = 60 caractères au plus pour une étiquette.
labels-notice-added = Étiquette ajoutée.
labels-notice-removed = Étiquette retirée.
bulk-select = Choisir le dossier
bulk-legend = Pour les dossiers cochés
bulk-action = Action
bulk-action-label = Ajouter une étiquette
bulk-action-unlabel = Retirer une étiquette
bulk-action-screening = Prendre en repérage
bulk-action-network = Attribuer à un réseau
bulk-label-name = Étiquette
bulk-network = Réseau
bulk-continue = Continuer…
bulk-confirm-title = Confirmer l’action sur { $count ->
    [one] un dossier
   *[other] { $count } dossiers
}
bulk-confirm-what = Action : { $action }
bulk-confirm-applies = S’applique à
bulk-confirm-skipped = Non concernés (rien ne change pour eux)
bulk-confirm-button = Confirmer
bulk-cancel = Annuler et revenir à la liste
bulk-none-selected = Cochez au moins un dossier dans la liste.
bulk-label-required = Indiquez l’étiquette à ajouter ou à retirer.
bulk-network-required = Choisissez le réseau.
bulk-unknown-action = Choisissez une action.
bulk-nothing-applies = Aucun des dossiers cochés n’est concerné par cette action.
bulk-skip-no-label = n’a pas cette étiquette
bulk-skip-has-label = a déjà cette étiquette
bulk-skip-state = son état ne le permet pas ({ $state })
bulk-skip-same-network = est déjà attribué à ce réseau
bulk-skip-not-visible = hors de vos réseaux
bulk-done = { $count ->
    [one] Action faite sur un dossier.
   *[other] Action faite sur { $count } dossiers.
}
staff-dossiers-files-zip = Télécharger tous les fichiers du dossier (ZIP : récépissés, pièces jointes)
