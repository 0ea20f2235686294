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
