# Promotion of the network (src/promotion, public/promotion.rs, backoffice/partners.rs,
# candidate/pole_point.rs, backoffice/pole_point.rs): printable presentations, partners, a
# pole's own point on the map. Keys start with `promotion-` or `footer-partners`.
footer-partners = Partners
promotion-footer = Network of territorial economic cooperation clusters
promotion-sheet-link = Printable presentation (PDF, one page)
promotion-network-link = Printable presentation of the network (PDF, one page)
promotion-sheet-subtitle = Territorial economic cooperation cluster (PTCE)
promotion-sheet-track = Track
promotion-sheet-figures = Key figures
promotion-sheet-members-count = { $count ->
    [one] 1 member organisation
   *[other] { $count } member organisations
}
promotion-sheet-communes-count = { $count ->
    [one] 1 municipality of action
   *[other] { $count } municipalities of action
}
promotion-sheet-sectors-count = { $count ->
    [one] 1 sector of activity
   *[other] { $count } sectors of activity
}
promotion-sheet-member = Organisation
promotion-sheet-category = Category
promotion-sheet-and-others = { $count ->
    [one] … and 1 other
   *[other] … and { $count } others
}
promotion-sheet-contact-name = Contact
promotion-sheet-contact-email = Email
promotion-sheet-page = Directory page
promotion-sheet-map-alt = Map: { $name }, lead organisation in { $place } ({ $areas }), and its municipalities of action ({ $count }) in its region.
promotion-network-title = The network of territorial economic cooperation clusters
promotion-network-call = Call { $year } — clusters published in the directory
promotion-network-count = Published clusters
promotion-network-by-track = By track
promotion-network-regions = Regions
promotion-network-regions-count = { $count ->
    [one] 1 region
   *[other] { $count } regions
}
promotion-network-map-alt = Map of France with the { $count } published clusters, regions shaded by their number of clusters: { $regions }.
promotion-network-by-region = Clusters by region
promotion-network-by-sector = Clusters by sector of activity
promotion-network-region = Region
promotion-network-sector = Sector
promotion-network-poles = Clusters
promotion-network-list = The clusters
promotion-network-pole = Cluster
promotion-network-year = Year
promotion-partners-title = Partners of the call
promotion-partners-lead = The institutions supporting the showcasing and development of PTCE: spatial planning, local development, funders. The steering group keeps this list up to date.
promotion-partners-networks = Co-leading networks of the call
promotion-partners-none = No institutional partner has been announced yet.
promotion-partners-website = Website of { $name }
promotion-kind-etat = State and ministries
promotion-kind-etablissement-public = Public bodies and agencies
promotion-kind-collectivite = Local authorities
promotion-kind-financeur = Funders
promotion-kind-autre = Other partners
promotion-bo-home-link = Partners of the call
promotion-bo-title = Institutional partners
promotion-bo-lead = The partners listed on the public “Partners” page. Every addition, change or removal is recorded in the journal.
promotion-bo-add = Add a partner
promotion-bo-edit = Edit the partner
promotion-bo-new = New partner
promotion-bo-save = Save
promotion-bo-remove = Remove this partner
promotion-bo-back = Back to the list of partners
promotion-bo-see-public = See the public page
promotion-bo-col-name = Name
promotion-bo-col-kind = Kind
promotion-bo-col-actions = Actions
promotion-bo-notice-added = Partner added.
promotion-bo-notice-changed = Partner changed.
promotion-bo-notice-removed = Partner removed.
promotion-partner-name = Name
promotion-partner-kind = Kind of partner
promotion-partner-website = Website (optional)
promotion-partner-description = Description (optional, at most 600 characters)
promotion-partner-error-name = Enter the partner’s name.
promotion-partner-error-name-long = At most 150 characters for the name.
promotion-partner-error-kind = Choose the kind of partner.
promotion-partner-error-website = Enter a web address, for example www.partner.fr, or leave it empty.
promotion-partner-error-description = At most 600 characters for the description.
promotion-point-title = The cluster’s point on the map
promotion-point-lead = Without a point of its own, the cluster is placed at the town hall of its lead organisation’s municipality. You can place it more precisely, for example at its premises: enter the latitude and longitude in decimal degrees (on a mapping website, a right click on the place gives them).
promotion-point-current = Current point on the map
promotion-point-commune = the lead organisation’s municipality
promotion-point-pending = Point proposed, waiting for publication by the steering group
promotion-point-latitude = Latitude
promotion-point-latitude-hint = Between 41 and 51 in metropolitan France, for example 45.0442.
promotion-point-longitude = Longitude
promotion-point-longitude-hint = Negative west of Greenwich, for example 5.0523 or -1.5536.
promotion-point-propose = Propose this point to the steering group
promotion-point-save = Place the cluster at this point
promotion-point-clear = Go back to the municipality’s point
promotion-point-error-latitude = Enter the latitude in decimal degrees, for example 45.0442.
promotion-point-error-longitude = Enter the longitude in decimal degrees, for example 5.0523.
promotion-point-error-outside = This point is not in France (metropolitan France, Corsica or the overseas departments): check the latitude and longitude, and that they are not swapped.
promotion-point-error-no-version = First propose the cluster’s public page.
promotion-point-notice-proposed = Point proposed: it will be on the map once published by the steering group.
promotion-point-notice-saved = Point saved: the map, the directory and the open data use it.
promotion-point-link = Place the cluster on the map
promotion-point-back-pole = Back to the cluster’s page
