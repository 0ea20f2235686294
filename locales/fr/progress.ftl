# Démarche de progrès : périodes, rapports des pôles, relances, indicateurs (src/progress).

progress-error-label-missing = Donnez un nom à la période, par exemple « 2012 ».
progress-error-label-long = Le nom de la période tient en 40 caractères au plus.
progress-error-label-taken = Une période porte déjà ce nom : choisissez-en un autre.
progress-error-date-missing = Indiquez la date.
progress-error-date-unreadable = Cette date ne se lit pas : écrivez-la sous la forme 31/03/2013.
progress-error-end-before-start = La fin de la période ne peut pas précéder son début.
progress-error-due-before-end = L’échéance des rapports ne peut pas précéder la fin de la période.

progress-missing = —
progress-unknown = Non renseigné
progress-status-none = À remplir
progress-status-draft = Brouillon enregistré le
progress-status-submitted = Déposé le

email-progress-reminder-subject = Rapport de progrès { $period } de votre pôle
email-progress-reminder-soon = Le rapport de progrès { $period } du pôle « { $pole } » est attendu pour le { $due } et n’est pas encore déposé.
email-progress-reminder-late = Le rapport de progrès { $period } du pôle « { $pole } » était attendu pour le { $due } et n’est pas encore déposé : il est encore temps de le remplir.
email-progress-reminder-action = Pour le remplir, enregistrer un brouillon ou le déposer, ouvrez-le dans votre espace :
email-progress-reminder-button = Remplir le rapport

progress-space-link = Démarche de progrès de votre pôle
progress-space-title = Démarche de progrès
progress-back-to-space = Retour à votre espace
progress-space-lead = Chaque période, votre pôle rend compte de ses indicateurs (membres, emplois, économie, coopération, territoire, gouvernance, environnement). Une fois le rapport déposé, ses chiffres paraissent sur la page publique du pôle.
progress-space-no-pole = Votre organisation n’a pas encore de pôle publié dans l’annuaire : la démarche de progrès commence après la publication.
progress-space-no-period = Le comité de pilotage n’a pas encore ouvert de période.
progress-see-public-page = Voir la page publique du pôle
progress-periods-caption = Périodes et rapports
progress-col-period = Période
progress-col-span = Dates couvertes
progress-col-due = Échéance
progress-col-status = État du rapport
progress-back-to-list = Retour aux rapports de progrès
progress-pole = Pôle
progress-submitted-lead = Ce rapport est déposé : le voici tel qu’il a été transmis. Ses indicateurs chiffrés paraissent sur la page publique du pôle ; les faits marquants restent réservés au comité de pilotage.
progress-public-note = Seuls les indicateurs chiffrés d’un rapport déposé sont publiés ; les faits marquants et les brouillons ne le sont jamais.
progress-save-draft = Enregistrer le brouillon
progress-submit = Déposer le rapport
progress-submit-hint = Un rapport déposé ne peut plus être modifié.
progress-notice-saved = Brouillon enregistré.
progress-notice-saved-with-issues = Brouillon enregistré, mais certaines valeurs ne se lisent pas : corrigez-les avant de déposer.
progress-notice-submitted = Rapport déposé. Merci ! Ses indicateurs paraissent sur la page publique du pôle.
progress-notice-already-submitted = Ce rapport était déjà déposé : il n’a pas été modifié.

progress-public-title = Démarche de progrès
progress-public-what = Ce qui est public : les indicateurs chiffrés des rapports de progrès que le pôle a déposés, période par période. Les brouillons et les commentaires du pôle ne sont pas publiés.
progress-public-none = Aucun rapport de progrès déposé pour l’instant.
progress-table-caption = chiffres par période
progress-col-indicator = Indicateur

progress-bo-home-link = Démarche de progrès des pôles
progress-dashboard-title = Démarche de progrès du réseau
progress-dashboard-lead = Les totaux du réseau, période par période : seuls les rapports déposés des pôles publiés comptent. Les taux (part de l’ESS, autofinancement) sont recalculés sur les totaux.
progress-periods-link = Périodes, rapports et relances
progress-no-period = Aucune période n’est encore ouverte.
progress-reports-title = Rapports déposés
progress-col-submitted = Rapports déposés
progress-indicator-title = Un indicateur par région et par secteur
progress-indicator-label = Indicateur
progress-regions-label = Régions
progress-regions-2011 = Régions de 2011
progress-regions-current = Régions actuelles
progress-show = Afficher
progress-network-total = total du réseau par période
progress-by-region = par région
progress-by-sector = par secteur
progress-by-sector-hint = Un pôle actif dans plusieurs secteurs compte dans chacun d’eux ; seuls les secteurs rendus publics par le pôle sont pris en compte.
progress-totals-title = Tous les indicateurs : totaux du réseau
progress-totals-hint = Sommes des rapports déposés (moyenne pour un pourcentage saisi par les pôles).
progress-col-region = Région
progress-col-sector = Secteur
progress-filter-ignored = Un filtre de l’adresse est inconnu : il a été ignoré.

progress-periods-title = Périodes de la démarche de progrès
progress-periods-lead = Le comité de pilotage ouvre une période par an (par défaut l’année civile, rapports attendus au 31 mars suivant). Chaque pôle publié remplit son rapport depuis son espace.
progress-col-drafts = Brouillons
progress-col-reminders = Relances
progress-remind-before = Relancer avant l’échéance
progress-remind-after = Relancer après l’échéance
progress-remind-not-yet = Relance possible dans les 14 jours avant l’échéance.
progress-remind-hint = Une relance part vers les membres des pôles dont le rapport n’est pas déposé ; chaque pôle reçoit au plus une relance avant l’échéance et une après, même si l’on clique plusieurs fois.
progress-reminders-before = Avant l’échéance : { $count ->
    [one] 1 pôle relancé
   *[other] { $count } pôles relancés
} (dernière le { $date })
progress-reminders-after = Après l’échéance : { $count ->
    [one] 1 pôle relancé
   *[other] { $count } pôles relancés
} (dernière le { $date })
progress-new-period = Ouvrir une période
progress-field-label = Nom de la période
progress-field-label-hint = Par exemple « 2012 ».
progress-field-starts = Début de la période
progress-field-ends = Fin de la période
progress-field-due = Échéance des rapports
progress-field-date-hint = Format : 31/03/2013.
progress-add-period = Ouvrir la période
progress-notice-period-added = Période ouverte : les pôles publiés peuvent remplir leur rapport.
progress-notice-reminded = { $sent ->
    [0] Aucun pôle relancé
    [one] 1 pôle relancé
   *[other] { $sent } pôles relancés
}{ $already ->
    [0] .
   *[other] {"\u00A0; "}{ $already } l’avaient déjà été (pas de nouvel envoi).
}
progress-notice-no-reminder = Aucune relance n’est due aujourd’hui pour cette période.
