# Credentials after sign-up: forgotten password, change of password, change of address, and
# their emails. Twin of ../en/credentials.ftl. All .ftl files share one namespace: page keys
# start with `credentials-`, email keys with `email-<kind>-` (or `email-credentials-`).

credentials-forgot-link = Mot de passe oublié ?
credentials-forgot-title = Mot de passe oublié
credentials-forgot-intro = Indiquez l’adresse électronique de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe.
credentials-forgot-submit = Recevoir un lien
credentials-forgot-sent-title = Vérifiez votre messagerie
credentials-forgot-sent-text = Si un compte existe pour l’adresse { $email }, un message vient d’y être envoyé avec un lien pour choisir un nouveau mot de passe, valable 1 heure. Pensez à regarder dans les indésirables.
credentials-error-reset-throttled = Trop de demandes de nouveau mot de passe pour cette adresse. Réessayez dans une heure.

credentials-reset-title = Choisir un nouveau mot de passe
credentials-reset-intro = Ce mot de passe remplacera l’ancien, et toutes les sessions ouvertes sur votre compte seront fermées. Vous vous connecterez ensuite avec lui.
credentials-reset-submit = Enregistrer le nouveau mot de passe
credentials-reset-done-title = Mot de passe enregistré
credentials-reset-done-text = Votre nouveau mot de passe est enregistré et toutes vos sessions ont été fermées. Connectez-vous avec ce nouveau mot de passe.
credentials-reset-expired-text = Les liens pour choisir un nouveau mot de passe sont valables 1 heure. Demandez-en un nouveau.
credentials-reset-used-text = Chaque lien ne fonctionne qu’une fois. Si vous n’avez pas encore choisi de nouveau mot de passe, demandez un nouveau lien.
credentials-reset-unknown-text = Ce lien n’est pas valable. Vérifiez qu’il a été copié en entier, ou demandez un nouveau lien.
credentials-reset-ask-again = Demander un nouveau lien

credentials-settings-title = Paramètres du compte
credentials-space-password-link = Changer de mot de passe
credentials-space-email-link = Changer d’adresse électronique
credentials-back-to-space = Retour à mon espace
credentials-field-current-password = Mot de passe actuel
credentials-error-current-password = Le mot de passe actuel est incorrect.
credentials-error-reauth-throttled = Trop de tentatives avec un mot de passe incorrect. Pour protéger ce compte, réessayez dans quelques minutes.

credentials-password-title = Changer de mot de passe
credentials-password-intro = Vos autres sessions ouvertes, sur d’autres appareils ou navigateurs, seront fermées ; celle-ci reste ouverte.
credentials-password-submit = Changer de mot de passe
credentials-password-done-title = Mot de passe changé
credentials-password-done-text = Votre nouveau mot de passe est enregistré. Vos autres sessions ont été fermées.

credentials-email-title = Changer d’adresse électronique
credentials-email-intro = Nous enverrons un lien de confirmation à la nouvelle adresse, et un message d’information à l’adresse actuelle. Votre adresse ne changera qu’une fois le lien suivi.
credentials-email-current = Adresse actuelle : { $email }
credentials-field-new-email = Nouvelle adresse électronique
credentials-email-password-hint = Pour confirmer que c’est bien vous, indiquez votre mot de passe.
credentials-email-submit = Envoyer le lien de confirmation
credentials-error-same-email = C’est déjà l’adresse de votre compte.
credentials-email-sent-title = Vérifiez votre messagerie
credentials-email-sent-text = Si l’adresse { $email } peut être utilisée, un message vient d’y être envoyé avec un lien de confirmation, valable 24 heures. Votre adresse ne changera qu’une fois ce lien suivi, en étant connecté à votre compte.
credentials-email-confirm-title = Confirmer votre nouvelle adresse
credentials-email-confirm-text = Confirmez pour que votre compte utilise désormais l’adresse { $email }.
credentials-email-confirm-button = Confirmer ma nouvelle adresse
credentials-email-changed-title = Adresse changée
credentials-email-changed-text = Votre compte utilise désormais l’adresse { $email }. Vos autres sessions ont été fermées.
credentials-email-taken-title = Adresse déjà utilisée
credentials-email-taken-text = Un autre compte utilise déjà cette adresse : la vôtre n’a pas changé. Vous pouvez en choisir une autre.
credentials-email-expired-text = Les liens de confirmation d’adresse sont valables 24 heures. Votre adresse n’a pas changé ; vous pouvez refaire la demande.
credentials-email-used-text = Chaque lien ne fonctionne qu’une fois. Votre adresse actuelle est indiquée dans votre espace.
credentials-email-unknown-text = Ce lien n’est pas valable pour votre compte. Vérifiez qu’il a été copié en entier et que vous êtes connecté au bon compte.

email-credentials-copy = Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :

email-reset-password-subject = Choisissez un nouveau mot de passe — PTCE
email-reset-password-intro = Un nouveau mot de passe a été demandé pour le compte lié à cette adresse sur la plateforme de l’appel à candidatures PTCE. Pour le choisir, ouvrez ce lien :
email-reset-password-button = Choisir un nouveau mot de passe
email-reset-password-validity = Ce lien est valable 1 heure et ne peut servir qu’une seule fois.
email-reset-password-not-you = Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.

email-account-exists-subject = Vous avez déjà un compte — PTCE
email-account-exists-intro = Quelqu’un a tenté de créer un compte avec votre adresse sur la plateforme de l’appel à candidatures PTCE. Un compte existe déjà pour cette adresse : aucun autre n’a été créé.
email-account-exists-login = Si c’était vous, connectez-vous :
email-account-exists-reset = Si vous avez oublié votre mot de passe, choisissez-en un nouveau :
email-account-exists-not-you = Si ce n’était pas vous, ignorez ce message : votre compte n’a pas changé.

email-confirm-new-email-subject = Confirmez votre nouvelle adresse électronique — PTCE
email-confirm-new-email-intro = Vous avez demandé que votre compte sur la plateforme de l’appel à candidatures PTCE utilise désormais cette adresse. Pour confirmer, ouvrez ce lien en étant connecté à votre compte :
email-confirm-new-email-button = Confirmer ma nouvelle adresse
email-confirm-new-email-validity = Ce lien est valable 24 heures et ne peut servir qu’une seule fois.
email-confirm-new-email-not-you = Si vous n’avez rien demandé, ignorez ce message : aucun compte n’utilisera cette adresse.

email-email-changed-notice-subject = Changement d’adresse demandé pour votre compte — PTCE
email-email-changed-notice-intro = Il a été demandé que votre compte sur la plateforme de l’appel à candidatures PTCE utilise désormais l’adresse { $email } au lieu de celle-ci.
email-email-changed-notice-when = L’adresse ne changera que lorsque le lien envoyé à la nouvelle adresse aura été suivi.
email-email-changed-notice-not-you = Si vous n’êtes pas à l’origine de cette demande, quelqu’un connaît sans doute votre mot de passe : choisissez-en un nouveau dès maintenant, ce qui fermera toutes les sessions ouvertes sur votre compte :
