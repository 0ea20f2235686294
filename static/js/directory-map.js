// The map of /carte and /embed/carte (templates/partials/directory_map.html): Leaflet with
// marker clusters, drawn from the list of poles beside it (each item's data-lat / data-lon and
// its link), over the regions' outlines shipped with the platform, with tiles only when the
// MAP_TILE_URL setting names a server. Without this script, or if it fails, the page is the
// list: the map is an enhancement for those who can see and point.
(function () {
  "use strict";

  var element = document.getElementById("carte");
  if (!element || !window.L || !L.markerClusterGroup) {
    return;
  }
  // Metropolitan France, when no pole gives a better view.
  var FRANCE = L.latLngBounds([41.3, -5.3], [51.2, 9.7]);

  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span.innerHTML;
  }

  element.hidden = false;
  var map = L.map(element, { scrollWheelZoom: false, zoomSnap: 0.5, minZoom: 2, maxZoom: 18 });
  map.attributionControl.setPrefix(false);

  var tiles = element.getAttribute("data-tiles");
  if (tiles) {
    // The attribution is a setting written by the operator: shown as text, never as HTML.
    L.tileLayer(tiles, {
      maxZoom: 18,
      attribution: text(element.getAttribute("data-attribution") || ""),
    }).addTo(map);
  } else {
    element.classList.add("directory-map--no-tiles");
  }

  // The outlines are drawn whether or not tiles load: the poles stay readable offline.
  var outlines = element.getAttribute("data-outlines");
  if (outlines && window.fetch) {
    fetch(outlines, { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (!data) {
          return;
        }
        L.geoJSON(data, {
          interactive: false,
          style: { color: "#0b5d53", weight: 1, fillColor: "#ffffff", fillOpacity: 0.55 },
        })
          .addTo(map)
          .bringToBack();
      })
      .catch(function () {});
  }

  var target = element.getAttribute("data-target");
  var clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
  var points = [];
  var items = document.querySelectorAll("#liste-poles li");
  Array.prototype.forEach.call(items, function (item) {
    var lat = parseFloat(item.getAttribute("data-lat"));
    var lon = parseFloat(item.getAttribute("data-lon"));
    var link = item.querySelector("a");
    if (!isFinite(lat) || !isFinite(lon) || !link) {
      return;
    }
    var name = link.textContent;
    var popup = document.createElement("div");
    var title = document.createElement("a");
    title.href = link.href;
    title.textContent = name;
    if (target) {
      title.target = target;
    }
    var strong = document.createElement("strong");
    strong.appendChild(title);
    popup.appendChild(strong);
    var place = item.getAttribute("data-place");
    if (place) {
      var where = document.createElement("p");
      where.textContent = place;
      popup.appendChild(where);
    }
    var marker = L.marker([lat, lon], { title: name, alt: name });
    marker.bindPopup(popup);
    clusters.addLayer(marker);
    points.push([lat, lon]);
  });
  map.addLayer(clusters);

  var bounds = points.length ? L.latLngBounds(points) : FRANCE;
  // Poles overseas only would zoom out to the whole world beside metropolitan ones: keep France.
  if (points.length && !FRANCE.pad(0.2).contains(bounds) && FRANCE.intersects(bounds)) {
    bounds = FRANCE;
  }
  map.fitBounds(bounds, { padding: [24, 24], maxZoom: 9 });
})();
