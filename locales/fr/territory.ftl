# Communes, départements et régions : la page de recherche et le sélecteur de commune, en français.
# Jumeau de ../en/territory.ftl (un test unitaire le vérifie). Tous les fichiers .ftl partagent un
# espace de noms : les clés commencent par `communes-`, `commune-picker-` ou `commune-error-`.

communes-title = Trouver une commune
communes-intro = Tapez le début du nom d’une commune pour trouver son code INSEE, son département et sa région. Plusieurs communes portent parfois le même nom : leur département les distingue.
communes-field = Nom de la commune
communes-hint = Majuscules, accents, traits d’union et apostrophes sont indifférents ; « St » vaut « Saint ».
communes-submit = Rechercher
communes-results =
    { $count ->
        [0] Aucune commune ne commence ainsi.
        [one] Une commune trouvée.
       *[other] { $count } communes trouvées.
    }
communes-more = Seules les { $count } premières sont montrées, les plus peuplées d’abord : précisez le nom pour affiner.
communes-caption = Communes dont le nom commence ainsi
communes-col-name = Commune
communes-col-code = Code INSEE
communes-col-department = Département
communes-col-region = Région
communes-col-region-2011 = Région en 2011
communes-source = Source : Code officiel géographique de l’INSEE, au 1er janvier 2026.

commune-picker-hint = Tapez le nom de la commune. Des communes de même nom se distinguent par leur département, par exemple « Castres (81 — Tarn) ».
commune-picker-choose = Plusieurs communes portent ce nom : laquelle est la bonne ?
commune-picker-listbox = Communes proposées
commune-picker-none = Aucune commune ne commence ainsi.
commune-picker-one = Une commune proposée : flèche vers le bas pour l’atteindre, Entrée pour la choisir.
commune-picker-many = communes proposées : flèches haut et bas pour les parcourir, Entrée pour choisir.
commune-picker-failed = La liste des communes n’a pas pu être chargée ; tapez le nom complet et enregistrez.

commune-error-unknown = Aucune commune ne porte ce nom ; vérifiez l’orthographe ou choisissez dans la liste proposée.
commune-error-ambiguous = Plusieurs communes portent ce nom : choisissez la vôtre ci-dessous.
commune-error-suggestions = Vouliez-vous dire :
