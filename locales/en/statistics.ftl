# Statistics of the call (/gestion/statistiques), the maps of France, the reminder of drafts and
# its opt-out page (/espace/relances).

statistics-title = Statistics
statistics-home-link = Statistics of the call
statistics-not-allowed = Statistics are for the steering group and the networks’ referents.
statistics-scope = Numbers of your network’s dossiers: { $networks }.
statistics-summary = { $submitted ->
    [one] { $submitted } dossier submitted
   *[other] { $submitted } dossiers submitted
}, { $drafts ->
    [one] { $drafts } draft not submitted.
   *[other] { $drafts } drafts not submitted.
}
statistics-contents = Contents of the statistics
statistics-none = No dossier yet.
statistics-none-submitted = No dossier submitted yet.
statistics-by-track-state = Dossiers by track and state
statistics-by-network = Submitted dossiers by network
statistics-by-region = Submitted dossiers by region
statistics-by-region-2011 = By region of 2011
statistics-by-region-current = By current region
statistics-by-department = Submitted dossiers by department
statistics-per-day = First submissions per day
statistics-per-day-table = The same numbers as a table
statistics-drafts = Drafts not submitted
statistics-no-drafts = No draft waiting.
statistics-col-state = State
statistics-col-total = Total
statistics-col-network = Network
statistics-col-region = Region
statistics-col-department = Department
statistics-col-dossiers = Dossiers
statistics-col-day = Day
statistics-col-first-submissions = First submissions
statistics-col-track = Track
statistics-col-drafts = Drafts
statistics-no-network = No network assigned
statistics-unplaced = { $count ->
    [one] { $count } dossier without a known commune is counted in no region.
   *[other] { $count } dossiers without a known commune are counted in no region.
}
statistics-map-caption-2011 = Submitted dossiers by region of 2011
statistics-map-caption-actuelles = Submitted dossiers by current region
statistics-map-caption-departements = Submitted dossiers by department
map-selection-caption-2011 = Prepared selection by region of 2011
map-selection-caption-actuelles = Prepared selection by current region
statistics-chart-label = Bar chart: first submissions per day, { $range }, { $count } in all. The table that follows gives the same numbers.
statistics-day-bar = { $day }: { $count ->
    [one] { $count } first submission
   *[other] { $count } first submissions
}
statistics-deadline = Applications close on { $when }.
statistics-deadline-passed = Applications have been closed since { $when }.
statistics-remind = Remind the authors of drafts
statistics-remind-hint = One email per person, in their language, listing their drafts and the deadline. People who asked not to be reminded and deleted or disabled accounts do not get it.
statistics-last-reminder = Last reminder:
statistics-reminder-sent = on { $when } by { $by }, to { $people ->
    [one] { $people } person
   *[other] { $people } people
}.
statistics-reminder-title = Reminder of drafts
statistics-reminder-count = { $people ->
    [one] { $people } person will receive this reminder
   *[other] { $people } people will receive this reminder
}, for { $drafts ->
    [one] { $drafts } draft.
   *[other] { $drafts } drafts.
}
statistics-reminder-nobody = Nobody to remind: no draft of an active account that accepts reminders.
statistics-reminder-recent = A reminder was already sent less than 24 hours ago:
statistics-reminder-recent-confirm = Confirm to send a new one.
statistics-reminder-send = Send the reminder
statistics-reminder-send-again = Send a new reminder anyway
statistics-reminder-cancel = Back to the statistics without sending
statistics-notice-sent = { $count ->
    [one] Reminder sent to { $count } person.
   *[other] Reminder sent to { $count } people.
}
statistics-notice-nobody = No reminder sent: nobody to remind.

map-level-2011 = Regions of 2011
map-level-current = Current regions
map-level-departments = Departments
map-switch = Divisions of the map
map-legend = Dossiers
map-area = { $area }: { $count ->
    [one] { $count } dossier
   *[other] { $count } dossiers
}
map-label = { $caption } (map). { $areas }. Elsewhere: none.
map-label-empty = { $caption } (map): none.
map-credit = Outlines of the departments: MapSVG and Victor Cazanave, licence CC BY 4.0.

reminders-title = Reminders of your drafts
reminders-intro = Before the deadline, the steering group may remind authors by email of the dossiers they have not submitted yet.
reminders-on = You receive these reminders.
reminders-off = You have not been receiving these reminders since { $since }.
reminders-stop = Stop receiving these reminders
reminders-resume = Receive these reminders again
reminders-notice-stopped = Noted: you will no longer receive reminders of your drafts.
reminders-notice-resumed = Noted: you will receive reminders of your drafts again.

email-draft-reminder-subject = Reminder: your PTCE application is not submitted yet
email-draft-reminder-intro = { $count ->
    [one] Your dossier below is not submitted yet
   *[other] Your dossiers below are not submitted yet
}. Applications close on { $deadline }: after that, submitting is no longer possible.
email-draft-reminder-intro-open = { $count ->
    [one] Your dossier below is not submitted yet.
   *[other] Your dossiers below are not submitted yet.
}
email-draft-reminder-action = To complete and submit, open your space:
email-draft-reminder-button = Open my space
email-draft-reminder-opt-out = To stop receiving these reminders:
