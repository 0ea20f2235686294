# Decision letters (texts per decision, release dossier by dossier, PDF letter), in English.
# Every key has a twin in ../fr/decisions.ftl.
# Keys start with `decisions-`, `email-decision-letter`, or name history events of a redirection.

decisions-letters-title = Decision letters
decisions-letters-link = Decision letters: the texts sent to applicants
decisions-letters-back = Back to the selection board
decisions-letters-intro = For each decision, the email sent to every member of the applicant organisation when the decision is released, in French and in English. The same text makes the decision letter (PDF) the applicant can download. Editing a text does not change letters already sent.
decisions-letters-variables = Variables you can use
decisions-letters-syntax = Write a variable between braces, for example {"{"}reference{"}"}; for a brace on its own, double it: {"{{"}. Plain text; **bold**, and lists with a dash at the start of a line. Web addresses become links.
decisions-letters-preview-of = Previews made with dossier { $reference } ({ $title }).
decisions-letters-preview-sample = No dossier submitted yet: the previews are made with an example.
decisions-letters-sample-motivation = (the motivation prepared by the steering group)
decisions-letters-lang-fr = In French
decisions-letters-lang-en = In English
decisions-letters-subject = Subject
decisions-letters-body = Text
decisions-letters-save = Save this text
decisions-letters-preview = Preview
decisions-letters-default = The call’s default text (never edited).
decisions-letters-version = Version of { $date }, by { $who }.
decisions-letters-saved = Text saved; it will be used for the next releases.
decisions-letters-refused = The text was not saved: correct what is said under the field.
decisions-letters-versions = Saved versions
decisions-letters-no-version = No version saved: the call’s default texts apply.
decisions-letters-col-at = Date
decisions-letters-col-who = By
decisions-letters-col-outcome = Decision
decisions-letters-col-lang = Language
decisions-panel-title = Steering group’s decision
decisions-panel-none = No decision prepared for this dossier.
decisions-panel-prepare = Prepare or change the decision on the selection board
decisions-panel-unreleased = Prepared, not released yet: the applicant does not see it.
decisions-panel-released = Released on { $date }.
decisions-release-one = Release this decision
decisions-letter-pdf = Decision letter (PDF)
decisions-pdf-reference = Dossier
decisions-pdf-organisation = Organisation
decisions-pdf-date = Date of the decision
decisions-candidate-title = Steering group’s decision
decisions-candidate-released = Decision released on { $date }.
email-decision-letter = Your decision letter (PDF):
email-decision-letter-button = Download the decision letter (PDF)
staff-dossiers-event-moved-to-established = Redirected to track A (operational PTCE)
staff-dossiers-event-moved-to-emerging = Redirected to track B (emerging initiative)
dossier-event-moved-to-established = Dossier redirected to track A (operational PTCE)
dossier-event-moved-to-emerging = Dossier redirected to track B (emerging initiative)
