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
