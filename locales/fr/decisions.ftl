# Courriers de décision (textes par décision, publication dossier par dossier, lettre PDF), en
# français. Every key has a twin in ../en/decisions.ftl.
# Keys start with `decisions-`, `email-decision-letter`, or name history events of a redirection.

decisions-letters-title = Courriers de décision
decisions-letters-link = Courriers de décision : textes envoyés aux candidats
decisions-letters-back = Retour au tableau de sélection
decisions-letters-intro = Pour chaque décision, le courriel envoyé à chaque membre de la structure candidate à la publication, en français et en anglais. Le même texte forme la lettre de décision (PDF) que le candidat peut télécharger. Modifier un texte ne change pas les courriers déjà envoyés.
decisions-letters-variables = Variables utilisables
decisions-letters-syntax = Écrivez une variable entre accolades, par exemple {"{"}reference{"}"} ; pour une accolade seule, doublez-la : {"{{"}. Texte simple ; **gras**, et listes avec un tiret en début de ligne. Les adresses web deviennent des liens.
decisions-letters-preview-of = Aperçus faits avec le dossier { $reference } ({ $title }).
decisions-letters-preview-sample = Aucun dossier déposé pour l’instant : les aperçus sont faits avec un exemple.
decisions-letters-sample-motivation = (la motivation préparée par le comité de pilotage)
decisions-letters-lang-fr = En français
decisions-letters-lang-en = En anglais
decisions-letters-subject = Objet
decisions-letters-body = Texte
decisions-letters-save = Enregistrer ce texte
decisions-letters-preview = Aperçu
decisions-letters-default = Texte par défaut de l’appel (jamais modifié).
decisions-letters-version = Version du { $date }, par { $who }.
decisions-letters-saved = Texte enregistré ; il servira aux prochaines publications.
decisions-letters-refused = Le texte n’a pas été enregistré : corrigez ce qui est indiqué sous le champ.
decisions-letters-versions = Versions enregistrées
decisions-letters-no-version = Aucune version enregistrée : les textes par défaut de l’appel s’appliquent.
decisions-letters-col-at = Date
decisions-letters-col-who = Par
decisions-letters-col-outcome = Décision
decisions-letters-col-lang = Langue
decisions-panel-title = Décision du comité de pilotage
decisions-panel-none = Aucune décision préparée pour ce dossier.
decisions-panel-prepare = Préparer ou modifier la décision sur le tableau de sélection
decisions-panel-unreleased = Préparée, pas encore publiée : le candidat ne la voit pas.
decisions-panel-released = Publiée le { $date }.
decisions-release-one = Publier cette décision
decisions-letter-pdf = Lettre de décision (PDF)
decisions-pdf-reference = Dossier
decisions-pdf-organisation = Structure
decisions-pdf-date = Date de la décision
decisions-candidate-title = Décision du comité de pilotage
decisions-candidate-released = Décision publiée le { $date }.
email-decision-letter = Votre lettre de décision (PDF) :
email-decision-letter-button = Télécharger la lettre de décision (PDF)
staff-dossiers-event-moved-to-established = Réorienté vers le parcours A (PTCE opérationnel)
staff-dossiers-event-moved-to-emerging = Réorienté vers le parcours B (initiative en construction)
dossier-event-moved-to-established = Dossier réorienté vers le parcours A (PTCE opérationnel)
dossier-event-moved-to-emerging = Dossier réorienté vers le parcours B (initiative en construction)
