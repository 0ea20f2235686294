# Meetings of the network (src/events, public/events.rs, backoffice/events.rs). Keys start with
# `events-` (pages) or `email-event-` (the invitation and the reminder).
events-title = Network meetings
events-lead = Meetings of the poles and initiatives identified by the call, and of their supporters.
events-none = No meeting announced yet.
events-when = Date
events-place = Place
events-place-unknown = Place to be announced
events-tentative = date to be confirmed
events-when-day = { $date } (all day)
events-when-span = { $date }, { $start } to { $end }
events-past = This meeting has taken place.
events-ics = Add to my calendar (.ics file)
events-back = All meetings
events-see-page = See the meeting’s page
events-upcoming = Upcoming
events-done = Past

# The answer page (personal link, no account).
events-rsvp-title = Your answer to the invitation
events-rsvp-for = Invitation sent to { $name } ({ $email }).
events-rsvp-current = Your current answer: { $answer }.
events-rsvp-question = Will you attend?
events-rsvp-yes = Yes
events-rsvp-maybe = Maybe
events-rsvp-no = No
events-rsvp-none = No answer
events-rsvp-people = Number of people (including you)
events-rsvp-people-hint = From 1 to 20; ignored if you answer “No”.
events-rsvp-comment = Comment (optional)
events-rsvp-comment-hint = For example: accessibility needs, dietary requirements, arrival time.
events-rsvp-submit = Save my answer
events-rsvp-change = You can change your answer with this same link until the meeting.
events-rsvp-saved = Thank you, your answer is saved: { $answer }.
events-rsvp-errors = Your answer was not saved: correct the field shown.
events-link-over-title = This meeting is over
events-link-over-text = The meeting “{ $title }” has taken place: answers are no longer possible.
events-link-unknown-text = This answer link matches no invitation. Check that it is complete (copy the whole address from the email), or ask the steering group for a new invitation.
events-answer-none = No answer yet
events-answer-no = No
events-answer-yes-people = Yes, { $count ->
    [one] { $count } person
   *[other] { $count } people
}
events-answer-maybe-people = Maybe, { $count ->
    [one] { $count } person
   *[other] { $count } people
}

# Back office.
events-bo-home-link = Network meetings: invitations and answers
events-bo-lead = Create meetings, invite the members of the selected poles and supporters, follow the answers.
events-bo-new = Create a meeting
events-bo-new-title = New meeting
events-bo-edit = Edit the meeting
events-bo-edit-title = Edit “{ $title }”
events-bo-back = Back to the meetings
events-bo-back-event = Back to the meeting
events-bo-col-event = Meeting
events-bo-col-invited = Invitations
events-bo-col-coming = Expected attendees
events-bo-installed = Installed with the call’s calendar
events-bo-public-page = Public page
events-bo-invite = Invite participants
events-bo-invitations = Invitations and answers
events-bo-no-invitations = Nobody is invited yet.
events-bo-totals = { $invited ->
    [one] { $invited } invitation
   *[other] { $invited } invitations
}: { $yes } yes, { $maybe } maybe, { $no } no, { $none } without answer. People expected (yes): { $people }.
events-bo-export = Export the attendees (CSV)
events-bo-remind = Send the reminder to the attendees (yes and maybe)
events-bo-remind-hint = { $count ->
    [0] Nobody to remind: the reminder goes once to each person who answered yes or maybe.
    [one] The reminder will go to { $count } person who answered yes or maybe and was not reminded yet.
   *[other] The reminder will go to { $count } people who answered yes or maybe and were not reminded yet.
}
events-bo-reminded = Reminder sent
events-notice-created = The meeting is created. Now invite the participants.
events-notice-updated = The meeting is updated.
events-notice-invited = { $sent ->
    [0] No new invitation sent
    [one] { $sent } invitation sent
   *[other] { $sent } invitations sent
}; { $already ->
    [0] nobody was already invited.
    [one] { $already } person was already invited (not sent again).
   *[other] { $already } people were already invited (not sent again).
}
events-notice-reminded = { $count ->
    [0] No reminder sent: every attendee was already reminded.
    [one] { $count } reminder sent.
   *[other] { $count } reminders sent.
}
events-field-title = Title (French)
events-field-title-en = Title in English (optional)
events-field-date = Date
events-field-date-hint = Format DD/MM/YYYY if your browser offers no calendar.
events-field-start = Start time
events-field-end = End time
events-field-times-hint = Leave both times empty for a whole-day meeting.
events-field-place = Place (address)
events-field-description = Description (French)
events-field-description-en = Description in English (optional)
events-field-tentative = Date to be confirmed
events-save = Save
events-form-errors = The meeting was not saved: correct the fields shown.
events-invite-title = Invite to “{ $title }”
events-invite-lead = Tick the poles (all their members with a confirmed account are invited) and the supporters to invite. Someone already invited gets no second email.
events-invite-poles = Members of the selected poles
events-invite-no-poles = No dossier selected yet.
events-invite-members = { $count ->
    [one] { $count } person
   *[other] { $count } people
}
events-invite-supporters = Supporters (form C, address confirmed, follow-up agreed)
events-invite-no-supporters = No confirmed supporter yet.
events-invite-already = already invited
events-invite-submit = Send the invitations
events-invite-nobody = Choose at least one pole or one supporter.
events-pole-published = published pole
events-pole-unpublished = pole not published
events-source-pole = Pole
events-source-supporter = Supporter
events-col-name = Name
events-col-email = Email address
events-col-source = Source
events-col-answer = Answer
events-col-people = People
events-col-comment = Comment
events-col-answered = Answered on
events-col-reminded = Reminder

# Errors of the forms.
events-error-title-required = Give the meeting a title.
events-error-title-long = The title is too long (200 characters at most).
events-error-place-long = The place is too long (300 characters at most).
events-error-description-long = The description is too long (5,000 characters at most).
events-error-date-required = Give the date of the meeting.
events-error-date-invalid = This date does not exist or cannot be read (format DD/MM/YYYY).
events-error-time-invalid = This time cannot be read (format HH:MM, e.g. 09:30).
events-error-end-required = Give the end time too, or leave both times empty.
events-error-start-required = Give the start time too, or leave both times empty.
events-error-end-before-start = The end time must come after the start time.
events-error-answer-required = Choose Yes, Maybe or No.
events-error-guests = Give a number of people between 1 and 20.
events-error-comment-long = The comment is too long (1,000 characters at most).

# Emails.
email-event-invitation-subject = Invitation: { $title } — PTCE
email-event-invitation-intro = The steering group of the PTCE call invites you to the meeting “{ $title }”.
email-event-when = Date:
email-event-place = Place:
email-event-place-unknown = to be announced
email-event-answer-with = Please answer (yes, no or maybe) with your personal link, without creating an account:
email-event-answer-button = Answer the invitation
email-event-copy = If the button does not work, copy this address into your browser:
email-event-answer-change = This link is personal: it lets you change your answer until the meeting.
email-event-page = The meeting’s page, with the file for your calendar:
email-event-reminder-subject = Reminder: { $title } — PTCE
email-event-reminder-intro = A reminder of the meeting “{ $title }”, which you answered.
email-event-your-answer = Your answer:
email-event-reminder-change = Cannot come after all? Change your answer with this personal link:

# Changes, cancellation, deletion (session 6).
nav-events = Meetings
events-cancelled-badge = Cancelled
events-cancelled-text = This meeting is cancelled.
events-link-cancelled-title = This meeting is cancelled
events-link-cancelled-text = The meeting “{ $title }” is cancelled: answers are no longer taken.
events-bo-cancel = Cancel or delete the meeting
events-bo-cancelled-on = Meeting cancelled on { $when }. Its public page says so; its answer links take no more answers.
events-bo-cancel-title = Cancel “{ $title }”
events-bo-cancel-lead = A cancelled meeting stays visible, marked “Cancelled”, on the meetings page; nobody can answer any more. This cannot be undone.
events-bo-cancel-recipients = { $count ->
    [0] No invitee will be emailed (nobody is invited, or everyone declined).
    [one] { $count } invitee who has not declined will get a cancellation email, with a calendar file that removes the meeting from their calendar.
   *[other] { $count } invitees who have not declined will each get a cancellation email, with a calendar file that removes the meeting from their calendar.
}
events-bo-cancel-submit = Confirm the cancellation
events-bo-cancel-keep = Change nothing
events-bo-delete-title = Delete instead
events-bo-delete-lead = Nobody is invited to this meeting: you may also delete it. It will disappear from the meetings page.
events-bo-delete-submit = Delete the meeting
events-bo-delete-installed = This meeting comes from the call’s calendar: it can be cancelled, not deleted.
events-notice-cancelled = { $count ->
    [0] The meeting is cancelled. No email was sent (no invitee to tell).
    [one] The meeting is cancelled. { $count } cancellation email was sent.
   *[other] The meeting is cancelled. { $count } cancellation emails were sent.
}
events-notice-deleted = The meeting is deleted.
events-notice-updated-notified = { $count ->
    [0] The meeting is updated. No invitee was told.
    [one] The meeting is updated. { $count } invitee was told by email.
   *[other] The meeting is updated. { $count } invitees were told by email.
}
events-field-notify = Tell the invitees about the change
events-field-notify-hint = If the date, times, place or the confirmation of the date change, each invitee who has not declined gets an email with the new details and the updated calendar file. A change of the title or description alone sends nothing.
events-bo-phase-linked = This meeting is the phase “{ $phase }” of the call’s calendar: its dates are shown there. Changing its dates here changes the call’s calendar, and changing the phase in the calendar moves the meeting.
events-conflict-title = Concurrent change: nothing was saved
events-conflict-text = Someone else changed this meeting while you were working (on { $when }). What you typed is kept in the form below; the version saved meanwhile is shown here. Check, then save again to replace it.
events-conflict-cancelled = This meeting was cancelled meanwhile (on { $when }): it can no longer be changed. What you typed is kept below so that you can copy it.
events-conflict-stored = Version saved meanwhile
events-error-phase-order = This date breaks the order of the call’s calendar (the previous phase has not ended, or the next one has already begun): choose another date or change the calendar first.
email-event-update-subject = Change: { $title } — PTCE
email-event-update-intro = The meeting “{ $title }” has changed. Here are the new details.
email-event-update-former = Before:
email-event-update-calendar = The attached file (.ics) updates the meeting in your calendar.
email-event-update-answer = Your answer is still recorded. If you need to change it, use this personal link:
email-event-cancelled-subject = Cancelled: { $title } — PTCE
email-event-cancelled-intro = The meeting “{ $title }” is cancelled.
email-event-cancelled-calendar = The attached file (.ics) removes the meeting from your calendar. We apologise for this change.
email-event-cancelled-page = The meeting’s page:
