# Statistics of the call (/gestion/statistiques), the maps of France, the reminder of drafts and
# its opt-out page (/espace/relances).

statistics-title = Statistiques
statistics-home-link = Statistiques de l’appel
statistics-not-allowed = Les statistiques sont réservées au comité de pilotage et aux référents des réseaux.
statistics-scope = Chiffres des dossiers de votre réseau : { $networks }.
statistics-summary = { $submitted ->
    [one] { $submitted } dossier déposé
   *[other] { $submitted } dossiers déposés
}, { $drafts ->
    [one] { $drafts } brouillon non déposé.
   *[other] { $drafts } brouillons non déposés.
}
statistics-contents = Sommaire des statistiques
statistics-none = Aucun dossier pour l’instant.
statistics-none-submitted = Aucun dossier déposé pour l’instant.
statistics-by-track-state = Dossiers par parcours et par état
statistics-by-network = Dossiers déposés par réseau
statistics-by-region = Dossiers déposés par région
statistics-by-region-2011 = Par région de 2011
statistics-by-region-current = Par région actuelle
statistics-by-department = Dossiers déposés par département
statistics-per-day = Premiers dépôts par jour
statistics-per-day-table = Les mêmes chiffres en tableau
statistics-drafts = Brouillons non déposés
statistics-no-drafts = Aucun brouillon en attente.
statistics-col-state = État
statistics-col-total = Total
statistics-col-network = Réseau
statistics-col-region = Région
statistics-col-department = Département
statistics-col-dossiers = Dossiers
statistics-col-day = Jour
statistics-col-first-submissions = Premiers dépôts
statistics-col-track = Parcours
statistics-col-drafts = Brouillons
statistics-no-network = Sans réseau attribué
statistics-unplaced = { $count ->
    [one] { $count } dossier sans commune reconnue n’est compté dans aucune région.
   *[other] { $count } dossiers sans commune reconnue ne sont comptés dans aucune région.
}
statistics-map-caption-2011 = Dossiers déposés par région de 2011
statistics-map-caption-actuelles = Dossiers déposés par région actuelle
statistics-map-caption-departements = Dossiers déposés par département
map-selection-caption-2011 = Sélection préparée par région de 2011
map-selection-caption-actuelles = Sélection préparée par région actuelle
statistics-chart-label = Diagramme en barres : premiers dépôts par jour, { $range }, { $count } au total. Le tableau qui suit donne les mêmes chiffres.
statistics-day-bar = { $day } : { $count ->
    [one] { $count } premier dépôt
   *[other] { $count } premiers dépôts
}
statistics-deadline = Les candidatures ferment le { $when }.
statistics-deadline-passed = Les candidatures sont fermées depuis le { $when }.
statistics-remind = Relancer les auteurs des brouillons
statistics-remind-hint = Un courriel par personne, dans sa langue, avec la liste de ses brouillons et la date limite. Les personnes qui ont demandé à ne plus être relancées et les comptes supprimés ou désactivés ne le reçoivent pas.
statistics-last-reminder = Dernier rappel :
statistics-reminder-sent = le { $when } par { $by }, à { $people ->
    [one] { $people } personne
   *[other] { $people } personnes
}.
statistics-reminder-title = Relance des brouillons
statistics-reminder-count = { $people ->
    [one] { $people } personne recevra ce rappel
   *[other] { $people } personnes recevront ce rappel
}, pour { $drafts ->
    [one] { $drafts } brouillon.
   *[other] { $drafts } brouillons.
}
statistics-reminder-nobody = Personne à relancer : aucun brouillon d’un compte actif qui accepte les rappels.
statistics-reminder-recent = Un rappel a déjà été envoyé il y a moins de 24 heures :
statistics-reminder-recent-confirm = Confirmez pour en envoyer un nouveau.
statistics-reminder-send = Envoyer le rappel
statistics-reminder-send-again = Envoyer quand même un nouveau rappel
statistics-reminder-cancel = Revenir aux statistiques sans envoyer
statistics-notice-sent = { $count ->
    [one] Rappel envoyé à { $count } personne.
   *[other] Rappel envoyé à { $count } personnes.
}
statistics-notice-nobody = Aucun rappel envoyé : personne à relancer.

map-level-2011 = Régions de 2011
map-level-current = Régions actuelles
map-level-departments = Départements
map-switch = Découpage de la carte
map-legend = Dossiers
map-area = { $area } : { $count ->
    [one] { $count } dossier
   *[other] { $count } dossiers
}
map-label = { $caption } (carte). { $areas }. Ailleurs : aucun.
map-label-empty = { $caption } (carte) : aucun.
map-credit = Contours des départements : MapSVG et Victor Cazanave, licence CC BY 4.0.

reminders-title = Rappels de vos brouillons
reminders-intro = Avant la date limite, le comité de pilotage peut rappeler par courriel aux auteurs les dossiers qu’ils n’ont pas encore déposés.
reminders-on = Vous recevez ces rappels.
reminders-off = Vous ne recevez plus ces rappels depuis le { $since }.
reminders-stop = Ne plus recevoir ces rappels
reminders-resume = Recevoir de nouveau ces rappels
reminders-notice-stopped = C’est noté : vous ne recevrez plus de rappel de vos brouillons.
reminders-notice-resumed = C’est noté : vous recevrez de nouveau les rappels de vos brouillons.

email-draft-reminder-subject = Rappel : votre candidature PTCE n’est pas encore déposée
email-draft-reminder-intro = { $count ->
    [one] Votre dossier ci-dessous n’est pas encore déposé
   *[other] Vos dossiers ci-dessous ne sont pas encore déposés
}. Les candidatures ferment le { $deadline } : après, le dépôt n’est plus possible.
email-draft-reminder-intro-open = { $count ->
    [one] Votre dossier ci-dessous n’est pas encore déposé.
   *[other] Vos dossiers ci-dessous ne sont pas encore déposés.
}
email-draft-reminder-action = Pour compléter et déposer, ouvrez votre espace :
email-draft-reminder-button = Ouvrir mon espace
email-draft-reminder-opt-out = Pour ne plus recevoir ces rappels :
