# Repérage et compléments (prendre un dossier en repérage, demander un complément sur des parties
# du dossier, l'envoyer) et fichiers joints aux messages, en français. Every key has a twin in
# ../en/complements.ftl. Keys start with `complements-` (pages), `message-files-` (files of the
# thread), `email-complement-` (the email to the referents), or continue the history's families
# (`staff-dossiers-event-`, `dossier-event-`).

complements-screening-title = Repérage
complements-screening-hint = Prendre le dossier en repérage le verrouille pour la structure candidate : elle ne pourra plus le modifier, sauf les parties pour lesquelles vous demanderez un complément.
complements-screening-button = Prendre en repérage
complements-notice-screening = Dossier pris en repérage.
complements-screening-refused = Seul un dossier déposé peut être pris en repérage ; celui-ci est « { $state } ».

complements-title = Demander un complément
complements-hint = Cochez les parties du dossier à compléter : seules celles-ci redeviendront modifiables pour la structure candidate. Votre message est publié dans le fil des messages ; la structure reçoit un courriel l’invitant à le lire, sans son contenu.
complements-sections = Parties à compléter
complements-message = Message à la structure candidate
complements-button = Demander le complément
complements-notice-requested = Complément demandé ; la structure candidate en est avertie par courriel.
complements-refused-no-section = Cochez au moins une partie du dossier à compléter.
complements-refused-unknown-section = La partie « { $section } » n’existe pas dans le formulaire de ce dossier.
complements-refused-state = Un complément ne peut pas être demandé pour un dossier « { $state } ».
complements-open = Complément demandé le { $at } par { $name }, en attente de la structure candidate. Parties rouvertes :
complements-someone = une personne dont le compte a été supprimé

complements-banner-title = Un complément vous est demandé
complements-banner-text = Le ou la référente de votre dossier vous demande de compléter les parties ci-dessous ; les autres parties restent en lecture seule.
complements-banner-from = Message de { $name }, le { $at } :
complements-send-title = Envoyer le complément
complements-send-text = Quand les parties demandées sont complétées, envoyez le complément : le ou la référente en sera averti·e par courriel. La date de dépôt de votre dossier reste celle de votre dépôt.
complements-send-button = Envoyer le complément
complements-send-blocked = Complétez d’abord les réponses signalées dans les parties à compléter.
complements-notice-sent = Complément envoyé ; le ou la référente de votre dossier en est averti·e par courriel.
complements-refused-incomplete = Des réponses manquent ou sont à corriger dans les parties à compléter : voyez la liste des réponses manquantes.
complements-section-reopened = Partie rouverte à la demande du ou de la référente : complétez-la puis envoyez le complément depuis la page du dossier.
complements-section-closed = Cette partie n’est pas rouverte : seules les parties demandées en complément peuvent être modifiées ({ $sections }).

message-files = Fichiers joints
message-files-label = Joindre des fichiers (facultatif)
message-files-hint = PDF, textes et tableurs (OpenDocument, Word, Excel), images PNG ou JPEG ; { $size } au plus par fichier, { $count } fichiers au plus.
message-files-too-many = Joignez au plus { $count } fichiers à un message.
message-files-pending = vérification antivirus en cours

email-complement-subject = Complément reçu pour le dossier { $reference }
email-complement-intro = La structure candidate a envoyé le complément demandé pour le dossier { $reference } ({ $title }). Pour le consulter, connectez-vous :
email-complement-button = Voir le dossier
email-complement-privacy = Par confidentialité, le contenu des dossiers n’est jamais envoyé par courriel.

staff-dossiers-event-screening_started = Pris en repérage
staff-dossiers-event-complement_requested = Complément demandé
staff-dossiers-event-complement_sent = Complément envoyé par la structure candidate
dossier-event-screening_started = Dossier pris en repérage
dossier-event-complement_requested = Complément demandé par le ou la référente
dossier-event-complement_sent = Complément envoyé
