# Accounts: sign-up, login, spaces. Twin of ../fr/accounts.ftl.

nav-login = Log in
nav-space = My space
nav-backoffice = Back office
account-nav-label = Account
logout = Log out

field-email = Email address
field-password = Password
field-password-new = Password (at least 12 characters)
field-password-hint = Choose a phrase that is easy for you to remember, at least 12 characters long; any character is allowed.
field-name = Your name
field-organisation = Organisation (lead structure)
field-siret = The organisation’s SIRET number (optional)
form-error-summary = The form has errors

login-title = Log in
login-submit = Log in
login-no-account = No account yet?
login-signup-link = Create an account
login-unconfirmed = Your address is not confirmed yet: follow the link in the message we sent you when the account was created.
error-login-failed = Wrong email address or password.
error-login-throttled = Too many login attempts failed. To protect this account, try again in a few minutes.

error-email-empty = Enter your email address.
error-email-too-long = This email address is too long.
error-email-malformed = This email address is not valid (example: firstname.lastname@example.org).
error-password-too-short = The password must be at least 12 characters long.
error-password-too-long = The password must be at most 256 characters long.
error-password-common = This password is too common: it is in the lists attackers try. Choose another one.
error-password-same-as-email = The password cannot be your email address.
error-signup-throttled = Too many account requests for this address or from your connection. Try again in an hour.
error-name-empty = Enter your name.
error-organisation-empty = Enter the name of your organisation.
error-text-too-long = This text is too long.

space-title = My space
space-dossiers = Your application dossiers will appear here as soon as you start one.

backoffice-title = Call management
backoffice-roles = Your roles
role-admin = Administrator
role-steering = Steering group
role-referent = Referent
role-reviewer = Reviewer

error-403-title = Access denied
error-403-text = Your account does not give access to this page.

signup-title = Create an account
signup-intro = The account lets you prepare and submit your organisation’s application dossier, with colleagues if you wish. An expression of interest or support needs no account.
signup-submit = Create my account
signup-have-account = Already have an account?
signup-sent-title = Check your inbox
signup-sent-text = If the address { $email } can receive an account, a message has just been sent to it with a confirmation link, valid for 24 hours. Remember to look in your spam folder.
confirm-title = Confirm your email address
confirm-text = Confirm your address to activate your account.
confirm-button = Confirm my address
confirmed-title = Address confirmed
confirmed-text = Your account is active. You can log in.
link-expired-title = This link has expired
link-expired-text = Confirmation links are valid for 24 hours. Log in or create your account again to receive another one.
link-used-title = This link has already been used
link-used-text = Each link works only once. If your address is confirmed, you can log in.
link-unknown-title = Unknown link
link-unknown-text = This link is not valid. Check that it was copied whole.

journal-title = Audit log
journal-intro = Logins, account creations, role grants and refused accesses: who, what, when (Paris time), from where. The 200 most recent events matching the filters.
journal-filter-event = Event
journal-all-events = All events
journal-filter-person = Person (email address or part of it)
journal-filter-from = From
journal-filter-to = To
journal-filter-submit = Filter
journal-caption = Events, newest first
journal-col-at = Date
journal-col-event = Event
journal-col-actor = Actor
journal-col-subject = Account concerned
journal-col-client = IP address
journal-col-detail = Detail
journal-empty = No event matches these filters.
journal-ignored-event = The requested event filter does not exist: it was ignored.
journal-ignored-date = A filter date could not be read (expected format: YYYY-MM-DD): it was ignored.
journal-event-login = Logins
journal-event-logout = Logouts
journal-event-account = Accounts
journal-event-email = Confirmed addresses
journal-event-role = Roles
journal-event-organisation = Organisations
journal-event-access = Refused accesses
journal-event-call = Call settings
journal-event-form = Published forms
journal-event-dossier = Dossiers
journal-event-dossiers = Dossier exports
journal-event-routing = Routing rules
journal-event-reviews = Reviews
journal-event-admissibility = Admissibility
journal-event-decision = Decisions
journal-event-supporters = Supporters (form C)
journal-event-reminders = Reminders of drafts
journal-event-pole = Clusters (publication)
journal-event-progress = Progress approach
journal-event-proposal = Costed proposal (envelope, scenarios)
journal-event-meeting = Network meetings (invitations, reminders, changes, cancellations)

menu-label = Back office menu
menu-dossiers = Dossiers
menu-reviews = Reviews
menu-selection = Selection
menu-poles = Poles
menu-progress = Progress
menu-events = Meetings
menu-supporters = Supporters
menu-partners = Partners
menu-proposal = Proposal
menu-statistics = Statistics
menu-settings = Settings
menu-users = Accounts
menu-journal = Audit log

backoffice-todo-title = To do
backoffice-todo-nothing = Nothing is waiting for you at the moment.
backoffice-todo-submitted = { $count ->
    [one] One submitted dossier is waiting to be taken into screening
   *[other] { $count } submitted dossiers are waiting to be taken into screening
}
backoffice-todo-unrouted = { $count ->
    [one] One dossier has no referent network yet
   *[other] { $count } dossiers have no referent network yet
}
backoffice-todo-reviews = { $count ->
    [one] One review to submit
   *[other] { $count } reviews to submit
}
