# Exchanges around a dossier (message thread, private annotations, routing, the back office's
# list), in English. Every key has a twin in ../fr/exchanges.ftl.
# Keys start with `exchanges-` (pages), `routing-` (routing rules), `staff-dossiers-` (the back
# office's list and page) or `email-message-` (the notification email).

email-message-subject = New message on dossier { $reference }
email-message-intro = { $author } wrote a new message on dossier { $reference } ({ $title }). To read it and answer, log in:
email-message-button = Read the message
email-message-privacy = For confidentiality, the content of messages is never sent by email.

exchanges-thread = Messages
exchanges-thread-staff-hint = Exchanges with the applicant organisation: it gets an email inviting it to read each message, without its content.
exchanges-thread-candidate-hint = Your exchanges with the referent of your dossier. Each message is announced to them by email.
exchanges-no-message = No message yet.
exchanges-new-message = Your message
exchanges-send = Send the message
exchanges-sent = Message sent.
exchanges-read-at = read on { $at }
exchanges-back-to-dossier = Back to the dossier
exchanges-annotations = Private annotations
exchanges-annotations-hint = Seen only by referents, the steering group and reviewers; never shown to the applicant organisation nor sent by email.
exchanges-no-annotation = No annotation.
exchanges-new-annotation = New annotation
exchanges-add-annotation = Add the annotation

staff-dossiers-title = Submitted dossiers
staff-dossiers-scope = Dossiers of the network:
staff-dossiers-search = Search the dossiers (answers, name, reference, organisation)
staff-dossiers-all = All
staff-dossiers-filter = Filter
staff-dossiers-count = { $count ->
    [0] No dossier matches.
    [1] 1 dossier.
   *[other] { $count } dossiers.
}
staff-dossiers-col-reference = Reference
staff-dossiers-col-title = Pole or initiative
staff-dossiers-col-organisation = Organisation
staff-dossiers-col-track = Track
staff-dossiers-col-state = State
staff-dossiers-col-network = Network
staff-dossiers-col-submitted = Submitted on
staff-dossiers-col-unread = Unread messages
staff-dossiers-unrouted = Not assigned
staff-dossiers-untitled = (no name)
staff-dossiers-pages = Pages of the list
staff-dossiers-previous = Previous page
staff-dossiers-next = Next page
staff-dossiers-back = Back to the list of dossiers
staff-dossiers-reassign = Network in charge of the dossier
staff-dossiers-reassign-button = Reassign
staff-dossiers-answers = Answers of the dossier
staff-dossiers-history = History
staff-dossiers-notice-message = Message sent; the applicant organisation is told by email.
staff-dossiers-notice-annotation = Annotation added.
staff-dossiers-notice-network = Network of the dossier changed.
staff-dossiers-event-created = Dossier created
staff-dossiers-event-submitted = Dossier submitted
staff-dossiers-event-resubmitted = Dossier submitted again
staff-dossiers-event-withdrawn = Dossier withdrawn
staff-dossiers-event-routed = Assigned by a routing rule
staff-dossiers-event-reassigned = Reassigned

routing-title = Routing of dossiers
routing-back = Back to the call’s settings
routing-intro = When an organisation submits a dossier without choosing a network, the rules are tried in order: the first that matches assigns the dossier to its network. With no matching rule, the dossier stays “not assigned” for the steering group.
routing-none = No rule: dossiers without a chosen network stay unassigned.
routing-col-order = Order
routing-col-track = Track
routing-col-test = What is looked at
routing-col-field = Form field
routing-col-values = Values
routing-col-network = Network
routing-col-actions = Actions
routing-every-track = Every track
routing-remove = Remove the rule
routing-add = Add a rule
routing-add-button = Add the rule
routing-field-hint = The field’s key, for instance lead_commune (commune of the lead organisation) or sectors (sectors of activity).
routing-values-hint = Separated by commas: department codes (26, 07), region codes (84) or answer values (numerique).
routing-notice-added = Rule added.
routing-notice-removed = Rule removed.
staff-dossiers-home-link = Submitted dossiers: list, messages, annotations
exchanges-link-from-dossier = Messages with the referent of the dossier
staff-dossiers-export = Export the filtered list:
staff-dossiers-export-sheet = Dossiers
staff-dossiers-export-col-updated = Last changed
staff-dossiers-export-col-commune = Lead organisation's municipality
staff-dossiers-export-col-department = Department
staff-dossiers-export-col-region = Region
staff-dossiers-export-col-region-2011 = Region (2011)
staff-dossiers-event-decision = Decision released
