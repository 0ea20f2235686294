# The public directory of poles and its map (src/directory, public/directory.rs). Keys start
# with `directory-`.
directory-title = Annuaire des pôles
directory-lead = Les pôles territoriaux de coopération économique retenus par l’appel et publiés par le comité de pilotage. Cherchez par nom, territoire ou activité ; chaque sélection a sa propre adresse, à partager.
directory-map-title = Carte des pôles
directory-map-lead = Les mêmes pôles que l’annuaire, sur une carte. La liste à côté de la carte contient les mêmes pôles.
directory-map-label = Carte des pôles : chaque repère ouvre une bulle avec un lien vers la page du pôle
directory-map-list = Liste des pôles de la carte
directory-search = Recherche
directory-region-2011 = Région (2011)
directory-region = Région (actuelle)
directory-department = Département
directory-sector = Secteur d’activité
directory-profile = Profil
directory-mutualisation = Mutualisation
directory-track = Parcours
directory-year = Année de sélection
directory-page-param = Page
directory-all = Tous
directory-apply = Filtrer
directory-clear = Effacer les filtres
directory-count = { $n ->
    [0] Aucun pôle
    [one] { $n } pôle
   *[other] { $n } pôles
}
directory-empty = Aucun pôle publié ne correspond à ces critères.
directory-ignored = Filtre inconnu ignoré : { $filter } « { $value } »
directory-search-no-term = Recherche ignorée : « { $value } » ne contient aucun mot à chercher.
directory-search-too-long = Recherche ignorée : 200 caractères au plus.
directory-pages = Pages de l’annuaire
directory-previous = Page précédente
directory-next = Page suivante
directory-page = Page { $page } sur { $pages }
directory-to-map = Voir ces pôles sur la carte
directory-to-directory = Voir ces pôles dans l’annuaire
directory-to-snippet = Intégrer cette sélection sur votre site
directory-on-site = Voir sur le site de l’appel
directory-snippet-title = Intégrer l’annuaire ou la carte sur votre site
directory-snippet-lead = Copiez l’un de ces codes dans une page de votre site : il affiche les pôles de la sélection ci-dessous, toujours à jour. Changez les filtres pour changer la sélection.
directory-snippet-map = Code de la carte à copier
directory-snippet-directory = Code de l’annuaire à copier
nav-directory = Annuaire
nav-map = Carte
