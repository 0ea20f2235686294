# Call settings for the steering group (texts, calendar, tracks and quotas, forms), in English.
# Every key has a twin in ../fr/call_settings.ftl. Keys start with `call-settings-`.

call-settings-title = Call settings
call-settings-home-link = Call settings: texts, calendar, tracks and forms
call-settings-changed = Last changed: { $when }.
call-settings-texts-title = Call texts
call-settings-texts-text = Title, tagline, summary and the text of each part of the call, in French and English.
call-settings-calendar-title = Calendar
call-settings-calendar-text = First and last day of each phase, and the dates still to be confirmed.
call-settings-tracks-title = Tracks and quotas
call-settings-tracks-text = Name and description of each track, and how many applications to select.
call-settings-forms-title = Forms
call-settings-forms-text = The form of each track: download, import, preview and publish a revision.

call-settings-in-fr = French
call-settings-in-en = English
call-settings-save = Save
call-settings-preview = Preview the Markdown
call-settings-error-empty = This text is required: the call is always published in French and English.
call-settings-error-too-long = This text has { $count } characters; { $max } at most.
call-settings-conflict-title = Concurrent change: nothing was saved
call-settings-conflict-text = Someone else changed the call while you were working (on { $when }). Your input is kept below; where the saved version differs, it is shown under the field. Check, then save again to replace that version.
call-settings-conflict-stored = Version saved meanwhile:

call-settings-texts-intro = These texts are those of the call's public pages. Each is given in French and English.
call-settings-texts-saved = The call texts are saved; the public pages show them from now on.
call-settings-markdown-hint = The text of each part is written in Markdown (## headings, - lists, [text](address) links, tables, [^1] notes). HTML is filtered: scripts, styles and attributes that are not allowed are removed on display.
call-settings-preview-notice = Preview: nothing is saved. Each Markdown text is shown under its field as the public pages will display it.
call-settings-preview-of = Preview:
call-settings-presentation = Presentation of the call
call-settings-section-legend = Part “{ $title }”
call-settings-field-title = Call title
call-settings-field-tagline = Tagline
call-settings-field-summary = Summary
call-settings-field-section-title = Title
call-settings-field-section-body = Text (Markdown)

call-settings-calendar-intro = Dates are days of the Paris calendar: a phase starts at midnight on its first day and ends at midnight after its last day. Dossiers can be submitted during the applications phase, and are refused after its last day.
call-settings-calendar-saved = The calendar is saved; the public pages and dossier submission follow it from now on.
call-settings-calendar-saved-notified = { $count ->
    [0] The calendar is saved; the public pages and dossier submission follow it from now on. The first meeting's date changed; there was no invitee to tell.
    [one] The calendar is saved; the public pages and dossier submission follow it from now on. The first meeting's date changed: { $count } invitee was told by email.
   *[other] The calendar is saved; the public pages and dossier submission follow it from now on. The first meeting's date changed: { $count } invitees were told by email.
}
call-settings-calendar-saved-not-notified = The calendar is saved, and the first meeting moved with its phase; but its invitees could not be told. Tell them from the meeting’s page.
call-settings-notify-hint = { $count ->
    [one] This phase's meeting moves with its dates. If they change, { $count } invitee who has not declined will get an email with the new date and the updated calendar file.
   *[other] This phase's meeting moves with its dates. If they change, the { $count } invitees who have not declined will each get an email with the new date and the updated calendar file.
}
call-settings-days-hint = Date as dd/mm/yyyy.
call-settings-first-day = First day
call-settings-last-day = Last day
call-settings-tentative-label = Date to be confirmed
call-settings-tentative = to be confirmed
call-settings-error-first-day = The first day is not a date (dd/mm/yyyy, between 2000 and 2100).
call-settings-error-last-day = The last day is not a date (dd/mm/yyyy, between 2000 and 2100).
call-settings-error-last-before-first = The last day is before the first day.
call-settings-error-phase-order = This phase must start after the last day of the phase “{ $previous }”.
call-settings-error-no-applications = The calendar has no applications phase.

call-settings-tracks-intro = Tracks are the ways to respond to the call. The quota is how many applications the call means to select on the track; leave it empty if there is none.
call-settings-tracks-saved = The tracks are saved.
call-settings-field-track-name = Name
call-settings-field-track-description = Description
call-settings-field-quota = Quota
call-settings-quota-hint = A whole number from 1 to 1,000, or empty if there is no quota.
call-settings-no-quota = none
call-settings-error-quota = The quota is a whole number from 1 to 1,000, or empty if there is none.

call-settings-forms-intro = Each track has its form, described by a schema (a TOML text). Publishing a schema creates a new revision: new dossiers follow it, dossiers already started keep theirs.
call-settings-forms-caption = Revision in force of each track's form
call-settings-forms-doc = The schema format is described in docs/FORMS.md; the forms shipped with the platform are good examples.
call-settings-col-track = Track
call-settings-col-revision = Revision
call-settings-col-published = Published on
call-settings-col-sha = SHA-256 fingerprint
call-settings-col-actions = Actions
call-settings-form-import = Import a new revision
call-settings-form-download = Download the schema
call-settings-form-none = No form published.
call-settings-form-title = Form
call-settings-form-current = Revision in force
call-settings-form-new = New revision
call-settings-form-new-intro = Edit the schema below, paste another one, or choose a file. It is checked first, then shown as applicants will see it; nothing is published before you confirm.
call-settings-field-source = Form schema (TOML)
call-settings-source-hint = The text in force is filled in. Each mistake is given with its line and column.
call-settings-field-file = Or a schema file
call-settings-file-hint = A UTF-8 .toml file of { $max } KB at most; when given, it replaces the text above.
call-settings-form-check = Check and preview
call-settings-schema-error = line { $line }, column { $column }: { $reason }
call-settings-error-form-key = the form's key “{ $key }” is not the track's “{ $track }”.
call-settings-error-interest-field = form C must keep the field “{ $key }”, which the supporters' list and export read.
call-settings-error-too-large = The schema is larger than { $max } KB.
call-settings-error-not-utf8 = The file is not UTF-8 text.
call-settings-error-no-source = Paste the schema or choose a file.
call-settings-error-not-previewed = This text is not the one previewed: check it and preview it again.
call-settings-form-published = Revision { $revision } is published: new dossiers follow it, dossiers already started keep theirs.
call-settings-form-unchanged = This schema is that of revision { $revision } in force: nothing was published.
call-settings-form-conflict = Someone else published revision { $revision } during your preview: nothing was published. Your text is kept below; check it and preview it again.

call-settings-preview-title = Form preview
call-settings-preview-intro = This is the form as an applicant will see it on a blank dossier (the fields are disabled). Nothing is published until you confirm at the bottom of the page.
call-settings-preview-skip = Go to the publish button
call-settings-preview-toc = Pages of the form
call-settings-preview-conditional-section = This page appears only depending on the answers.
call-settings-preview-hidden-fields = { $count ->
    [one] { $count } question of this page appears only depending on the answers.
   *[other] { $count } questions of this page appear only depending on the answers.
}
call-settings-preview-publish-intro = Once published, this revision is used by every new dossier of the track; dossiers already started keep their revision.
call-settings-publish = Publish revision
call-settings-preview-back = Back to the schema
