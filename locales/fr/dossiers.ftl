# Dossiers (candidatures): starting, filling, submitting, receipts, French.
# Every key here has a twin in ../en/dossiers.ftl (a unit test checks it). Keys start with
# `dossier-`, `receipt-` or `space-dossiers-`.

breadcrumb-label = Fil d’Ariane
space-dossiers-title = Mes dossiers de candidature
dossier-word = Dossier
dossier-untitled = Dossier sans nom
dossier-reference = Numéro
dossier-name = Pôle ou initiative
dossier-track = Parcours
dossier-state = État
dossier-window = Dépôt des dossiers
dossier-window-open = Dépôt ouvert jusqu’au { $deadline } (heure de Paris) : encore { $left }.
dossier-window-not-yet = Le dépôt des dossiers ouvrira le { $opens } (heure de Paris).
dossier-window-closed = Le dépôt des dossiers est fermé depuis le { $deadline } (heure de Paris).
dossier-missing-count = { $count ->
    [one] 1 réponse manquante ou à corriger
   *[other] { $count } réponses manquantes ou à corriger
}

dossier-new-title = Commencer un dossier
dossier-new-legend = Votre situation
dossier-new-submit = Commencer le dossier
dossier-new-choose = Choisissez le parcours de votre dossier.
dossier-new-quota = environ { $quota } retenus
dossier-new-no-organisation = Pour commencer un dossier, votre compte doit être rattaché à une organisation (la structure porteuse).
dossier-new-interest = Vous souhaitez seulement manifester votre intérêt ou votre soutien ? Un formulaire court, sans compte, est prévu à cet effet.

dossier-steps-label = Étapes du dossier
dossier-steps-all = Toutes les étapes du dossier
dossier-step-count = Étape { $position } sur { $count }
dossier-step-complete = complète
dossier-summary-link = Récapitulatif et dépôt
dossier-required = (obligatoire)
dossier-required-legend = Les champs marqués « (obligatoire) » doivent être remplis avant le dépôt. Vous pouvez enregistrer à tout moment un dossier incomplet.
dossier-save-next = Enregistrer et continuer
dossier-save-summary = Enregistrer et voir le récapitulatif
dossier-save = Enregistrer
dossier-previous = Étape précédente
dossier-not-editable = Ce dossier ne peut plus être modifié.
dossier-notice-saved = Vos réponses sont enregistrées.
dossier-notice-saved-with-errors = Vos réponses sont enregistrées, telles que vous les avez saisies. Certaines sont à corriger avant le dépôt : voir ci-dessous.
dossier-kept-input = Votre session avait expiré : ce que vous aviez saisi a été conservé et figure ci-dessous. Il n’est pas encore enregistré : relisez-le puis enregistrez.
dossier-choose = — Choisir —
dossier-yes = Oui
dossier-no = Non
dossier-max-chars = { $max } caractères au maximum.
dossier-communes-more = Une commune par case ; enregistrez pour obtenir des cases supplémentaires.
dossier-commune-homonyms = Plusieurs communes portent ce nom : laquelle ?
dossier-table-more = Les lignes vides sont ignorées ; enregistrez pour obtenir des lignes supplémentaires. Cochez « Supprimer » pour retirer une ligne.
dossier-row-remove = Supprimer
dossier-files-none = Aucun fichier pour l’instant.
dossier-file-upload = Envoyer le fichier
dossier-file-remove = Retirer
dossier-file-types = Formats acceptés : { $types } ; { $max } Mo au plus par fichier.

dossier-conflict-title = Quelqu’un a modifié cette étape pendant que vous la remplissiez
dossier-conflict-text = Rien n’est perdu : vos saisies sont ci-dessous, et pour chaque réponse modifiée entre-temps, la valeur enregistrée par l’autre personne est affichée. Choisissez pour chacune la valeur à garder, puis enregistrez.
dossier-conflict-theirs = Valeur enregistrée entre-temps :
dossier-conflict-empty = (vide)
dossier-conflict-keep-mine = Garder ma saisie
dossier-conflict-keep-theirs = Reprendre la valeur enregistrée

dossier-progress-title = Avancement
dossier-missing-title = Ce qui manque
dossier-nothing-missing = Toutes les réponses obligatoires sont données. Vous pouvez déposer le dossier.
dossier-warning = à vérifier
dossier-submit-title = Déposer le dossier
dossier-resubmit-title = Déposer une nouvelle version
dossier-submit-blocked = Le dossier ne peut pas encore être déposé : complétez ou corrigez les réponses listées ci-dessus.
dossier-submit-text = En déposant, vous recevez un récépissé par courriel (PDF). Vous pourrez encore modifier le dossier et le déposer à nouveau jusqu’à la date limite.
dossier-submit = Déposer le dossier
dossier-resubmit = Déposer cette nouvelle version
dossier-notice-submitted = Votre dossier est déposé. Le récépissé vous a été envoyé par courriel ; vous pouvez aussi le télécharger ci-dessous.
dossier-notice-already-submitted = Ce dossier était déjà déposé dans cette version : rien n’a été envoyé deux fois.
dossier-notice-withdrawn = Votre dossier est retiré.
dossier-refused-title = Le dossier n’a pas été déposé
dossier-refused-incomplete = Des réponses obligatoires manquent ou sont à corriger : voir « Ce qui manque ».
dossier-refused-changed = Le dossier a été modifié depuis que vous avez ouvert cette page (dans un autre onglet ou par un ou une collègue). Relisez-le, puis déposez de nouveau.
dossier-refused-closed = La période de dépôt est close depuis le { $deadline } (heure de Paris). Le dossier n’a pas été déposé.
dossier-refused-not-yet = La période de dépôt n’est pas encore ouverte : elle ouvrira le { $opens } (heure de Paris).
dossier-refused-state = Ce dossier ne peut pas être déposé dans son état actuel.
dossier-receipts-title = Récépissés
dossier-receipt = Récépissé
dossier-history-title = Historique
dossier-history-when = Date
dossier-history-what = Événement
dossier-history-who = Par
dossier-event-created = Dossier créé
dossier-event-submitted = Dossier déposé (récépissé { $number })
dossier-event-resubmitted = Nouvelle version déposée (récépissé { $number })
dossier-event-withdrawn = Dossier retiré
dossier-event-routed = Dossier confié à un réseau partenaire
dossier-event-reassigned = Dossier confié à un autre réseau partenaire
dossier-event-decision = Décision du comité de pilotage
dossier-withdraw-title = Retirer le dossier
dossier-withdraw-open = Je souhaite retirer ce dossier
dossier-withdraw-reason = Motif (facultatif)
dossier-withdraw-confirm = Je confirme le retrait de ce dossier ; il ne sera pas examiné.
dossier-withdraw = Retirer le dossier
dossier-withdraw-confirm-missing = Cochez la case de confirmation pour retirer le dossier.

receipt-title = Récépissé de dépôt
receipt-reference = Numéro du dossier
receipt-track = Parcours
receipt-organisation = Structure porteuse
receipt-submitted-at = Déposé le (heure de Paris)
receipt-number = Version déposée
receipt-sha256 = Empreinte SHA-256 du contenu
receipt-notice = Ce récépissé atteste le dépôt du dossier ci-dessous, dans l’état où il a été déposé. L’empreinte SHA-256 permet de vérifier que son contenu n’a pas changé depuis.
receipt-no-answer = —
receipt-no-rows = Aucune ligne.

dossier-autosave-saving = Enregistrement…
dossier-autosave-saved = Enregistré automatiquement à { "{" }time{ "}" }.
dossier-autosave-conflict = Quelqu’un d’autre a modifié cette étape : l’enregistrement automatique est suspendu. Cliquez sur « Enregistrer » pour comparer les valeurs ; rien n’est perdu.
dossier-autosave-logged-out = Votre session a expiré : l’enregistrement automatique est suspendu. Cliquez sur « Enregistrer » : vos saisies seront conservées pendant que vous vous reconnectez.
dossier-autosave-failed = L’enregistrement automatique a échoué. Cliquez sur « Enregistrer ».
dossier-autosave-offline = Pas de connexion : vos saisies sont gardées dans ce navigateur et seront enregistrées dès que possible.
dossier-autosave-restore = Reprendre les saisies non enregistrées
dossier-notice-file-added = Le fichier est joint au dossier.
dossier-notice-file-removed = Le fichier est retiré du dossier.
dossier-file-pending-title = Fichier en cours d’analyse
dossier-file-pending = Ce fichier n’a pas encore été analysé par l’antivirus : il pourra être téléchargé dès que l’analyse l’aura déclaré sain. Réessayez dans quelques minutes.
dossier-file-too-many = Ce champ accepte au plus { $max } fichiers : retirez-en un avant d’en ajouter un autre.
dossier-file-missing = Choisissez un fichier à envoyer.
dossier-progress-count = { $answered } sur { $total } réponses obligatoires
dossier-progress-errors = { $count ->
    [one] 1 à corriger
   *[other] { $count } à corriger
}
dossier-progress-warnings = { $count ->
    [one] 1 à vérifier
   *[other] { $count } à vérifier
}
dossier-unchanged = Votre dernière version est déposée. Si vous modifiez le dossier avant la date limite, vous pourrez déposer la nouvelle version.
dossier-network = Réseau référent
dossier-network-none = pas encore choisi (étape « Contact et réseau »)
dossier-network-unknown = je ne sais pas encore : le comité de pilotage vous orientera
