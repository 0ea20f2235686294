# Échanges autour d’un dossier (fil de messages, annotations privées, routage, liste du back
# office), en français. Every key has a twin in ../en/exchanges.ftl.
# Keys start with `exchanges-` (pages), `routing-` (routing rules), `staff-dossiers-` (the back
# office's list and page) or `email-message-` (the notification email).

email-message-subject = Nouveau message sur le dossier { $reference }
email-message-intro = { $author } a écrit un nouveau message sur le dossier { $reference } ({ $title }). Pour le lire et y répondre, connectez-vous :
email-message-button = Lire le message
email-message-privacy = Par confidentialité, le contenu des messages n’est jamais envoyé par courriel.

exchanges-thread = Messages
exchanges-thread-staff-hint = Échanges avec la structure candidate : elle reçoit un courriel l’invitant à lire chaque message, sans son contenu.
exchanges-thread-candidate-hint = Vos échanges avec le ou la référente de votre dossier. Chaque message lui est signalé par courriel.
exchanges-no-message = Aucun message pour l’instant.
exchanges-new-message = Votre message
exchanges-send = Envoyer le message
exchanges-sent = Message envoyé.
exchanges-read-at = lu le { $at }
exchanges-back-to-dossier = Retour au dossier
exchanges-annotations = Annotations privées
exchanges-annotations-hint = Visibles seulement des référents, du comité de pilotage et des évaluateurs ; jamais montrées à la structure candidate ni envoyées par courriel.
exchanges-no-annotation = Aucune annotation.
exchanges-new-annotation = Nouvelle annotation
exchanges-add-annotation = Ajouter l’annotation

staff-dossiers-title = Dossiers déposés
staff-dossiers-scope = Dossiers du réseau :
staff-dossiers-search = Rechercher dans les dossiers (réponses, nom, référence, structure)
staff-dossiers-all = Tous
staff-dossiers-filter = Filtrer
staff-dossiers-count = { $count ->
    [0] Aucun dossier ne correspond.
    [1] 1 dossier.
   *[other] { $count } dossiers.
}
staff-dossiers-col-reference = Référence
staff-dossiers-col-title = Pôle ou initiative
staff-dossiers-col-organisation = Structure
staff-dossiers-col-track = Parcours
staff-dossiers-col-state = État
staff-dossiers-col-network = Réseau
staff-dossiers-col-submitted = Déposé le
staff-dossiers-col-unread = Messages non lus
staff-dossiers-unrouted = Non attribué
staff-dossiers-untitled = (sans nom)
staff-dossiers-pages = Pages de la liste
staff-dossiers-previous = Page précédente
staff-dossiers-next = Page suivante
staff-dossiers-back = Retour à la liste des dossiers
staff-dossiers-reassign = Réseau chargé du dossier
staff-dossiers-reassign-button = Réattribuer
staff-dossiers-answers = Réponses du dossier
staff-dossiers-history = Historique
staff-dossiers-notice-message = Message envoyé ; la structure candidate en est avertie par courriel.
staff-dossiers-notice-annotation = Annotation ajoutée.
staff-dossiers-notice-network = Réseau du dossier modifié.
staff-dossiers-event-created = Dossier créé
staff-dossiers-event-submitted = Dossier déposé
staff-dossiers-event-resubmitted = Dossier déposé de nouveau
staff-dossiers-event-withdrawn = Dossier retiré
staff-dossiers-event-routed = Attribué par une règle de routage
staff-dossiers-event-reassigned = Réattribué

routing-title = Routage des dossiers
routing-back = Retour aux réglages de l’appel
routing-intro = Quand une structure dépose un dossier sans avoir choisi de réseau, les règles sont essayées dans l’ordre : la première qui correspond attribue le dossier à son réseau. Sans règle correspondante, le dossier reste « non attribué » pour le comité de pilotage.
routing-none = Aucune règle : les dossiers sans réseau choisi restent non attribués.
routing-col-order = Ordre
routing-col-track = Parcours
routing-col-test = Ce qui est examiné
routing-col-field = Champ du formulaire
routing-col-values = Valeurs
routing-col-network = Réseau
routing-col-actions = Actions
routing-every-track = Tous les parcours
routing-remove = Retirer la règle
routing-add = Ajouter une règle
routing-add-button = Ajouter la règle
routing-field-hint = La clé du champ, par exemple lead_commune (commune de la structure porteuse) ou sectors (secteurs d’activité).
routing-values-hint = Séparées par des virgules : codes de départements (26, 07), de régions (84) ou valeurs de réponse (numerique).
routing-notice-added = Règle ajoutée.
routing-notice-removed = Règle retirée.
staff-dossiers-home-link = Dossiers déposés : liste, messages, annotations
exchanges-link-from-dossier = Messages avec le ou la référente du dossier
staff-dossiers-export = Exporter la liste filtrée :
staff-dossiers-export-sheet = Dossiers
staff-dossiers-export-col-updated = Dernière modification
staff-dossiers-export-col-commune = Commune de la structure porteuse
staff-dossiers-export-col-department = Département
staff-dossiers-export-col-region = Région
staff-dossiers-export-col-region-2011 = Région (2011)
staff-dossiers-event-decision = Décision publiée
