# « Mes données » : voir, télécharger, effacer (RGPD). Jumeau de ../en/my_data.ftl.

my-data-link = Mes données : les voir, les télécharger ou effacer mon compte
my-data-title = Mes données
my-data-intro = Voici tout ce que la plateforme détient sur vous. Vous pouvez le télécharger en entier, ou demander l’effacement de votre compte.
my-data-account-title = Votre compte
my-data-language = Langue des messages
my-data-created = Compte créé le
my-data-confirmed = Adresse confirmée le
my-data-password-hash = conservé uniquement sous forme d’empreinte, jamais en clair
my-data-role = Rôle
my-data-organisation-title = Votre organisation
my-data-siret = Numéro SIRET
my-data-organisation-last = Vous en êtes le seul membre : l’effacement de votre compte la supprime aussi.
my-data-organisation-others = D’autres personnes en sont membres : elle reste à leur disposition si vous effacez votre compte.
my-data-organisation-none = Votre compte n’est rattaché à aucune organisation.
my-data-sessions-title = Vos sessions
my-data-sessions-caption = Connexions ouvertes à votre compte (heure de Paris)
my-data-col-opened = Ouverte le
my-data-col-last-seen = Dernière activité
my-data-col-expires = Fin au plus tard
my-data-session-current = celle-ci
my-data-links-and-attempts = Liens à usage unique envoyés par courriel : { $links }. Tentatives de connexion avec votre adresse : { $attempts }. Leur détail figure dans le téléchargement.
my-data-events-title = Événements du journal de sécurité qui vous concernent
my-data-events-intro = { $count ->
    [0] Aucun événement du journal ne vous concerne.
    [one] Un événement du journal vous concerne ; le téléchargement le contient.
   *[other] { $count } événements du journal vous concernent ; voici les plus récents, le téléchargement les contient tous.
}
my-data-events-caption = Événements, du plus récent au plus ancien (heure de Paris)
my-data-col-role = Vous concerne comme
my-data-event-actor = auteur
my-data-event-subject = compte concerné
my-data-event-both = auteur et compte concerné
my-data-event-mentioned = adresse citée
my-data-emails-title = Messages envoyés à votre adresse
my-data-emails-none = Aucun message n’est conservé pour votre adresse.
my-data-emails-caption = Messages de la plateforme à votre adresse (heure de Paris)
my-data-col-subject = Objet
my-data-col-queued = Créé le
my-data-col-sent = Envoyé le
my-data-email-not-sent = pas encore envoyé
my-data-download-title = Télécharger vos données
my-data-download-text = Une archive ZIP contenant toutes ces données au format JSON (donnees.json), avec un fichier LISEZMOI.txt qui les explique, et les fichiers que vous avez déposés.
my-data-download-button = Télécharger mes données (ZIP)
my-data-erase-title = Effacer votre compte
my-data-erase-removed-title = Ce qui est effacé
my-data-erase-removed-account = Votre compte : adresse électronique, nom, langue, empreinte du mot de passe, rôles.
my-data-erase-removed-sessions = Toutes vos sessions, sur tous vos appareils, et les liens à usage unique en cours.
my-data-erase-removed-attempts = Les tentatives de connexion faites avec votre adresse.
my-data-erase-removed-emails = Les messages adressés à votre adresse, envoyés ou en attente ; votre adresse est retirée des messages adressés à d’autres personnes.
my-data-erase-removed-organisation = Votre organisation, si vous en êtes le dernier membre, avec les invitations à la rejoindre.
my-data-erase-removed-files = Les traces de ces données dans les fichiers de la base de données, qui sont réécrits.
my-data-erase-kept-title = Ce qui est conservé, et pourquoi
my-data-erase-kept-journal = Le journal de sécurité garde un an les événements passés (connexions, création du compte…), pour la traçabilité de la sécurité du service. Ils ne vous désignent plus : l’auteur ou le compte concerné y est noté « compte supprimé », sans identifiant, et votre adresse est retirée de leur détail. L’adresse IP d’où venait chaque requête y reste, comme pour tout événement du journal. Un événement « compte supprimé » est ajouté, sans aucune donnée sur vous.
my-data-erase-kept-dossiers = Les dossiers de candidature déposés au nom de votre organisation sont conservés selon les règles de l’appel (voir la page Données personnelles) : ils appartiennent à l’organisation et servent à l’instruction de l’appel.
my-data-erase-kept-delivered = Les messages déjà remis restent dans les boîtes de leurs destinataires, hors de la plateforme.
my-data-erase-final = L’effacement est immédiat et définitif : téléchargez d’abord vos données si vous souhaitez les garder.
my-data-erase-password = Votre mot de passe actuel
my-data-erase-confirm = Je demande l’effacement définitif de mon compte
my-data-erase-button = Effacer mon compte
my-data-error-password-empty = Indiquez votre mot de passe actuel.
my-data-error-password-wrong = Ce mot de passe n’est pas le bon : rien n’a été effacé.
my-data-error-throttled = Trop de mots de passe erronés. Pour protéger ce compte, réessayez dans quelques minutes.
my-data-error-confirm = Cochez la case pour confirmer que vous demandez l’effacement.
my-data-erased-title = Votre compte est effacé
my-data-erased-text = Votre compte et les données qui s’y rattachent ont été effacés, et toutes vos sessions sont fermées. Seul le journal de sécurité garde un an les événements passés, sans rien qui vous désigne hormis l’adresse IP des requêtes.
