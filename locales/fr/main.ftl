# Interface messages, French (the default language).
# Every key here has a twin in ../en/main.ftl (a unit test checks it).

site-name = Pôles Territoriaux de Coopération Économique
site-tagline = Appel à candidatures et réseau des PTCE
skip-link = Aller au contenu
nav-label = Navigation principale
nav-home = Accueil
nav-call = L’appel
nav-calendar = Calendrier
nav-contacts = Contacts
lang-switch-label = Changer de langue
footer-label = Pied de page
footer-about = Plateforme de l’appel à candidatures porté par le Labo de l’ESS, COORACE, le RTES, IRIS et le CNCRES.
footer-privacy = Données personnelles
footer-accessibility = Accessibilité : partiellement conforme

home-title = Accueil
home-phase-current = Phase en cours
home-phase-next = Prochaine étape
home-phase-over = Toutes les phases de cet appel sont terminées.
home-deadline = Date limite de dépôt : { $when } (heure de Paris).
home-time-left = Il reste { $left } pour répondre.
home-closed = Le dépôt des candidatures est clos depuis le { $when } (heure de Paris).
home-ways-title = Trois façons de répondre
home-ways-intro = Choisissez le parcours qui correspond à votre situation. Dans tous les cas, un référent de l’un des cinq réseaux co-porteurs peut vous renseigner.
home-read-call = Lire l’appel complet
home-how-to-respond = Comment répondre
home-contact = Contacter un référent
home-calendar-title = Le calendrier en bref
home-calendar-link = Voir le calendrier détaillé
track-quota = Environ { $quota } seront retenus.
track-no-quota = Sans limite de nombre, sans compte à créer.
no-call = Aucun appel à candidatures n’est publié pour le moment.

call-toc = Sommaire
call-contacts-title = Contacts des référents de l’appel
call-contacts-text = Chaque réseau co-porteur a nommé une personne référente pour informer et répondre aux manifestations d’intérêt.
call-contacts-link = Voir les référents et leurs adresses
call-calendar-link = Voir le calendrier de l’appel
call-footnotes = Notes

calendar-title = Calendrier de l’appel
calendar-intro = Les dates et les échéances sont données à l’heure de Paris.
phase-status-past = Terminée
phase-status-current = En cours
phase-status-upcoming = À venir
phase-tentative = Date à confirmer
phase-deadline = Date limite de dépôt : { $when }.

contacts-title = Contacts des référents
contacts-intro = Les cinq réseaux co-porteurs de l’appel ont chacun nommé une personne référente. Prenez contact avec l’un d’eux pour toute question sur votre candidature ou votre manifestation d’intérêt.
contacts-referent = Référent ou référente
contacts-email = Adresse électronique

privacy-title = Données personnelles
privacy-intro = Cette page explique quelles données personnelles la plateforme traite, pourquoi, combien de temps, et comment exercer vos droits (règlement général sur la protection des données, RGPD).
privacy-controller-title = Responsables du traitement
privacy-controller-text = Les réseaux co-porteurs de l’appel à candidatures, conjointement, pour l’instruction des candidatures et l’animation du réseau des PTCE. L’opérateur de la plateforme agit pour leur compte.
privacy-data-title = Données traitées
privacy-data-accounts = Comptes : adresse électronique, nom, organisation, mot de passe (conservé uniquement sous forme d’empreinte).
privacy-data-dossiers = Dossiers de candidature : les réponses au formulaire, les pièces jointes, les échanges avec les référents et l’historique du dossier.
privacy-data-support = Manifestations d’intérêt ou de soutien : catégorie, organisation, commune, adresse électronique et message.
privacy-data-logs = Journaux techniques : date, page demandée et adresse IP, pour la sécurité du service.
privacy-purpose-title = Finalités
privacy-purpose-text = Instruire les candidatures de l’appel, sélectionner les pôles et initiatives accompagnés, publier les pôles retenus (uniquement les champs que leurs porteurs ont acceptés de rendre publics), animer le réseau de soutien et organiser les rencontres du réseau.
privacy-retention-title = Durées de conservation
privacy-retention-text = Les dossiers non retenus sont conservés jusqu’à la fin de l’appel puis supprimés dans un délai d’un an ; les dossiers retenus le sont pendant la durée d’accompagnement du pôle. Les comptes inactifs pendant trois ans sont supprimés. Les journaux techniques sont conservés un an au plus.
privacy-cookies-title = Cookies
privacy-cookies-text = La plateforme ne dépose aucun cookie de mesure d’audience ni de publicité. Elle utilise un cookie qui retient la langue choisie et, lorsque vous êtes connecté, un cookie de session strictement nécessaire.
privacy-rights-title = Vos droits
privacy-rights-text = Vous pouvez accéder à vos données, les rectifier, les télécharger, demander leur effacement ou vous opposer à leur traitement en écrivant à l’un des référents de l’appel. Vous pouvez aussi adresser une réclamation à la Commission nationale de l’informatique et des libertés (CNIL).
privacy-my-data = Une fois connecté, vous pouvez télécharger tout ce que la plateforme détient sur vous et effacer vous-même votre compte, depuis la page :

accessibility-title = Déclaration d’accessibilité
accessibility-intro = Les réseaux co-porteurs s’engagent à rendre cette plateforme accessible, conformément au référentiel général d’amélioration de l’accessibilité (RGAA 4.1) et aux règles WCAG 2.1 niveau AA.
accessibility-status-title = État de conformité
accessibility-status-text = La plateforme est partiellement conforme : aucun audit complet n’a encore été réalisé. Chaque page publique est vérifiée automatiquement à chaque modification du code (outil axe, règles WCAG 2.1 A et AA) dans un navigateur réel.
accessibility-design-title = Choix de conception
accessibility-design-text = Toutes les pages fonctionnent sans JavaScript, au clavier, avec un lien d’évitement vers le contenu, un focus visible, des contrastes de niveau AA, et s’adaptent aux petits écrans et à l’impression.
accessibility-contact-title = Signaler un défaut
accessibility-contact-text = Si vous ne parvenez pas à accéder à un contenu ou à un service, écrivez à l’un des référents de l’appel : nous vous répondrons et vous fournirons l’information sous une autre forme.
accessibility-remedy-title = Voies de recours
accessibility-remedy-text = Si vous n’obtenez pas de réponse satisfaisante, vous pouvez saisir le Défenseur des droits.

error-404-title = Page introuvable
error-404-text = La page demandée n’existe pas ou a été déplacée. Vérifiez l’adresse, ou repartez de l’accueil.
error-500-title = Une erreur s’est produite
error-500-text = Le service n’a pas pu traiter votre demande. Réessayez dans un instant ; si le problème persiste, communiquez la référence ci-dessous à un référent de l’appel.
error-503-title = Service momentanément indisponible
error-503-text = Le service ne peut pas répondre pour le moment. Réessayez dans quelques instants.
error-429-title = Trop de demandes
error-429-text = Vous avez fait beaucoup d’exports en peu de temps. Réessayez dans quelques minutes : la limite protège le service et les données des candidats.
error-request-id = Référence à communiquer si le problème persiste : { $id }
error-back-home = Retour à l’accueil

remaining-days-hours = { $a } { $a ->
    [one] jour
   *[other] jours
} et { $b } { $b ->
    [one] heure
   *[other] heures
}
remaining-hours-minutes = { $a } { $a ->
    [one] heure
   *[other] heures
} et { $b } { $b ->
    [one] minute
   *[other] minutes
}
remaining-over = le délai est écoulé
