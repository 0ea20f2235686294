# "My data": see, download, erase (GDPR). Twin of ../fr/my_data.ftl.

my-data-link = My data: see it, download it or erase my account
my-data-title = My data
my-data-intro = This is everything the platform holds about you. You can download all of it, or ask for your account to be erased.
my-data-account-title = Your account
my-data-language = Language of messages
my-data-created = Account created on
my-data-confirmed = Address confirmed on
my-data-password-hash = stored only as a hash, never in clear
my-data-role = Role
my-data-organisation-title = Your organisation
my-data-siret = SIRET number
my-data-organisation-last = You are its only member: erasing your account removes it too.
my-data-organisation-others = Other people are members: it stays theirs if you erase your account.
my-data-organisation-none = Your account belongs to no organisation.
my-data-sessions-title = Your sessions
my-data-sessions-caption = Open logins to your account (Paris time)
my-data-col-opened = Opened on
my-data-col-last-seen = Last active
my-data-col-expires = Ends at the latest
my-data-session-current = this one
my-data-links-and-attempts = Single-use links sent by email: { $links }. Login attempts with your address: { $attempts }. The download has their details.
my-data-events-title = Security log events about you
my-data-events-intro = { $count ->
    [0] No log event concerns you.
    [one] One log event concerns you; the download holds it.
   *[other] { $count } log events concern you; here are the most recent, the download holds them all.
}
my-data-events-caption = Events, newest first (Paris time)
my-data-col-role = Concerns you as
my-data-event-actor = actor
my-data-event-subject = account concerned
my-data-event-both = actor and account concerned
my-data-event-mentioned = address mentioned
my-data-emails-title = Messages sent to your address
my-data-emails-none = No message is kept for your address.
my-data-emails-caption = Messages from the platform to your address (Paris time)
my-data-col-subject = Subject
my-data-col-queued = Created on
my-data-col-sent = Sent on
my-data-email-not-sent = not sent yet
my-data-download-title = Download your data
my-data-download-text = A ZIP archive with all of this data as JSON (donnees.json), a LISEZMOI.txt file that explains it, and the files you uploaded.
my-data-download-button = Download my data (ZIP)
my-data-erase-title = Erase your account
my-data-erase-removed-title = What is erased
my-data-erase-removed-account = Your account: email address, name, language, password hash, roles.
my-data-erase-removed-sessions = All your sessions, on every device, and pending single-use links.
my-data-erase-removed-attempts = Login attempts made with your address.
my-data-erase-removed-emails = Messages to your address, sent or waiting; your address is removed from messages to other people.
my-data-erase-removed-organisation = Your organisation, if you are its last member, with the invitations to join it.
my-data-erase-removed-files = The traces of this data in the database files, which are rewritten.
my-data-erase-kept-title = What is kept, and why
my-data-erase-kept-journal = The security log keeps past events (logins, account creation…) for one year, so that the security of the service can be traced. They no longer point to you: the actor or account concerned is noted as an erased account, with no identifier, and your address is removed from their details. The IP address each request came from stays, as for every event of the log. An "account erased" event is added, with no data about you.
my-data-erase-kept-dossiers = Application dossiers submitted for your organisation are kept according to the rules of the call (see the Personal data page): they belong to the organisation and serve the assessment of the call.
my-data-erase-kept-delivered = Messages already delivered stay in their recipients' mailboxes, outside the platform.
my-data-erase-final = Erasure is immediate and final: download your data first if you want to keep it.
my-data-erase-password = Your current password
my-data-erase-confirm = I ask for my account to be erased for good
my-data-erase-button = Erase my account
my-data-error-password-empty = Enter your current password.
my-data-error-password-wrong = This password is not the right one: nothing was erased.
my-data-error-throttled = Too many wrong passwords. To protect this account, try again in a few minutes.
my-data-error-confirm = Tick the box to confirm that you ask for erasure.
my-data-erased-title = Your account is erased
my-data-erased-text = Your account and the data attached to it have been erased, and all your sessions are closed. Only the security log keeps past events for one year, with nothing that points to you except the IP address of the requests.
