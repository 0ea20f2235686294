# The public directory of poles and its map (src/directory, public/directory.rs). Keys start
# with `directory-`.
directory-title = Directory of the clusters
directory-lead = The territorial clusters for economic cooperation selected by the call and published by the steering group. Search by name, territory or activity; every selection has its own address, to share.
directory-map-title = Map of the clusters
directory-map-lead = The same clusters as the directory, on a map. The list beside the map holds the same clusters.
directory-map-label = Map of the clusters: each marker opens a bubble with a link to the cluster's page
directory-map-list = List of the clusters on the map
directory-search = Search
directory-region-2011 = Region (2011)
directory-region = Region (current)
directory-department = Department
directory-sector = Sector of activity
directory-profile = Profile
directory-mutualisation = Pooling
directory-track = Track
directory-year = Year of selection
directory-page-param = Page
directory-all = All
directory-apply = Filter
directory-clear = Clear the filters
directory-count = { $n ->
    [0] No cluster
    [one] { $n } cluster
   *[other] { $n } clusters
}
directory-empty = No published cluster matches these criteria.
directory-ignored = Unknown filter ignored: { $filter } “{ $value }”
directory-search-no-term = Search ignored: “{ $value }” holds no word to search for.
directory-search-too-long = Search ignored: 200 characters at most.
directory-pages = Pages of the directory
directory-previous = Previous page
directory-next = Next page
directory-page = Page { $page } of { $pages }
directory-to-map = See these clusters on the map
directory-to-directory = See these clusters in the directory
directory-to-snippet = Embed this selection on your website
directory-on-site = See on the call's website
directory-snippet-title = Embed the directory or the map on your website
directory-snippet-lead = Copy one of these codes into a page of your website: it shows the clusters of the selection below, always up to date. Change the filters to change the selection.
directory-snippet-map = Code of the map to copy
directory-snippet-directory = Code of the directory to copy
nav-directory = Directory
nav-map = Map
