# Communes, departments and regions: the search page and the commune picker, English.
# Twin of ../fr/territory.ftl (a unit test checks it). All .ftl files share one namespace: keys
# start with `communes-`, `commune-picker-` or `commune-error-`.

communes-title = Find a commune
communes-intro = Type the beginning of a commune’s name to find its INSEE code, department and region. Several communes sometimes share a name: their department tells them apart.
communes-field = Name of the commune
communes-hint = Capitals, accents, hyphens and apostrophes do not matter; “St” stands for “Saint”.
communes-submit = Search
communes-results =
    { $count ->
        [0] No commune starts like this.
        [one] One commune found.
       *[other] { $count } communes found.
    }
communes-more = Only the first { $count } are shown, most populous first: type more of the name to narrow down.
communes-caption = Communes whose name starts like this
communes-col-name = Commune
communes-col-code = INSEE code
communes-col-department = Department
communes-col-region = Region
communes-col-region-2011 = Region in 2011
communes-source = Source: INSEE’s Code officiel géographique, as of 1 January 2026.

commune-picker-hint = Type the name of the commune. Communes sharing a name are told apart by their department, for example “Castres (81 — Tarn)”.
commune-picker-choose = Several communes bear this name: which one is it?
commune-picker-listbox = Suggested communes
commune-picker-none = No commune starts like this.
commune-picker-one = One commune suggested: down arrow to reach it, Enter to choose it.
commune-picker-many = communes suggested: up and down arrows to browse, Enter to choose.
commune-picker-failed = The list of communes could not be loaded; type the full name and save.

commune-error-unknown = No commune bears this name; check the spelling or choose from the suggested list.
commune-error-ambiguous = Several communes bear this name: choose yours below.
commune-error-suggestions = Did you mean:
