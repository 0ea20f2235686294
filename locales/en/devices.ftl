# Device check of back-office logins. Twin of ../fr/devices.ftl.

email-device-code-subject = Login code { $code } — PTCE
email-device-code-intro = A login to your back-office account was just requested from a device the platform does not know yet. To finish it, enter this code:
email-device-code-validity = This code is valid for 10 minutes and works once. The device will then be recognised for 30 days.
email-device-code-not-you = If you did not start this login, someone else knows your password: change it at once and warn the platform’s administrator.
device-title = Confirm this device
device-intro = To protect the dossiers, a 6-digit code has just been sent to your email address. Enter it to finish logging in; this device will be recognised for 30 days.
device-field-code = Code received by email (6 digits)
device-submit = Confirm
device-error-code = This code is wrong, or it has expired. Check the latest message you received.
device-error-throttled = Too many wrong codes. Log in again to receive a new code.
device-expired-title = Log in again
device-expired-text = This login step has expired (10 minutes). Log in again to receive a new code.
