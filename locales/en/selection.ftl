# Selection (a track's selection board, prepared decisions, release) and the decision email, in
# English. Every key has a twin in ../fr/selection.ftl.
# Keys start with `selection-` (pages) or `email-decision-` (the decision email).

selection-title = Selection board
selection-tracks = Tracks
selection-quota = Selected (prepared or released): { $selected } for a quota of { $quota }.
selection-per-region = At most N dossiers per region (empty: no limit)
selection-regions = Regions counted
selection-regions-2011 = Regions of 2011
selection-regions-current = Current regions
selection-rule-save = Apply the rule
selection-rule-invalid = The limit per region must be a whole number from 1 to 100, or stay empty.
selection-apply-hint = Prepares “Selected” for each dossier of the suggested selection that has no decision yet; the motivation repeats the reason shown, to be completed before release.
selection-apply = Apply the suggestion
selection-board-caption = Dossiers ranked by mean score, with the suggested selection (the best total possible under the quota and the per-region rule) and the reason for each dossier
selection-col-place = Rank
selection-col-department = Department
selection-col-region = Region
selection-col-score = Mean score
selection-col-suggestion = Suggestion
selection-col-decision = Decision
selection-col-selected = Selected
selection-col-candidates = Candidates
selection-not-reviewed = not reviewed yet
selection-motivation = Motivation
selection-prepare = Prepare
selection-released = released
selection-balance = Territorial balance
selection-balance-regions = Selected dossiers and candidates by region
selection-balance-departments = Selected dossiers and candidates by department
selection-release = Release of the decisions
selection-release-hint = Prepared decisions stay invisible to candidates (pages, emails, exports) until released. Releasing changes the dossiers’ states and sends each organisation its decision email.
selection-release-all = Release the prepared decisions
selection-notice-rule = Selection rule saved.
selection-notice-decision = Decision prepared (not released).
selection-notice-applied = { $count ->
    [0] No decision prepared: the suggested dossiers already have one.
    [1] 1 “Selected” decision prepared.
   *[other] { $count } “Selected” decisions prepared.
}
selection-notice-released = { $count ->
    [0] No decision released.
    [1] 1 decision released; the email goes to the organisation.
   *[other] { $count } decisions released; the emails go to the organisations.
}
staff-dossiers-selection-link = Selection: ranking, suggestion, decisions

email-decision-subject = Decision on your dossier { $reference }
email-decision-intro = The call’s steering group has decided on your dossier { $reference } ({ $title }):
email-decision-button = See my dossier
