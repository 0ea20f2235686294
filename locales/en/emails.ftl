# Email messages, English. Templates: templates/emails/<name>/{subject.txt, body.txt, body.html}.
# Every key here has a twin in ../fr/emails.ftl (a unit test checks it). Keys start with
# `email-`: all .ftl files share one namespace.

email-greeting = Hello,
email-signature = The PTCE platform team
email-footer = This message was sent automatically by the platform of the call for applications for Pôles Territoriaux de Coopération Économique. Please do not reply to it.

email-confirm-account-subject = Confirm your email address — PTCE
email-confirm-account-intro = An account has just been created with this address on the PTCE call for applications platform. To activate it, confirm your email address by opening this link:
email-confirm-account-button = Confirm my email address
email-confirm-account-copy = If the button does not work, copy this address into your browser:
email-confirm-account-validity = This link is valid for 24 hours and can be used only once.
email-confirm-account-not-you = If you did not ask for this account, ignore this message: without confirmation, the account will not be activated.

email-receipt-subject = Receipt for dossier { $reference } — PTCE
email-receipt-intro = Your dossier { $reference } “{ $title }” has been submitted.
email-receipt-when = Date and time of submission (Paris time):
email-receipt-fingerprint = SHA-256 fingerprint of the submitted content:
email-receipt-attached = The receipt, with all the submitted content, is attached to this message as a PDF. Keep it.
email-receipt-button = See my dossier
email-receipt-edit = You can still change your dossier and submit it again until the deadline; each new submission gives a new receipt.
