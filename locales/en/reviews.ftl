# Reviewing dossiers (screening step 2: grid, reviews, phases, assignment), in English. Every
# key has a twin in ../fr/reviews.ftl. Keys start with `reviews-`.

reviews-title = Reviews
reviews-none-assigned = No reviewer is assigned to this dossier yet.
reviews-assigned = Reviewers:
reviews-write-own = Review this dossier
reviews-edit-own = Change my review
reviews-hidden = Blind phase: the other reviewers’ scores show once your review is submitted.
reviews-table-caption = Scores per criterion (0 to 4) and total out of 100
reviews-criterion = Criterion
reviews-weight = Weight
reviews-mean = Mean
reviews-median = Median
reviews-spread = Spread
reviews-divergence = gap to discuss
reviews-total = Total out of 100
reviews-bonus = Bonus
reviews-recommendation = Recommendation
reviews-comments = Reviewers’ comments
reviews-assign = Assign reviewers
reviews-assign-button = Assign
reviews-no-reviewer = No reviewer or referent account yet.
reviews-form-title = Review of the dossier
reviews-back-to-dossier = Back to the dossier
reviews-errors = Some scores need correcting
reviews-comment = Comment (required)
reviews-submit = Submit my review
reviews-phase-open = The review phase is open.
reviews-phase-closed = The review phase is not open: the steering group will open it.
reviews-not-assigned = This dossier is not assigned to you for review.
reviews-queue-title = My dossiers to review
reviews-queue-empty = No dossier is assigned to you yet.
reviews-status = My review
reviews-status-done = Submitted
reviews-status-todo = To do
reviews-settings = Review phase
reviews-settings-open = Reviewers may submit their reviews
reviews-settings-blind = Blind: a reviewer sees the others’ scores only after submitting theirs
reviews-settings-own-network = The automatic assignment avoids reviewers of the dossier’s network
reviews-settings-per-dossier = Reviewers per dossier (automatic assignment)
reviews-settings-save = Save the phase
reviews-auto-hint = Brings each submitted dossier up to the number of reviewers wanted, balancing the load and skipping declared conflicts of interest.
reviews-auto = Assign automatically
reviews-notice-settings = Review phase saved.
reviews-notice-assigned = { $count ->
    [0] No assignment added: every dossier already has its reviewers, or no reviewer fits.
    [1] 1 assignment added.
   *[other] { $count } assignments added.
}
reviews-notice-submitted = Review submitted.
reviews-notice-reviewers = Reviewers assigned.
staff-dossiers-reviews-link = Reviews: my dossiers, phase and assignment

admissibility-title = Admissibility
admissibility-check = Check
admissibility-computed = Computed
admissibility-reason = Reason
admissibility-confirmed = Referent’s view
admissibility-comment = Comment (required to override)
admissibility-confirm = Confirm
admissibility-notice = Admissibility view saved.
admissibility-comment-required = “{ $check }”: to record another view than the computed one, explain why in the comment.
