# Device check of back-office logins. Twin of ../en/devices.ftl.

email-device-code-subject = Code de connexion { $code } — PTCE
email-device-code-intro = Une connexion à votre compte de gestion vient d’être demandée depuis un appareil que la plateforme ne connaît pas encore. Pour la terminer, saisissez ce code :
email-device-code-validity = Ce code est valable 10 minutes et ne sert qu’une fois. L’appareil sera ensuite reconnu pendant 30 jours.
email-device-code-not-you = Si vous n’êtes pas à l’origine de cette connexion, votre mot de passe est connu de quelqu’un d’autre : changez-le sans attendre et prévenez l’administrateur de la plateforme.
device-title = Confirmer cet appareil
device-intro = Pour protéger les dossiers, un code à 6 chiffres vient d’être envoyé à votre adresse électronique. Saisissez-le pour terminer la connexion ; cet appareil sera reconnu pendant 30 jours.
device-field-code = Code reçu par courriel (6 chiffres)
device-submit = Valider
device-error-code = Ce code n’est pas le bon, ou il a expiré. Vérifiez le dernier message reçu.
device-error-throttled = Trop de codes erronés. Reconnectez-vous pour recevoir un nouveau code.
device-expired-title = Connexion à recommencer
device-expired-text = Cette étape de connexion a expiré (10 minutes). Reconnectez-vous pour recevoir un nouveau code.
