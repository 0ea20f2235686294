# Sélection (tableau de sélection d’un parcours, décisions préparées, publication) et courriel de
# décision, en français. Every key has a twin in ../en/selection.ftl.
# Keys start with `selection-` (pages) or `email-decision-` (the decision email).

selection-title = Tableau de sélection
selection-tracks = Parcours
selection-quota = Retenus (préparés ou publiés) : { $selected } sur un quota de { $quota }.
selection-per-region = Au plus N dossiers par région (vide : sans limite)
selection-regions = Régions comptées
selection-regions-2011 = Régions de 2011
selection-regions-current = Régions actuelles
selection-rule-save = Appliquer la règle
selection-rule-invalid = La limite par région doit être un nombre entier de 1 à 100, ou rester vide.
selection-apply-hint = Prépare « Retenu » pour chaque dossier de la sélection suggérée qui n’a pas encore de décision ; la motivation reprend la raison affichée, à compléter avant publication.
selection-apply = Appliquer la suggestion
selection-board-caption = Dossiers classés par score moyen, avec la sélection suggérée (le meilleur total possible sous le quota et la règle par région) et la raison de chaque dossier
selection-col-place = Rang
selection-col-department = Département
selection-col-region = Région
selection-col-score = Score moyen
selection-col-suggestion = Suggestion
selection-col-decision = Décision
selection-col-selected = Retenus
selection-col-candidates = Candidats
selection-not-reviewed = pas encore évalué
selection-motivation = Motivation
selection-prepare = Préparer
selection-released = publiée
selection-balance = Équilibre territorial
selection-balance-regions = Dossiers retenus et candidats par région
selection-balance-departments = Dossiers retenus et candidats par département
selection-release = Publication des décisions
selection-release-hint = Les décisions préparées restent invisibles des candidats (pages, courriels, exports) jusqu’à leur publication. La publication change l’état des dossiers et envoie à chaque structure son courriel de décision.
selection-release-all = Publier les décisions préparées
selection-notice-rule = Règle de sélection enregistrée.
selection-notice-decision = Décision préparée (non publiée).
selection-notice-applied = { $count ->
    [0] Aucune décision préparée : les dossiers suggérés en ont déjà une.
    [1] 1 décision « Retenu » préparée.
   *[other] { $count } décisions « Retenu » préparées.
}
selection-notice-released = { $count ->
    [0] Aucune décision publiée.
    [1] 1 décision publiée ; le courriel part à la structure.
   *[other] { $count } décisions publiées ; les courriels partent aux structures.
}
staff-dossiers-selection-link = Sélection : classement, suggestion, décisions

email-decision-subject = Décision sur votre dossier { $reference }
email-decision-intro = Le comité de pilotage de l’appel a rendu sa décision sur votre dossier { $reference } ({ $title }) :
email-decision-button = Voir mon dossier
