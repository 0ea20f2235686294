# Form C — expressions of interest or support (public form, its confirmation, the back
# office's overview and export), English. Every key has a twin in ../fr/supporters.ftl.
# Keys start with `supporters-` (pages) or `email-interest-` (the confirmation email).

supporters-count = { $count ->
    [0] No confirmed expression of interest or support yet.
    [1] 1 confirmed expression of interest or support.
   *[other] { $count } confirmed expressions of interest or support.
}
supporters-required-legend = Fields marked “(required)” must be filled in.
supporters-submit = Send my expression
supporters-more-questions = Your answers bring up one or more further questions: answer them if you wish, then send the form again.
supporters-privacy = Your answers are used to record the call’s supporters; they are passed on to the steering group and the partner networks. Your name, organisation and municipality are made public only with your consent. An expression whose address is not confirmed is neither counted nor passed on.
supporters-privacy-link = Privacy policy
# The section of the privacy page (/confidentialite) about form C.
supporters-privacy-page-title = Expressions of interest or support (form C)
supporters-privacy-kept-title = What is kept
supporters-privacy-kept-text = Your answers to the form: who you are (citizen, local authority, business…), your name, your organisation and its SIRET if you give them, your municipality, your email address, the cluster or initiative supported, the kind of support, the amount considered and your message if any, your two answers about consent; with the language of the form, the date it was sent and the date it was confirmed. Add the confirmation link (kept as a hash), the message carrying it and, to limit abuse, the address and IP address of each sending.
supporters-privacy-why-title = Why
supporters-privacy-why-text = To count the call’s supporters by kind and territory, to pass them on to the steering group and the partner networks so that they can get back to you (your first consent) and, only if you agree, to show your name, organisation and municipality in the public list of supporters (your second consent). The address is confirmed through a link so that nobody can express support in your name.
supporters-privacy-how-long-title = For how long
supporters-privacy-how-long-text = An expression that is not confirmed is neither counted nor passed on: it is erased 7 days after its link expired (the link is valid for 7 days), that is 14 days after it was sent. A confirmed expression is kept during the call and while its support network is run. Confirmation links, their messages and the record of sendings kept against abuse are erased 14 days after the sending, whether the expression was confirmed or not.
supporters-privacy-erased-title = How it is erased
supporters-privacy-erased-text = Automatically, every hour, for whatever is past these delays: the data are deleted from the database, not merely hidden. A confirmed expression is erased at your request, sent to a referent of the call; if you have an account with the same address, erasing your account also erases your expressions. Sending the form again for the same cluster with the same address replaces the previous expression.
supporters-error-throttled = Too many expressions have been sent for this address or from your connection. Try again in an hour.
supporters-sent-title = Check your email
supporters-sent-text = A message with a confirmation link has just been sent to { $email }. Your expression will count only once that link is followed; it is valid for 7 days.
supporters-confirm-title = Confirm your expression
supporters-confirm-text = For your expression of interest or support to be recorded and counted, confirm it.
supporters-confirm-button = Confirm my expression
supporters-confirmed-title = Thank you, your expression is recorded
supporters-confirmed-text = Your email address is confirmed: your expression of interest or support now counts among the call’s supporters, and the partner networks may get back to you.
supporters-back-to-form = Back to the form
supporters-link-expired-text = Confirmation links are valid for 7 days. Fill in the form again to receive another one.
supporters-link-used-text = Each link works only once. If you have already followed it, your expression is recorded.
supporters-link-unknown-text = This link is not valid. Check that it was copied in full.
supporters-fill-again = Fill in the form again
supporters-home-link = Express your interest or support (no account needed)

supporters-bo-title = Supporters and expressions of interest
supporters-bo-intro = An expression counts once its address is confirmed through the link sent. The others are pending: they are neither counted nor exported.
supporters-bo-confirmed = { $count ->
    [0] No confirmed expression
    [1] 1 confirmed expression
   *[other] { $count } confirmed expressions
}
supporters-bo-pending = { $count ->
    [0] none awaiting confirmation
    [1] 1 awaiting confirmation
   *[other] { $count } awaiting confirmation
}
supporters-bo-export = Download the confirmed expressions (CSV)
supporters-bo-by-kind = By kind of supporter
supporters-bo-by-department = By department
supporters-bo-by-region = By region
supporters-bo-by-region-2011 = By region (2011 boundaries)
supporters-bo-col-count = Number
supporters-bo-col-label = Label
supporters-bo-confirmed-caption = Confirmed expressions
supporters-bo-pending-caption = Awaiting confirmation
supporters-bo-none = None yet.
supporters-bo-unknown-commune = Unknown municipality
supporters-col-confirmed-at = Confirmed on
supporters-col-received-at = Received on
supporters-col-name = Name
supporters-col-organisation = Organisation
supporters-col-kind = Kind of supporter
supporters-col-email = Email address
supporters-col-commune = Municipality
supporters-col-target = Supporting
supporters-col-support = Kind of support
supporters-col-listing = Public list
supporters-col-insee = INSEE code
supporters-col-department = Department
supporters-col-region = Region
supporters-col-region-2011 = Region (2011)

email-interest-subject = Confirm your expression of interest or support — PTCE
email-interest-intro = You expressed your interest or support (“{ $target }”) on the platform of the PTCE call for applications. For it to be recorded and counted, confirm your email address by opening this link:
email-interest-button = Confirm my expression
email-interest-copy = If the button does not work, copy this address into your browser:
email-interest-validity = This link is valid for 7 days and works only once.
email-interest-not-you = If you did not make this expression, ignore this message: without confirmation, it will not be taken into account.
