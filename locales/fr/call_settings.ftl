# Paramètres de l’appel pour le comité de pilotage (textes, calendrier, parcours et quotas,
# formulaires), en français. Chaque clé a sa jumelle dans ../en/call_settings.ftl.
# Keys start with `call-settings-`.

call-settings-title = Paramètres de l’appel
call-settings-home-link = Paramètres de l’appel : textes, calendrier, parcours et formulaires
call-settings-changed = Dernière modification : { $when }.
call-settings-texts-title = Textes de l’appel
call-settings-texts-text = Titre, accroche, résumé et texte de chaque partie de l’appel, en français et en anglais.
call-settings-calendar-title = Calendrier
call-settings-calendar-text = Premier et dernier jour de chaque phase, et les dates encore à confirmer.
call-settings-tracks-title = Parcours et quotas
call-settings-tracks-text = Nom et description de chaque parcours, et le nombre de candidatures à retenir.
call-settings-forms-title = Formulaires
call-settings-forms-text = Le formulaire de chaque parcours : télécharger, importer, prévisualiser et publier une révision.

call-settings-in-fr = français
call-settings-in-en = anglais
call-settings-save = Enregistrer
call-settings-preview = Aperçu du Markdown
call-settings-error-empty = Ce texte est obligatoire : l’appel est toujours publié en français et en anglais.
call-settings-error-too-long = Ce texte compte { $count } caractères ; { $max } au plus.
call-settings-conflict-title = Modification concurrente : rien n’a été enregistré
call-settings-conflict-text = Une autre personne a modifié l’appel pendant que vous travailliez (le { $when }). Vos saisies sont conservées ci-dessous ; là où la version enregistrée diffère, elle est rappelée sous le champ. Vérifiez, puis enregistrez de nouveau pour remplacer cette version.
call-settings-conflict-stored = Version enregistrée entre-temps :

call-settings-texts-intro = Ces textes sont ceux des pages publiques de l’appel. Chaque texte est donné en français et en anglais.
call-settings-texts-saved = Les textes de l’appel sont enregistrés ; les pages publiques les montrent dès maintenant.
call-settings-markdown-hint = Le texte de chaque partie s’écrit en Markdown (titres ##, listes -, liens [texte](adresse), tableaux, notes [^1]). Le HTML est filtré : scripts, styles et attributs non autorisés sont retirés à l’affichage.
call-settings-preview-notice = Aperçu : rien n’est enregistré. Chaque texte en Markdown est montré sous son champ tel que les pages publiques l’afficheront.
call-settings-preview-of = Aperçu :
call-settings-presentation = Présentation de l’appel
call-settings-section-legend = Partie « { $title } »
call-settings-field-title = Titre de l’appel
call-settings-field-tagline = Accroche
call-settings-field-summary = Résumé
call-settings-field-section-title = Titre
call-settings-field-section-body = Texte (Markdown)

call-settings-calendar-intro = Les dates sont des jours du calendrier de Paris : une phase commence à 0 h le premier jour et se termine à minuit le dernier jour. Les dépôts sont possibles pendant la phase de remontée des candidatures, et refusés après son dernier jour.
call-settings-calendar-saved = Le calendrier est enregistré ; les pages publiques et les dépôts de dossiers le suivent dès maintenant.
call-settings-calendar-saved-notified = { $count ->
    [0] Le calendrier est enregistré ; les pages publiques et les dépôts de dossiers le suivent dès maintenant. La première rencontre a changé de date ; aucun invité n’avait à être prévenu.
    [one] Le calendrier est enregistré ; les pages publiques et les dépôts de dossiers le suivent dès maintenant. La première rencontre a changé de date : { $count } invité a été prévenu par courriel.
   *[other] Le calendrier est enregistré ; les pages publiques et les dépôts de dossiers le suivent dès maintenant. La première rencontre a changé de date : { $count } invités ont été prévenus par courriel.
}
call-settings-calendar-saved-not-notified = Le calendrier est enregistré, et la première rencontre a changé de date avec sa phase ; mais les invités n’ont pas pu être prévenus. Prévenez-les depuis la page de la rencontre.
call-settings-notify-hint = { $count ->
    [one] La rencontre de cette phase se déplace avec ses dates. Si ses dates changent, { $count } invité qui n’a pas décliné recevra un courriel avec la nouvelle date et le fichier d’agenda mis à jour.
   *[other] La rencontre de cette phase se déplace avec ses dates. Si ses dates changent, les { $count } invités qui n’ont pas décliné recevront chacun un courriel avec la nouvelle date et le fichier d’agenda mis à jour.
}
call-settings-days-hint = Date au format jj/mm/aaaa.
call-settings-first-day = Premier jour
call-settings-last-day = Dernier jour
call-settings-tentative-label = Date à confirmer
call-settings-tentative = à confirmer
call-settings-error-first-day = Le premier jour n’est pas une date (jj/mm/aaaa, entre 2000 et 2100).
call-settings-error-last-day = Le dernier jour n’est pas une date (jj/mm/aaaa, entre 2000 et 2100).
call-settings-error-last-before-first = Le dernier jour est avant le premier jour.
call-settings-error-phase-order = Cette phase doit commencer après le dernier jour de la phase « { $previous } ».
call-settings-error-no-applications = Le calendrier n’a pas de phase de remontée des candidatures.

call-settings-tracks-intro = Les parcours sont les manières de répondre à l’appel. Le quota est le nombre de candidatures que l’appel entend retenir sur le parcours ; laissez-le vide s’il n’y en a pas.
call-settings-tracks-saved = Les parcours sont enregistrés.
call-settings-field-track-name = Nom
call-settings-field-track-description = Description
call-settings-field-quota = Quota
call-settings-quota-hint = Un nombre entier de 1 à 1 000, ou vide s’il n’y a pas de quota.
call-settings-no-quota = aucun
call-settings-error-quota = Le quota est un nombre entier de 1 à 1 000, ou vide s’il n’y en a pas.

call-settings-forms-intro = Chaque parcours a son formulaire, décrit par un schéma (un texte TOML). Publier un schéma crée une nouvelle révision : les nouveaux dossiers la suivent, les dossiers déjà commencés gardent la leur.
call-settings-forms-caption = Révision en vigueur du formulaire de chaque parcours
call-settings-forms-doc = Le format des schémas est décrit dans docs/FORMS.md ; les formulaires livrés avec la plateforme sont de bons exemples.
call-settings-col-track = Parcours
call-settings-col-revision = Révision
call-settings-col-published = Publiée le
call-settings-col-sha = Empreinte SHA-256
call-settings-col-actions = Actions
call-settings-form-import = Importer une nouvelle révision
call-settings-form-download = Télécharger le schéma
call-settings-form-none = Aucun formulaire publié.
call-settings-form-title = Formulaire
call-settings-form-current = Révision en vigueur
call-settings-form-new = Nouvelle révision
call-settings-form-new-intro = Modifiez le schéma ci-dessous, collez-en un autre, ou choisissez un fichier. Il est d’abord vérifié, puis montré tel que les porteurs le verront ; rien n’est publié avant votre confirmation.
call-settings-field-source = Schéma du formulaire (TOML)
call-settings-source-hint = Le texte en vigueur est prérempli. Chaque erreur est indiquée avec sa ligne et sa colonne.
call-settings-field-file = Ou un fichier de schéma
call-settings-file-hint = Un fichier .toml en UTF-8, de { $max } Ko au plus ; s’il est donné, il remplace le texte ci-dessus.
call-settings-form-check = Vérifier et prévisualiser
call-settings-schema-error = ligne { $line }, colonne { $column } : { $reason }
call-settings-error-form-key = la clé du formulaire « { $key } » n’est pas celle du parcours « { $track } ».
call-settings-error-interest-field = le formulaire C doit garder le champ « { $key } », que lisent la liste et l’export des soutiens.
call-settings-error-too-large = Le schéma dépasse { $max } Ko.
call-settings-error-not-utf8 = Le fichier n’est pas un texte en UTF-8.
call-settings-error-no-source = Collez le schéma ou choisissez un fichier.
call-settings-error-not-previewed = Ce texte n’est pas celui qui a été prévisualisé : vérifiez-le et prévisualisez-le de nouveau.
call-settings-form-published = La révision { $revision } est publiée : les nouveaux dossiers la suivent, les dossiers déjà commencés gardent la leur.
call-settings-form-unchanged = Ce schéma est celui de la révision { $revision } en vigueur : rien n’a été publié.
call-settings-form-conflict = Une autre personne a publié la révision { $revision } pendant votre aperçu : rien n’a été publié. Votre texte est conservé ci-dessous ; vérifiez-le et prévisualisez-le de nouveau.

call-settings-preview-title = Aperçu du formulaire
call-settings-preview-intro = Voici le formulaire tel qu’un porteur le verra sur un dossier vierge (les champs sont désactivés). Rien n’est publié tant que vous n’avez pas confirmé en bas de page.
call-settings-preview-skip = Aller au bouton de publication
call-settings-preview-toc = Pages du formulaire
call-settings-preview-conditional-section = Cette page n’apparaît que selon les réponses.
call-settings-preview-hidden-fields = { $count ->
    [one] { $count } question de cette page n’apparaît que selon les réponses.
   *[other] { $count } questions de cette page n’apparaissent que selon les réponses.
}
call-settings-preview-publish-intro = Une fois publiée, cette révision sert à tous les nouveaux dossiers du parcours ; les dossiers déjà commencés gardent leur révision.
call-settings-publish = Publier la révision
call-settings-preview-back = Revenir au schéma
