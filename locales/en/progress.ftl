# Progress approach: periods, the clusters' reports, reminders, indicators (src/progress).

progress-error-label-missing = Give the period a name, for instance “2012”.
progress-error-label-long = The period’s name is at most 40 characters long.
progress-error-label-taken = A period already has this name: choose another one.
progress-error-date-missing = Give the date.
progress-error-date-unreadable = This date does not read: write it as 31/03/2013.
progress-error-end-before-start = The end of the period cannot come before its start.
progress-error-due-before-end = The reports’ due date cannot come before the end of the period.

progress-missing = —
progress-unknown = Not given
progress-status-none = To fill in
progress-status-draft = Draft saved on
progress-status-submitted = Submitted on

email-progress-reminder-subject = Your cluster’s { $period } progress report
email-progress-reminder-soon = The { $period } progress report of the cluster “{ $pole }” is due on { $due } and is not submitted yet.
email-progress-reminder-late = The { $period } progress report of the cluster “{ $pole }” was due on { $due } and is not submitted yet: there is still time to fill it in.
email-progress-reminder-action = To fill it in, save a draft or submit it, open it in your space:
email-progress-reminder-button = Fill in the report

progress-space-link = Your cluster’s progress approach
progress-space-title = Progress approach
progress-back-to-space = Back to your space
progress-space-lead = Every period, your cluster reports its indicators (members, jobs, economy, cooperation, territory, governance, environment). Once the report is submitted, its figures appear on the cluster’s public page.
progress-space-no-pole = Your organisation has no cluster published in the directory yet: the progress approach starts after publication.
progress-space-no-period = The steering group has not opened a period yet.
progress-see-public-page = See the cluster’s public page
progress-periods-caption = Periods and reports
progress-col-period = Period
progress-col-span = Dates covered
progress-col-due = Due date
progress-col-status = Report
progress-back-to-list = Back to the progress reports
progress-pole = Cluster
progress-submitted-lead = This report is submitted: here it is as it was sent. Its figures appear on the cluster’s public page; the highlights are kept for the steering group.
progress-public-note = Only the figures of a submitted report are published; the highlights and drafts never are.
progress-save-draft = Save the draft
progress-submit = Submit the report
progress-submit-hint = A submitted report can no longer be changed.
progress-notice-saved = Draft saved.
progress-notice-saved-with-issues = Draft saved, but some values do not read: correct them before submitting.
progress-notice-submitted = Report submitted. Thank you! Its figures appear on the cluster’s public page.
progress-notice-already-submitted = This report was already submitted: it was not changed.

progress-public-title = Progress approach
progress-public-what = What is public: the figures of the progress reports the cluster submitted, period by period. Drafts and the cluster’s comments are not published.
progress-public-none = No progress report submitted yet.
progress-table-caption = figures per period
progress-col-indicator = Indicator

progress-bo-home-link = The clusters’ progress approach
progress-dashboard-title = The network’s progress approach
progress-dashboard-lead = The network’s totals, period by period: only submitted reports of published clusters count. Ratios (SSE share, self-financing) are recomputed on the totals.
progress-periods-link = Periods, reports and reminders
progress-no-period = No period is open yet.
progress-reports-title = Reports submitted
progress-col-submitted = Reports submitted
progress-indicator-title = One indicator by region and by sector
progress-indicator-label = Indicator
progress-regions-label = Regions
progress-regions-2011 = Regions as of 2011
progress-regions-current = Current regions
progress-show = Show
progress-network-total = network total per period
progress-by-region = by region
progress-by-sector = by sector
progress-by-sector-hint = A cluster active in several sectors counts in each; only the sectors the cluster made public are used.
progress-totals-title = Every indicator: the network’s totals
progress-totals-hint = Sums of the submitted reports (the mean for a percentage typed by the clusters).
progress-col-region = Region
progress-col-sector = Sector
progress-filter-ignored = A filter of the address is unknown: it was ignored.

progress-periods-title = Periods of the progress approach
progress-periods-lead = The steering group opens one period a year (by default the calendar year, reports due on the following 31 March). Each published cluster fills its report from its space.
progress-col-drafts = Drafts
progress-col-reminders = Reminders
progress-remind-before = Remind before the due date
progress-remind-after = Remind after the due date
progress-remind-not-yet = Reminders can be sent in the 14 days before the due date.
progress-remind-hint = A reminder goes to the members of the clusters whose report is not submitted; each cluster gets at most one reminder before the due date and one after, however many times the button is pressed.
progress-reminders-before = Before the due date: { $count ->
    [one] 1 cluster reminded
   *[other] { $count } clusters reminded
} (last on { $date })
progress-reminders-after = After the due date: { $count ->
    [one] 1 cluster reminded
   *[other] { $count } clusters reminded
} (last on { $date })
progress-new-period = Open a period
progress-field-label = Name of the period
progress-field-label-hint = For instance “2012”.
progress-field-starts = Start of the period
progress-field-ends = End of the period
progress-field-due = Reports due on
progress-field-date-hint = Format: 31/03/2013.
progress-add-period = Open the period
progress-notice-period-added = Period opened: the published clusters can fill their report.
progress-notice-reminded = { $sent ->
    [0] No cluster reminded
    [one] 1 cluster reminded
   *[other] { $sent } clusters reminded
}{ $already ->
    [0] .
   *[other] {"; "}{ $already } had already been (not sent again).
}
progress-notice-no-reminder = No reminder is due today for this period.
