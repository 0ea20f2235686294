# Dossiers (applications): starting, filling, submitting, receipts, English.
# Every key here has a twin in ../fr/dossiers.ftl (a unit test checks it).

breadcrumb-label = Breadcrumb
space-dossiers-title = My application dossiers
dossier-word = Dossier
dossier-untitled = Untitled dossier
dossier-reference = Number
dossier-name = Pole or initiative
dossier-track = Track
dossier-state = State
dossier-window = Submission of dossiers
dossier-window-open = Submission open until { $deadline } (Paris time): { $left } left.
dossier-window-not-yet = Submission of dossiers opens on { $opens } (Paris time).
dossier-window-closed = Submission of dossiers closed on { $deadline } (Paris time).
dossier-missing-count = { $count ->
    [one] 1 answer missing or to correct
   *[other] { $count } answers missing or to correct
}

dossier-new-title = Start a dossier
dossier-new-legend = Your situation
dossier-new-submit = Start the dossier
dossier-new-choose = Choose the track of your dossier.
dossier-new-quota = about { $quota } selected
dossier-new-no-organisation = To start a dossier, your account must belong to an organisation (the lead structure).
dossier-new-interest = You only wish to express interest or support? A short form, without an account, is there for that.

dossier-steps-label = Steps of the dossier
dossier-steps-all = All the steps of the dossier
dossier-step-count = Step { $position } of { $count }
dossier-step-complete = complete
dossier-summary-link = Summary and submission
dossier-required = (required)
dossier-required-legend = Fields marked “(required)” must be filled in before submission. You can save an incomplete dossier at any time.
dossier-save-next = Save and continue
dossier-save-summary = Save and see the summary
dossier-save = Save
dossier-previous = Previous step
dossier-not-editable = This dossier can no longer be changed.
dossier-notice-saved = Your answers are saved.
dossier-notice-saved-with-errors = Your answers are saved, as you typed them. Some must be corrected before submission: see below.
dossier-kept-input = Your session had expired: what you typed was kept and is shown below. It is not saved yet: check it, then save.
dossier-choose = — Choose —
dossier-yes = Yes
dossier-no = No
dossier-max-chars = { $max } characters at most.
dossier-communes-more = One commune per box; save to get more boxes.
dossier-commune-homonyms = Several communes have this name: which one?
dossier-table-more = Empty rows are ignored; save to get more rows. Tick “Remove” to take a row out.
dossier-row-remove = Remove
dossier-files-none = No file yet.
dossier-file-upload = Upload the file
dossier-file-remove = Remove
dossier-file-types = Accepted formats: { $types }; { $max } MB at most per file.

dossier-conflict-title = Someone changed this step while you were filling it in
dossier-conflict-text = Nothing is lost: your input is below, and for each answer changed meanwhile, the value the other person saved is shown. Choose which value to keep for each, then save.
dossier-conflict-theirs = Value saved meanwhile:
dossier-conflict-empty = (empty)
dossier-conflict-keep-mine = Keep my input
dossier-conflict-keep-theirs = Take the saved value

dossier-progress-title = Progress
dossier-missing-title = What is missing
dossier-nothing-missing = Every required answer is given. You can submit the dossier.
dossier-warning = to check
dossier-submit-title = Submit the dossier
dossier-resubmit-title = Submit a new version
dossier-submit-blocked = The dossier cannot be submitted yet: complete or correct the answers listed above.
dossier-submit-text = When you submit, you receive a receipt by email (PDF). You can still change the dossier and submit it again until the deadline.
dossier-submit = Submit the dossier
dossier-resubmit = Submit this new version
dossier-notice-submitted = Your dossier is submitted. The receipt was sent to you by email; you can also download it below.
dossier-notice-already-submitted = This version of the dossier was already submitted: nothing was sent twice.
dossier-notice-withdrawn = Your dossier is withdrawn.
dossier-refused-title = The dossier was not submitted
dossier-refused-incomplete = Required answers are missing or must be corrected: see “What is missing”.
dossier-refused-changed = The dossier changed since you opened this page (in another tab or by a colleague). Read it again, then submit again.
dossier-refused-closed = The submission period closed on { $deadline } (Paris time). The dossier was not submitted.
dossier-refused-not-yet = The submission period is not open yet: it opens on { $opens } (Paris time).
dossier-refused-state = This dossier cannot be submitted in its current state.
dossier-receipts-title = Receipts
dossier-receipt = Receipt
dossier-history-title = History
dossier-history-when = Date
dossier-history-what = Event
dossier-history-who = By
dossier-event-created = Dossier created
dossier-event-submitted = Dossier submitted (receipt { $number })
dossier-event-resubmitted = New version submitted (receipt { $number })
dossier-event-withdrawn = Dossier withdrawn
dossier-event-routed = Dossier assigned to a partner network
dossier-event-reassigned = Dossier moved to another partner network
dossier-event-decision = Decision of the steering group
dossier-withdraw-title = Withdraw the dossier
dossier-withdraw-open = I wish to withdraw this dossier
dossier-withdraw-reason = Reason (optional)
dossier-withdraw-confirm = I confirm the withdrawal of this dossier; it will not be examined.
dossier-withdraw = Withdraw the dossier
dossier-withdraw-confirm-missing = Tick the confirmation box to withdraw the dossier.

receipt-title = Receipt of submission
receipt-reference = Dossier number
receipt-track = Track
receipt-organisation = Lead structure
receipt-submitted-at = Submitted on (Paris time)
receipt-number = Submitted version
receipt-sha256 = SHA-256 fingerprint of the content
receipt-notice = This receipt certifies the submission of the dossier below, as it was submitted. The SHA-256 fingerprint makes it possible to check that its content has not changed since.
receipt-no-answer = —
receipt-no-rows = No row.

dossier-autosave-saving = Saving…
dossier-autosave-saved = Saved automatically at { "{" }time{ "}" }.
dossier-autosave-conflict = Someone else changed this step: automatic saving is paused. Press “Save” to compare the values; nothing is lost.
dossier-autosave-logged-out = Your session expired: automatic saving is paused. Press “Save”: your input will be kept while you log in again.
dossier-autosave-failed = Automatic saving failed. Press “Save”.
dossier-autosave-offline = No connection: your input is kept in this browser and will be saved as soon as possible.
dossier-autosave-restore = Restore the unsaved input
dossier-notice-file-added = The file is attached to the dossier.
dossier-notice-file-removed = The file is removed from the dossier.
dossier-file-pending-title = File being scanned
dossier-file-pending = This file has not been scanned by the antivirus yet: it can be downloaded as soon as the scan finds it clean. Try again in a few minutes.
dossier-file-too-many = This field takes at most { $max } files: remove one before adding another.
dossier-file-missing = Choose a file to upload.
dossier-progress-count = { $answered } of { $total } required answers
dossier-progress-errors = { $count ->
    [one] 1 to correct
   *[other] { $count } to correct
}
dossier-progress-warnings = { $count ->
    [one] 1 to check
   *[other] { $count } to check
}
dossier-unchanged = Your latest version is submitted. If you change the dossier before the deadline, you can submit the new version.
dossier-network = Referent network
dossier-network-none = not chosen yet (step “Contact and network”)
dossier-network-unknown = not known yet: the steering group will direct you
