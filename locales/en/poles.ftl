# Poles: publication of selected dossiers in the network's directory (src/poles,
# candidate/publication.rs, backoffice/poles.rs, public/poles.rs). Keys start with `poles-` or
# `email-pole-`.
poles-publication-link = Publish your cluster in the network's directory
poles-publication-title = Your cluster in the directory
poles-publication-lead = Your dossier is selected: your cluster can appear in the network's public directory and on its map. Choose what will be public, check the preview, then propose it to the steering group, which publishes it.
poles-back-to-dossier = Back to dossier
poles-fields-legend = What the directory shows of your cluster
poles-fields-always = The cluster's name, its track and its territory (the lead organisation's municipality and the municipalities where it works) are always public.
poles-field-description = Presentation
poles-field-description-hint = (the text below)
poles-field-members = Members
poles-field-members-hint = (names and categories of the organisations, no SIRET nor contact details)
poles-field-sectors = Sectors
poles-field-sectors-hint = (as declared in the dossier)
poles-field-profile = Profile
poles-field-profile-hint = (pooling, multi-activity, sector chain)
poles-field-mutualisations = Pooling
poles-field-mutualisations-hint = (shared premises, jobs, services…)
poles-field-website = Website
poles-field-website-hint = (the address below)
poles-field-contact = Contact
poles-field-contact-hint = (the name and address below)
poles-description-label = Public presentation of the cluster
poles-description-hint = 1,500 characters at most. Taken from the cluster's story in your dossier: adapt it for the public.
poles-contact-name = Public contact's name
poles-contact-email = Public contact's email address
poles-contact-email-hint = Preferably a generic address (contact@…): it will be published.
poles-propose = Propose to the steering group
poles-preview = Preview of the public page
poles-preview-hint = Exactly what will be public, as the public will read it.
poles-history = Proposed versions
poles-version = Version
poles-version-pending = waiting for the steering group
poles-version-published = published
poles-version-refused = refused
poles-version-replaced = replaced by a newer version
poles-status-pending = Your last proposal is waiting for the steering group to publish it.
poles-status-refused = Your last proposal was refused: see the steering group's note below.
poles-status-published = Your cluster is published in the directory.
poles-status-withdrawn = Your cluster was taken off the directory by the steering group.
poles-see-page = see the public page
poles-notice-proposed = Proposal sent: the steering group will publish it or answer you by email.
poles-error-unknown-field = A publication choice is unknown: reload the page.
poles-error-description-empty = Write the presentation, or do not make it public.
poles-error-description-long = 1,500 characters at most for the presentation.
poles-error-website = Give a web address, for example www.my-cluster.fr.
poles-error-email = Give an email address, for example contact@my-cluster.fr.
poles-error-contact-name = 120 characters at most for the contact's name.
poles-error-note-required = Explain the refusal: the note is sent to the cluster's members.
poles-selected-in = cluster selected in
poles-place = Lead organisation
poles-areas = Territory
poles-region-2011 = region in 2011
poles-communes = Municipalities
poles-profile = Profile
poles-sectors = Sectors
poles-mutualisations = Pooling
poles-website = Website
poles-contact = Contact
poles-description = Presentation
poles-members = Members
poles-updated = Page updated on
poles-state-proposed = proposed, never published
poles-state-published = published
poles-state-withdrawn = taken off the directory
poles-bo-home-link = Clusters: publication in the directory
poles-bo-title = The network's clusters
poles-bo-lead = The selected dossiers whose members proposed a public page. Publish each proposed version, or refuse it with a note.
poles-bo-none = No cluster has proposed its public page yet.
poles-bo-col-state = State
poles-bo-col-page = Public page
poles-bo-pending = a version awaits your decision
poles-bo-back = Back to the list of clusters
poles-bo-pending-title = Proposed version no.
poles-bo-note = Note to the cluster's members (required for a refusal)
poles-bo-publish = Publish this version
poles-bo-refuse = Refuse with the note
poles-bo-live = What the directory shows today
poles-bo-withdraw = Take the cluster off the directory
poles-bo-restore = Put the cluster back in the directory
poles-notice-published = Version published; the cluster's members are told by email.
poles-notice-refused = Version refused; the note is sent to the cluster's members.
poles-notice-withdrawn = Cluster taken off the directory: its page no longer answers.
poles-notice-restored = Cluster put back in the directory.
email-pole-published-subject = Your cluster “{ $title }” is published in the directory
email-pole-published-intro = The steering group published the page of your cluster “{ $title }” in the network's directory.
email-pole-published-button = See the public page
email-pole-refused-subject = Your proposal for “{ $title }” was not published
email-pole-refused-intro = The steering group did not publish your proposal for the page of “{ $title }”. Its note:
email-pole-refused-button = Review the proposal
supporters-public-title = The support network
supporters-public-total = { $count ->
    [0] No confirmed expression of interest or support yet.
    [one] One confirmed expression of interest or support.
   *[other] { $count } confirmed expressions of interest or support.
}
supporters-public-join = Express your interest or support
supporters-public-by-kind = By kind of supporter
supporters-public-by-region = By region (today)
supporters-public-by-region-2011 = By region (as in 2011)
supporters-public-col-what = Category
supporters-public-col-count = Number
supporters-public-unknown-place = Municipality not given
supporters-public-list = They support the initiative
supporters-public-list-hint = Only the people who agreed to appear in the public list are shown here.
supporters-public-none = Nobody has agreed to appear in the public list yet.
supporters-public-supports = supports
poles-supporters = Supporters
poles-supporters-count = { $count ->
    [0] No confirmed support yet.
    [one] One confirmed support.
   *[other] { $count } confirmed supports.
}
poles-support-link = Support this cluster
footer-supporters = The support network
footer-open-data = Open data
