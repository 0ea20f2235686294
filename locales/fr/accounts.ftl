# Accounts: sign-up, login, spaces. Twin of ../en/accounts.ftl.

nav-login = Se connecter
nav-space = Mon espace
nav-backoffice = Gestion
account-nav-label = Compte
logout = Se déconnecter

field-email = Adresse électronique
field-password = Mot de passe
field-password-new = Mot de passe (12 caractères au moins)
field-password-hint = Choisissez une phrase facile à retenir pour vous, de 12 caractères au moins ; tous les caractères sont permis.
field-name = Votre nom
field-organisation = Organisation (structure porteuse)
field-siret = Numéro SIRET de l’organisation (facultatif)
form-error-summary = Le formulaire contient des erreurs

login-title = Se connecter
login-submit = Se connecter
login-no-account = Pas encore de compte ?
login-signup-link = Créer un compte
login-unconfirmed = Votre adresse n’est pas encore confirmée : suivez le lien du message que nous vous avons envoyé lors de la création du compte.
error-login-failed = Adresse électronique ou mot de passe incorrect.
error-login-throttled = Trop de tentatives de connexion ont échoué. Pour protéger ce compte, réessayez dans quelques minutes.

error-email-empty = Indiquez votre adresse électronique.
error-email-too-long = Cette adresse électronique est trop longue.
error-email-malformed = Cette adresse électronique n’est pas valide (exemple : prenom.nom@exemple.fr).
error-password-too-short = Le mot de passe doit compter au moins 12 caractères.
error-password-too-long = Le mot de passe doit compter au plus 256 caractères.
error-password-common = Ce mot de passe est trop courant : il figure dans les listes que testent les attaquants. Choisissez-en un autre.
error-password-same-as-email = Le mot de passe ne peut pas être votre adresse électronique.
error-signup-throttled = Trop de demandes de création de compte pour cette adresse ou depuis votre connexion. Réessayez dans une heure.
error-name-empty = Indiquez votre nom.
error-organisation-empty = Indiquez le nom de votre organisation.
error-text-too-long = Ce texte est trop long.

space-title = Mon espace
space-dossiers = Vos dossiers de candidature apparaîtront ici dès que vous en aurez commencé un.

backoffice-title = Gestion de l’appel
backoffice-roles = Vos rôles
role-admin = Administrateur ou administratrice
role-steering = Comité de pilotage
role-referent = Référent ou référente
role-reviewer = Évaluateur ou évaluatrice

error-403-title = Accès refusé
error-403-text = Vous n’avez pas accès à cette page avec votre compte.

signup-title = Créer un compte
signup-intro = Le compte permet de préparer et de déposer le dossier de candidature de votre organisation, à plusieurs si vous le souhaitez. Une manifestation d’intérêt ou de soutien ne demande pas de compte.
signup-submit = Créer mon compte
signup-have-account = Vous avez déjà un compte ?
signup-sent-title = Vérifiez votre messagerie
signup-sent-text = Si l’adresse { $email } peut recevoir un compte, un message vient d’y être envoyé avec un lien de confirmation, valable 24 heures. Pensez à regarder dans les indésirables.
confirm-title = Confirmer votre adresse électronique
confirm-text = Confirmez votre adresse pour activer votre compte.
confirm-button = Confirmer mon adresse
confirmed-title = Adresse confirmée
confirmed-text = Votre compte est activé. Vous pouvez vous connecter.
link-expired-title = Ce lien a expiré
link-expired-text = Les liens de confirmation sont valables 24 heures. Connectez-vous ou créez de nouveau votre compte pour en recevoir un autre.
link-used-title = Ce lien a déjà servi
link-used-text = Chaque lien ne fonctionne qu’une fois. Si votre adresse est confirmée, vous pouvez vous connecter.
link-unknown-title = Lien inconnu
link-unknown-text = Ce lien n’est pas valable. Vérifiez qu’il a été copié en entier.

journal-title = Journal d’audit
journal-intro = Connexions, créations de comptes, attributions de rôles et refus d’accès : qui, quoi, quand (heure de Paris), d’où. Les 200 événements les plus récents correspondant aux filtres.
journal-filter-event = Événement
journal-all-events = Tous les événements
journal-filter-person = Personne (adresse électronique ou partie)
journal-filter-from = Du
journal-filter-to = Au
journal-filter-submit = Filtrer
journal-caption = Événements, du plus récent au plus ancien
journal-col-at = Date
journal-col-event = Événement
journal-col-actor = Auteur
journal-col-subject = Compte concerné
journal-col-client = Adresse IP
journal-col-detail = Détail
journal-empty = Aucun événement ne correspond à ces filtres.
journal-ignored-event = Le filtre d’événement demandé n’existe pas : il a été ignoré.
journal-ignored-date = Une date de filtre n’a pas pu être lue (format attendu : AAAA-MM-JJ) : elle a été ignorée.
journal-event-login = Connexions
journal-event-logout = Déconnexions
journal-event-account = Comptes
journal-event-email = Adresses confirmées
journal-event-role = Rôles
journal-event-organisation = Organisations
journal-event-access = Accès refusés
journal-event-call = Paramètres de l’appel
journal-event-form = Formulaires publiés
journal-event-dossier = Dossiers
journal-event-dossiers = Exports de dossiers
journal-event-routing = Règles de routage
journal-event-reviews = Évaluations
journal-event-admissibility = Recevabilité
journal-event-decision = Décisions
journal-event-supporters = Soutiens (formulaire C)
journal-event-reminders = Rappels des brouillons
journal-event-pole = Pôles (publication)
journal-event-progress = Démarche de progrès
journal-event-proposal = Proposition chiffrée (enveloppe, scénarios)
journal-event-meeting = Rencontres du réseau (invitations, rappels, changements, annulations)

menu-label = Menu de la gestion
menu-dossiers = Dossiers
menu-reviews = Évaluations
menu-selection = Sélection
menu-poles = Pôles
menu-progress = Progrès
menu-events = Rencontres
menu-supporters = Soutiens
menu-partners = Partenaires
menu-proposal = Proposition
menu-statistics = Statistiques
menu-settings = Paramètres
menu-users = Comptes
menu-journal = Journal

backoffice-todo-title = À traiter
backoffice-todo-nothing = Rien ne vous attend pour le moment.
backoffice-todo-submitted = { $count ->
    [one] Un dossier déposé attend d’être pris en repérage
   *[other] { $count } dossiers déposés attendent d’être pris en repérage
}
backoffice-todo-unrouted = { $count ->
    [one] Un dossier n’a pas encore de réseau référent
   *[other] { $count } dossiers n’ont pas encore de réseau référent
}
backoffice-todo-reviews = { $count ->
    [one] Une évaluation à rendre
   *[other] { $count } évaluations à rendre
}
