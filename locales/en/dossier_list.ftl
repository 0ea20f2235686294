# The back office's list of dossiers: more filters, sorting, saved views, labels and bulk actions
# (src/web/handlers/backoffice/dossier_list.rs, bulk.rs). Keys start with `staff-dossiers-`,
# `saved-view(s)-`, `labels-` or `bulk-`.
staff-dossiers-more-filters = More filters (territory, sector, label, admissibility, score)
staff-dossiers-region-2011 = Region (as in 2011)
staff-dossiers-region = Region (today)
staff-dossiers-department = Department
staff-dossiers-sector = Sector
staff-dossiers-label = Label
staff-dossiers-admissibility = Admissibility
staff-dossiers-score-min = Mean score at least (out of 100)
staff-dossiers-score-max = Mean score at most (out of 100)
staff-dossiers-score-invalid = Give a number between 0 and 100, for example 62.5.
staff-dossiers-search-no-term = These words are too common to search for: try a name, a place, a sector.
staff-dossiers-search-too-long = The search is too long: 200 characters at most.
staff-dossiers-clear = Clear the filters
staff-dossiers-col-score = Mean score
saved-views-title = My saved views:
saved-views-name = Save these filters as
saved-views-save = Save the view
saved-views-delete = Delete the view
saved-view-saved = View saved: it shows at the top of the list.
saved-view-deleted = View deleted.
saved-view-name-required = Give this view a name, for example “Drôme to follow up”.
saved-view-name-too-long = 80 characters at most for a view's name.
labels-title = Labels
labels-none = No label.
labels-add = Add the label
labels-name = Label name
labels-remove = Remove the label
labels-name-required = Give the label's name.
labels-name-too-long = 60 characters at most for a label.
labels-notice-added = Label added.
labels-notice-removed = Label removed.
bulk-select = Select the dossier
bulk-legend = For the ticked dossiers
bulk-action = Action
bulk-action-label = Add a label
bulk-action-unlabel = Remove a label
bulk-action-screening = Take into screening
bulk-action-network = Assign to a network
bulk-label-name = Label
bulk-network = Network
bulk-continue = Continue…
bulk-confirm-title = Confirm the action on { $count ->
    [one] one dossier
   *[other] { $count } dossiers
}
bulk-confirm-what = Action: { $action }
bulk-confirm-applies = Applies to
bulk-confirm-skipped = Not concerned (nothing changes for them)
bulk-confirm-button = Confirm
bulk-cancel = Cancel and go back to the list
bulk-none-selected = Tick at least one dossier in the list.
bulk-label-required = Give the label to add or remove.
bulk-network-required = Choose the network.
bulk-unknown-action = Choose an action.
bulk-nothing-applies = None of the ticked dossiers is concerned by this action.
bulk-skip-no-label = does not have this label
bulk-skip-has-label = already has this label
bulk-skip-state = its state does not allow it ({ $state })
bulk-skip-same-network = is already assigned to this network
bulk-skip-not-visible = outside your networks
bulk-done = { $count ->
    [one] Action done on one dossier.
   *[other] Action done on { $count } dossiers.
}
staff-dossiers-files-zip = Download all the dossier's files (ZIP: receipts, attachments)
