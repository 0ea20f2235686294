# Credentials after sign-up: forgotten password, change of password, change of address, and
# their emails. Twin of ../fr/credentials.ftl. All .ftl files share one namespace: page keys
# start with `credentials-`, email keys with `email-<kind>-` (or `email-credentials-`).

credentials-forgot-link = Forgot your password?
credentials-forgot-title = Forgotten password
credentials-forgot-intro = Enter the email address of your account: we will send it a link to choose a new password.
credentials-forgot-submit = Send me a link
credentials-forgot-sent-title = Check your inbox
credentials-forgot-sent-text = If an account exists for the address { $email }, a message has just been sent to it with a link to choose a new password, valid for 1 hour. Remember to look in your spam folder.
credentials-error-reset-throttled = Too many new-password requests for this address. Try again in an hour.

credentials-reset-title = Choose a new password
credentials-reset-intro = This password will replace the old one, and every session open on your account will be closed. You will then log in with it.
credentials-reset-submit = Save the new password
credentials-reset-done-title = Password saved
credentials-reset-done-text = Your new password is saved and all your sessions have been closed. Log in with your new password.
credentials-reset-expired-text = Links to choose a new password are valid for 1 hour. Ask for a new one.
credentials-reset-used-text = Each link works only once. If you have not chosen a new password yet, ask for a new link.
credentials-reset-unknown-text = This link is not valid. Check that it was copied whole, or ask for a new link.
credentials-reset-ask-again = Ask for a new link

credentials-settings-title = Account settings
credentials-space-password-link = Change my password
credentials-space-email-link = Change my email address
credentials-back-to-space = Back to my space
credentials-field-current-password = Current password
credentials-error-current-password = The current password is wrong.
credentials-error-reauth-throttled = Too many attempts with a wrong password. To protect this account, try again in a few minutes.

credentials-password-title = Change my password
credentials-password-intro = Your other open sessions, on other devices or browsers, will be closed; this one stays open.
credentials-password-submit = Change my password
credentials-password-done-title = Password changed
credentials-password-done-text = Your new password is saved. Your other sessions have been closed.

credentials-email-title = Change my email address
credentials-email-intro = We will send a confirmation link to the new address, and a notice to the current one. Your address changes only once the link is followed.
credentials-email-current = Current address: { $email }
credentials-field-new-email = New email address
credentials-email-password-hint = To confirm it is you, enter your password.
credentials-email-submit = Send the confirmation link
credentials-error-same-email = This is already your account’s address.
credentials-email-sent-title = Check your inbox
credentials-email-sent-text = If the address { $email } can be used, a message has just been sent to it with a confirmation link, valid for 24 hours. Your address will change only once this link is followed while logged in to your account.
credentials-email-confirm-title = Confirm your new address
credentials-email-confirm-text = Confirm so that your account uses the address { $email } from now on.
credentials-email-confirm-button = Confirm my new address
credentials-email-changed-title = Address changed
credentials-email-changed-text = Your account now uses the address { $email }. Your other sessions have been closed.
credentials-email-taken-title = Address already in use
credentials-email-taken-text = Another account already uses this address: yours has not changed. You may choose another one.
credentials-email-expired-text = Address confirmation links are valid for 24 hours. Your address has not changed; you may ask again.
credentials-email-used-text = Each link works only once. Your current address is shown in your space.
credentials-email-unknown-text = This link is not valid for your account. Check that it was copied whole and that you are logged in to the right account.

email-credentials-copy = If the button does not work, copy this address into your browser:

email-reset-password-subject = Choose a new password — PTCE
email-reset-password-intro = A new password was requested for the account of this address on the PTCE call for applications platform. To choose it, open this link:
email-reset-password-button = Choose a new password
email-reset-password-validity = This link is valid for 1 hour and can be used only once.
email-reset-password-not-you = If you did not ask for anything, ignore this message: your password stays as it is.

email-account-exists-subject = You already have an account — PTCE
email-account-exists-intro = Someone tried to create an account with your address on the PTCE call for applications platform. An account already exists for this address: no other was created.
email-account-exists-login = If it was you, log in:
email-account-exists-reset = If you forgot your password, choose a new one:
email-account-exists-not-you = If it was not you, ignore this message: your account has not changed.

email-confirm-new-email-subject = Confirm your new email address — PTCE
email-confirm-new-email-intro = You asked for your account on the PTCE call for applications platform to use this address from now on. To confirm, open this link while logged in to your account:
email-confirm-new-email-button = Confirm my new address
email-confirm-new-email-validity = This link is valid for 24 hours and can be used only once.
email-confirm-new-email-not-you = If you did not ask for anything, ignore this message: no account will use this address.

email-email-changed-notice-subject = Change of address requested for your account — PTCE
email-email-changed-notice-intro = It was asked that your account on the PTCE call for applications platform use the address { $email } instead of this one from now on.
email-email-changed-notice-when = The address will change only when the link sent to the new address has been followed.
email-email-changed-notice-not-you = If you did not make this request, someone probably knows your password: choose a new one now, which will close every session open on your account:
