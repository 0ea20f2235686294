# Email messages, French. Templates: templates/emails/<name>/{subject.txt, body.txt, body.html}.
# Every key here has a twin in ../en/emails.ftl (a unit test checks it). Keys start with
# `email-`: all .ftl files share one namespace.

email-greeting = Bonjour,
email-signature = L’équipe de la plateforme PTCE
email-footer = Ce message a été envoyé automatiquement par la plateforme de l’appel à candidatures des Pôles Territoriaux de Coopération Économique. Merci de ne pas y répondre.

email-confirm-account-subject = Confirmez votre adresse électronique — PTCE
email-confirm-account-intro = Un compte vient d’être créé avec cette adresse sur la plateforme de l’appel à candidatures PTCE. Pour l’activer, confirmez votre adresse électronique en ouvrant ce lien :
email-confirm-account-button = Confirmer mon adresse électronique
email-confirm-account-copy = Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :
email-confirm-account-validity = Ce lien est valable 24 heures et ne peut servir qu’une seule fois.
email-confirm-account-not-you = Si vous n’avez pas demandé la création de ce compte, ignorez ce message : sans confirmation, le compte ne sera pas activé.

email-receipt-subject = Récépissé de dépôt du dossier { $reference } — PTCE
email-receipt-intro = Votre dossier { $reference } « { $title } » a bien été déposé.
email-receipt-when = Date et heure du dépôt (heure de Paris) :
email-receipt-fingerprint = Empreinte SHA-256 du contenu déposé :
email-receipt-attached = Le récépissé, avec tout le contenu déposé, est joint à ce message au format PDF. Conservez-le.
email-receipt-button = Voir mon dossier
email-receipt-edit = Vous pouvez encore modifier votre dossier et le déposer à nouveau jusqu’à la date limite ; chaque nouveau dépôt donne un nouveau récépissé.
