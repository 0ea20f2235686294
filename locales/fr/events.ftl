# Meetings of the network (src/events, public/events.rs, backoffice/events.rs). Keys start with
# `events-` (pages) or `email-event-` (the invitation and the reminder).
events-title = Rencontres du réseau
events-lead = Les rencontres des pôles et des initiatives repérées par l’appel, et de leurs soutiens.
events-none = Aucune rencontre annoncée pour l’instant.
events-when = Date
events-place = Lieu
events-place-unknown = Lieu à préciser
events-tentative = date à confirmer
events-when-day = { $date } (toute la journée)
events-when-span = { $date }, de { $start } à { $end }
events-past = Cette rencontre a eu lieu.
events-ics = Ajouter à mon agenda (fichier .ics)
events-back = Toutes les rencontres
events-see-page = Voir la page de la rencontre
events-upcoming = À venir
events-done = Passées

# The answer page (personal link, no account).
events-rsvp-title = Votre réponse à l’invitation
events-rsvp-for = Invitation adressée à { $name } ({ $email }).
events-rsvp-current = Votre réponse actuelle : { $answer }.
events-rsvp-question = Serez-vous présent ou présente ?
events-rsvp-yes = Oui
events-rsvp-maybe = Peut-être
events-rsvp-no = Non
events-rsvp-none = Sans réponse
events-rsvp-people = Nombre de personnes (vous compris)
events-rsvp-people-hint = De 1 à 20 ; ignoré si vous répondez « Non ».
events-rsvp-comment = Commentaire (facultatif)
events-rsvp-comment-hint = Par exemple : besoins d’accessibilité, régime alimentaire, heure d’arrivée.
events-rsvp-submit = Enregistrer ma réponse
events-rsvp-change = Vous pouvez changer votre réponse avec ce même lien jusqu’à la rencontre.
events-rsvp-saved = Merci, votre réponse est enregistrée : { $answer }.
events-rsvp-errors = Votre réponse n’a pas été enregistrée : corrigez le champ signalé.
events-link-over-title = Cette rencontre est passée
events-link-over-text = La rencontre « { $title } » a eu lieu : il n’est plus possible d’y répondre.
events-link-unknown-text = Ce lien de réponse ne correspond à aucune invitation. Vérifiez qu’il est complet (copiez toute l’adresse reçue par courriel), ou demandez une nouvelle invitation au comité de pilotage.
events-answer-none = Pas encore de réponse
events-answer-no = Non
events-answer-yes-people = Oui, { $count ->
    [one] { $count } personne
   *[other] { $count } personnes
}
events-answer-maybe-people = Peut-être, { $count ->
    [one] { $count } personne
   *[other] { $count } personnes
}

# Back office.
events-bo-home-link = Rencontres du réseau : invitations et réponses
events-bo-lead = Créez les rencontres, invitez les membres des pôles retenus et les soutiens, suivez les réponses.
events-bo-new = Créer une rencontre
events-bo-new-title = Nouvelle rencontre
events-bo-edit = Modifier la rencontre
events-bo-edit-title = Modifier « { $title } »
events-bo-back = Retour aux rencontres
events-bo-back-event = Retour à la rencontre
events-bo-col-event = Rencontre
events-bo-col-invited = Invitations
events-bo-col-coming = Participants attendus
events-bo-installed = Installée avec le calendrier de l’appel
events-bo-public-page = Page publique
events-bo-invite = Inviter des participants
events-bo-invitations = Invitations et réponses
events-bo-no-invitations = Personne n’est encore invité.
events-bo-totals = { $invited ->
    [one] { $invited } invitation
   *[other] { $invited } invitations
} : { $yes } oui, { $maybe } peut-être, { $no } non, { $none } sans réponse. Personnes attendues (oui) : { $people }.
events-bo-export = Exporter les participants (CSV)
events-bo-remind = Envoyer le rappel aux participants (oui et peut-être)
events-bo-remind-hint = { $count ->
    [0] Aucun participant à relancer : le rappel part une seule fois vers chaque personne ayant répondu oui ou peut-être.
    [one] Le rappel partira vers { $count } personne ayant répondu oui ou peut-être et pas encore relancée.
   *[other] Le rappel partira vers { $count } personnes ayant répondu oui ou peut-être et pas encore relancées.
}
events-bo-reminded = Rappel envoyé
events-notice-created = La rencontre est créée. Invitez maintenant les participants.
events-notice-updated = La rencontre est modifiée.
events-notice-invited = { $sent ->
    [0] Aucune nouvelle invitation envoyée
    [one] { $sent } invitation envoyée
   *[other] { $sent } invitations envoyées
} ; { $already ->
    [0] personne n’était déjà invité.
    [one] { $already } personne était déjà invitée (pas de nouvel envoi).
   *[other] { $already } personnes étaient déjà invitées (pas de nouvel envoi).
}
events-notice-reminded = { $count ->
    [0] Aucun rappel envoyé : chaque participant a déjà été relancé.
    [one] { $count } rappel envoyé.
   *[other] { $count } rappels envoyés.
}
events-field-title = Titre
events-field-title-en = Titre en anglais (facultatif)
events-field-date = Date
events-field-date-hint = Format JJ/MM/AAAA si votre navigateur ne propose pas de calendrier.
events-field-start = Heure de début
events-field-end = Heure de fin
events-field-times-hint = Laissez les deux heures vides pour une rencontre sur la journée entière.
events-field-place = Lieu (adresse)
events-field-description = Présentation
events-field-description-en = Présentation en anglais (facultatif)
events-field-tentative = Date à confirmer
events-save = Enregistrer
events-form-errors = La rencontre n’a pas été enregistrée : corrigez les champs signalés.
events-invite-title = Inviter à « { $title } »
events-invite-lead = Cochez les pôles (tous leurs membres au compte confirmé sont invités) et les soutiens à inviter. Une personne déjà invitée ne reçoit pas de second courriel.
events-invite-poles = Membres des pôles retenus
events-invite-no-poles = Aucun dossier retenu pour l’instant.
events-invite-members = { $count ->
    [one] { $count } personne
   *[other] { $count } personnes
}
events-invite-supporters = Soutiens (formulaire C, adresse confirmée, accord de suivi donné)
events-invite-no-supporters = Aucun soutien confirmé pour l’instant.
events-invite-already = déjà invité ou invitée
events-invite-submit = Envoyer les invitations
events-invite-nobody = Choisissez au moins un pôle ou un soutien.
events-pole-published = pôle publié
events-pole-unpublished = pôle non publié
events-source-pole = Pôle
events-source-supporter = Soutien
events-col-name = Nom
events-col-email = Adresse électronique
events-col-source = Provenance
events-col-answer = Réponse
events-col-people = Personnes
events-col-comment = Commentaire
events-col-answered = Répondu le
events-col-reminded = Rappel

# Errors of the forms.
events-error-title-required = Donnez un titre à la rencontre.
events-error-title-long = Le titre est trop long (200 caractères au plus).
events-error-place-long = Le lieu est trop long (300 caractères au plus).
events-error-description-long = La présentation est trop longue (5 000 caractères au plus).
events-error-date-required = Indiquez la date de la rencontre.
events-error-date-invalid = Cette date n’existe pas ou n’est pas lisible (format JJ/MM/AAAA).
events-error-time-invalid = Cette heure n’est pas lisible (format HH:MM, par exemple 09:30).
events-error-end-required = Indiquez aussi l’heure de fin, ou laissez les deux heures vides.
events-error-start-required = Indiquez aussi l’heure de début, ou laissez les deux heures vides.
events-error-end-before-start = L’heure de fin doit venir après l’heure de début.
events-error-answer-required = Choisissez Oui, Peut-être ou Non.
events-error-guests = Indiquez un nombre de personnes entre 1 et 20.
events-error-comment-long = Le commentaire est trop long (1 000 caractères au plus).

# Emails.
email-event-invitation-subject = Invitation : { $title } — PTCE
email-event-invitation-intro = Le comité de pilotage de l’appel PTCE vous invite à la rencontre « { $title } ».
email-event-when = Date :
email-event-place = Lieu :
email-event-place-unknown = à préciser
email-event-answer-with = Merci de répondre (oui, non ou peut-être) avec votre lien personnel, sans créer de compte :
email-event-answer-button = Répondre à l’invitation
email-event-copy = Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :
email-event-answer-change = Ce lien vous est personnel : il vous permet de changer votre réponse jusqu’à la rencontre.
email-event-page = La page de la rencontre, avec le fichier pour votre agenda :
email-event-reminder-subject = Rappel : { $title } — PTCE
email-event-reminder-intro = Nous vous rappelons la rencontre « { $title } », à laquelle vous avez répondu.
email-event-your-answer = Votre réponse :
email-event-reminder-change = Un empêchement ? Changez votre réponse avec ce lien personnel :

# Changes, cancellation, deletion (session 6).
nav-events = Rencontres
events-cancelled-badge = Annulée
events-cancelled-text = Cette rencontre est annulée.
events-link-cancelled-title = Cette rencontre est annulée
events-link-cancelled-text = La rencontre « { $title } » est annulée : il n’est plus possible d’y répondre.
events-bo-cancel = Annuler ou supprimer la rencontre
events-bo-cancelled-on = Rencontre annulée le { $when }. Sa page publique l’indique ; ses liens de réponse n’acceptent plus de réponse.
events-bo-cancel-title = Annuler « { $title } »
events-bo-cancel-lead = Une rencontre annulée reste visible, marquée « Annulée », sur la page des rencontres ; plus personne ne peut y répondre. Cette action est définitive.
events-bo-cancel-recipients = { $count ->
    [0] Aucun invité ne recevra de courriel (personne n’est invité, ou tous ont décliné).
    [one] { $count } invité qui n’a pas décliné recevra un courriel d’annulation, avec un fichier d’agenda qui retire la rencontre de son agenda.
   *[other] { $count } invités qui n’ont pas décliné recevront chacun un courriel d’annulation, avec un fichier d’agenda qui retire la rencontre de leur agenda.
}
events-bo-cancel-submit = Confirmer l’annulation
events-bo-cancel-keep = Ne rien changer
events-bo-delete-title = Supprimer plutôt
events-bo-delete-lead = Personne n’est invité à cette rencontre : vous pouvez aussi la supprimer. Elle disparaîtra de la page des rencontres.
events-bo-delete-submit = Supprimer la rencontre
events-bo-delete-installed = Cette rencontre vient du calendrier de l’appel : elle peut être annulée, pas supprimée.
events-notice-cancelled = { $count ->
    [0] La rencontre est annulée. Aucun courriel n’est parti (aucun invité à prévenir).
    [one] La rencontre est annulée. { $count } courriel d’annulation est parti.
   *[other] La rencontre est annulée. { $count } courriels d’annulation sont partis.
}
events-notice-deleted = La rencontre est supprimée.
events-notice-updated-notified = { $count ->
    [0] La rencontre est modifiée. Aucun invité n’a été prévenu.
    [one] La rencontre est modifiée. { $count } invité a été prévenu par courriel.
   *[other] La rencontre est modifiée. { $count } invités ont été prévenus par courriel.
}
events-field-notify = Prévenir les invités du changement
events-field-notify-hint = Si la date, les heures, le lieu ou la confirmation de la date changent, chaque invité qui n’a pas décliné reçoit un courriel avec les nouvelles informations et le fichier d’agenda mis à jour. Un changement du seul titre ou de la seule présentation n’envoie rien.
events-bo-phase-linked = Cette rencontre est la phase « { $phase } » du calendrier de l’appel : ses dates y sont reprises. Changer ses dates ici change le calendrier de l’appel, et changer la phase dans le calendrier déplace la rencontre.
events-conflict-title = Modification concurrente : rien n’a été enregistré
events-conflict-text = Une autre personne a modifié cette rencontre pendant que vous travailliez (le { $when }). Vos saisies sont conservées dans le formulaire ci-dessous ; la version enregistrée entre-temps est rappelée ici. Vérifiez, puis enregistrez de nouveau pour la remplacer.
events-conflict-cancelled = Cette rencontre a été annulée entre-temps (le { $when }) : elle ne peut plus être modifiée. Vos saisies sont conservées ci-dessous pour que vous puissiez les copier.
events-conflict-stored = Version enregistrée entre-temps
events-error-phase-order = Cette date ne respecte pas l’ordre du calendrier de l’appel (la phase précédente n’est pas terminée, ou la suivante a déjà commencé) : choisissez une autre date ou changez d’abord le calendrier.
email-event-update-subject = Changement : { $title } — PTCE
email-event-update-intro = La rencontre « { $title } » a changé. Voici les nouvelles informations.
email-event-update-former = Auparavant :
email-event-update-calendar = Le fichier joint (.ics) met à jour la rencontre dans votre agenda.
email-event-update-answer = Votre réponse reste enregistrée. Si vous devez la changer, utilisez ce lien personnel :
email-event-cancelled-subject = Annulation : { $title } — PTCE
email-event-cancelled-intro = La rencontre « { $title } » est annulée.
email-event-cancelled-calendar = Le fichier joint (.ics) retire la rencontre de votre agenda. Veuillez nous excuser pour ce changement.
email-event-cancelled-page = La page de la rencontre :
