# Screening and complements (taking a dossier into screening, asking for a complement on parts of
# the dossier, sending it) and files attached to messages, in English. Every key has a twin in
# ../fr/complements.ftl. Keys start with `complements-` (pages), `message-files-` (files of the
# thread), `email-complement-` (the email to the referents), or continue the history's families
# (`staff-dossiers-event-`, `dossier-event-`).

complements-screening-title = Screening
complements-screening-hint = Taking the dossier into screening locks it for the applicant organisation: it can no longer change it, except the parts you ask a complement on.
complements-screening-button = Take into screening
complements-notice-screening = Dossier taken into screening.
complements-screening-refused = Only a submitted dossier can be taken into screening; this one is “{ $state }”.

complements-title = Ask for a complement
complements-hint = Tick the parts of the dossier to complete: only those become editable again for the applicant organisation. Your message is posted in the message thread; the organisation gets an email inviting it to read it, without its content.
complements-sections = Parts to complete
complements-message = Message to the applicant organisation
complements-button = Ask for the complement
complements-notice-requested = Complement asked for; the applicant organisation is told by email.
complements-refused-no-section = Tick at least one part of the dossier to complete.
complements-refused-unknown-section = The part “{ $section }” does not exist in this dossier’s form.
complements-refused-state = A complement cannot be asked for a dossier that is “{ $state }”.
complements-open = Complement asked on { $at } by { $name }, waiting for the applicant organisation. Parts reopened:
complements-someone = someone whose account was deleted

complements-banner-title = A complement is asked of you
complements-banner-text = The referent of your dossier asks you to complete the parts below; the other parts stay read-only.
complements-banner-from = Message from { $name }, on { $at }:
complements-send-title = Send the complement
complements-send-text = Once the parts asked for are complete, send the complement: the referent will be told by email. Your dossier keeps the date you submitted it.
complements-send-button = Send the complement
complements-send-blocked = First complete the answers listed in the parts to complete.
complements-notice-sent = Complement sent; the referent of your dossier is told by email.
complements-refused-incomplete = Answers are missing or to be corrected in the parts to complete: see the list of missing answers.
complements-section-reopened = Part reopened at the referent’s request: complete it, then send the complement from the dossier’s page.
complements-section-closed = This part is not reopened: only the parts asked for in the complement can be changed ({ $sections }).

message-files = Attached files
message-files-label = Attach files (optional)
message-files-hint = PDF, texts and spreadsheets (OpenDocument, Word, Excel), PNG or JPEG images; at most { $size } per file, { $count } files at most.
message-files-too-many = Attach at most { $count } files to a message.
message-files-pending = antivirus check in progress

email-complement-subject = Complement received for dossier { $reference }
email-complement-intro = The applicant organisation sent the complement asked for dossier { $reference } ({ $title }). To read it, log in:
email-complement-button = See the dossier
email-complement-privacy = For confidentiality, the content of dossiers is never sent by email.

staff-dossiers-event-screening_started = Taken into screening
staff-dossiers-event-complement_requested = Complement asked for
staff-dossiers-event-complement_sent = Complement sent by the applicant organisation
dossier-event-screening_started = Dossier taken into screening
dossier-event-complement_requested = Complement asked for by the referent
dossier-event-complement_sent = Complement sent
