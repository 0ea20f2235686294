# Évaluation des dossiers (repérage, étape 2 : grille, évaluations, phases, attribution), en
# français. Every key has a twin in ../en/reviews.ftl. Keys start with `reviews-`.

reviews-title = Évaluations
reviews-none-assigned = Aucun évaluateur n’est encore attribué à ce dossier.
reviews-assigned = Évaluateurs :
reviews-write-own = Évaluer ce dossier
reviews-edit-own = Modifier mon évaluation
reviews-hidden = Phase en aveugle : les notes des autres évaluateurs s’affichent une fois votre évaluation déposée.
reviews-table-caption = Notes par critère (0 à 4) et total sur 100
reviews-criterion = Critère
reviews-weight = Poids
reviews-mean = Moyenne
reviews-median = Médiane
reviews-spread = Écart
reviews-divergence = écart à discuter
reviews-total = Total sur 100
reviews-bonus = Bonus
reviews-recommendation = Recommandation
reviews-comments = Commentaires des évaluateurs
reviews-assign = Attribuer des évaluateurs
reviews-assign-button = Attribuer
reviews-no-reviewer = Aucun compte évaluateur ou référent pour l’instant.
reviews-form-title = Évaluation du dossier
reviews-back-to-dossier = Retour au dossier
reviews-errors = Des notes sont à corriger
reviews-comment = Commentaire (obligatoire)
reviews-submit = Déposer mon évaluation
reviews-phase-open = La phase d’évaluation est ouverte.
reviews-phase-closed = La phase d’évaluation n’est pas ouverte : le comité de pilotage l’ouvrira.
reviews-not-assigned = Ce dossier ne vous est pas attribué pour évaluation.
reviews-queue-title = Mes dossiers à évaluer
reviews-queue-empty = Aucun dossier ne vous est attribué pour l’instant.
reviews-status = Mon évaluation
reviews-status-done = Déposée
reviews-status-todo = À faire
reviews-settings = Phase d’évaluation
reviews-settings-open = Les évaluateurs peuvent déposer leurs évaluations
reviews-settings-blind = En aveugle : un évaluateur ne voit les notes des autres qu’après avoir déposé les siennes
reviews-settings-own-network = L’attribution automatique évite les évaluateurs du réseau du dossier
reviews-settings-per-dossier = Évaluateurs par dossier (attribution automatique)
reviews-settings-save = Enregistrer la phase
reviews-auto-hint = Complète chaque dossier déposé jusqu’au nombre d’évaluateurs voulu, en équilibrant la charge et sans conflit d’intérêts déclaré.
reviews-auto = Attribuer automatiquement
reviews-notice-settings = Phase d’évaluation enregistrée.
reviews-notice-assigned = { $count ->
    [0] Aucune attribution ajoutée : chaque dossier a déjà ses évaluateurs, ou aucun évaluateur ne convient.
    [1] 1 attribution ajoutée.
   *[other] { $count } attributions ajoutées.
}
reviews-notice-submitted = Évaluation déposée.
reviews-notice-reviewers = Évaluateurs attribués.
staff-dossiers-reviews-link = Évaluations : mes dossiers, phase et attribution

admissibility-title = Recevabilité
admissibility-check = Vérification
admissibility-computed = Calcul automatique
admissibility-reason = Raison
admissibility-confirmed = Avis du référent
admissibility-comment = Commentaire (obligatoire pour modifier)
admissibility-confirm = Confirmer
admissibility-notice = Avis de recevabilité enregistré.
admissibility-comment-required = « { $check } » : pour retenir un autre avis que le calcul automatique, expliquez pourquoi dans le commentaire.
