# Interface messages, English.
# Every key here has a twin in ../fr/main.ftl (a unit test checks it).

site-name = Territorial Economic Cooperation Clusters
site-tagline = Call for applications and the PTCE network
skip-link = Skip to content
nav-label = Main navigation
nav-home = Home
nav-call = The call
nav-calendar = Calendar
nav-contacts = Contacts
lang-switch-label = Change language
footer-label = Footer
footer-about = Platform of the call for applications carried by Le Labo de l’ESS, COORACE, RTES, IRIS and CNCRES.
footer-privacy = Personal data
footer-accessibility = Accessibility: partially compliant

home-title = Home
home-phase-current = Current phase
home-phase-next = Next step
home-phase-over = Every phase of this call is over.
home-deadline = Deadline for applications: { $when } (Paris time).
home-time-left = { $left } left to respond.
home-closed = Applications closed on { $when } (Paris time).
home-ways-title = Three ways to respond
home-ways-intro = Choose the track that fits your situation. Whichever it is, a referent of one of the five co-carrying networks can answer your questions.
home-read-call = Read the full call
home-how-to-respond = How to respond
home-contact = Contact a referent
home-calendar-title = The calendar at a glance
home-calendar-link = See the detailed calendar
track-quota = About { $quota } will be selected.
track-no-quota = No limit on numbers, no account needed.
no-call = No call for applications is published at the moment.

call-toc = Contents
call-contacts-title = Referents of the call
call-contacts-text = Each co-carrying network has named a referent to inform people and answer expressions of interest.
call-contacts-link = See the referents and their addresses
call-calendar-link = See the calendar of the call
call-footnotes = Notes

calendar-title = Calendar of the call
calendar-intro = Dates and deadlines are given in Paris time.
phase-status-past = Over
phase-status-current = Current
phase-status-upcoming = Upcoming
phase-tentative = Date to be confirmed
phase-deadline = Deadline for applications: { $when }.

contacts-title = Referents
contacts-intro = Each of the five co-carrying networks of the call has named a referent. Contact any of them with questions about your application or your expression of interest.
contacts-referent = Referent
contacts-email = Email address

privacy-title = Personal data
privacy-intro = This page explains which personal data the platform processes, why, for how long, and how to exercise your rights (General Data Protection Regulation, GDPR).
privacy-controller-title = Data controllers
privacy-controller-text = The co-carrying networks of the call, jointly, to examine applications and run the PTCE network. The operator of the platform acts on their behalf.
privacy-data-title = Data processed
privacy-data-accounts = Accounts: email address, name, organisation, password (kept only as a hash).
privacy-data-dossiers = Application dossiers: the answers to the form, the attachments, the exchanges with referents and the history of the dossier.
privacy-data-support = Expressions of interest or support: category, organisation, municipality, email address and message.
privacy-data-logs = Technical logs: date, page requested and IP address, for the security of the service.
privacy-purpose-title = Purposes
privacy-purpose-text = Examining the applications to the call, selecting the clusters and initiatives that are supported, publishing the selected clusters (only the fields their carriers agreed to make public), running the support network and organising the network’s meetings.
privacy-retention-title = Retention
privacy-retention-text = Dossiers that are not selected are kept until the end of the call and deleted within a year; selected dossiers are kept for as long as the cluster is supported. Accounts inactive for three years are deleted. Technical logs are kept for one year at most.
privacy-cookies-title = Cookies
privacy-cookies-text = The platform sets no audience-measurement or advertising cookie. It uses one cookie that remembers the language you chose and, when you are logged in, a strictly necessary session cookie.
privacy-rights-title = Your rights
privacy-rights-text = You can access your data, correct it, download it, ask for its erasure or object to its processing by writing to one of the referents of the call. You can also lodge a complaint with the French data protection authority (CNIL).
privacy-my-data = Once logged in, you can download everything the platform holds about you and erase your account yourself, from the page:

accessibility-title = Accessibility statement
accessibility-intro = The co-carrying networks are committed to making this platform accessible, in line with the French accessibility framework (RGAA 4.1) and WCAG 2.1 level AA.
accessibility-status-title = Compliance status
accessibility-status-text = The platform is partially compliant: no full audit has been carried out yet. Every public page is checked automatically on every change to the code (axe, WCAG 2.1 A and AA rules) in a real browser.
accessibility-design-title = Design choices
accessibility-design-text = Every page works without JavaScript and with the keyboard, with a skip link to the content, a visible focus, AA contrast, and adapts to small screens and to printing.
accessibility-contact-title = Report a problem
accessibility-contact-text = If you cannot reach a piece of content or a service, write to one of the referents of the call: we will answer and give you the information in another form.
accessibility-remedy-title = Remedies
accessibility-remedy-text = If you do not get a satisfactory answer, you can refer the matter to the Défenseur des droits (the French rights ombudsman).

error-404-title = Page not found
error-404-text = The page you asked for does not exist or has moved. Check the address, or start again from the home page.
error-500-title = Something went wrong
error-500-text = The service could not handle your request. Try again in a moment; if the problem persists, quote the reference below to a referent of the call.
error-503-title = Service temporarily unavailable
error-503-text = The service cannot answer right now. Try again in a few moments.
error-429-title = Too many requests
error-429-text = You made many exports in a short time. Try again in a few minutes: the limit protects the service and the candidates' data.
error-request-id = Reference to quote if the problem persists: { $id }
error-back-home = Back to the home page

remaining-days-hours = { $a } { $a ->
    [one] day
   *[other] days
} and { $b } { $b ->
    [one] hour
   *[other] hours
}
remaining-hours-minutes = { $a } { $a ->
    [one] hour
   *[other] hours
} and { $b } { $b ->
    [one] minute
   *[other] minutes
}
remaining-over = the time is up
