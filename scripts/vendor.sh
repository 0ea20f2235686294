#!/usr/bin/env bash
# Vendors the map's browser libraries into static/vendor/ (embedded in the binary by
# src/web/assets.rs), so that nothing is downloaded at run time: Leaflet and its marker
# clusters, from npm, with their licence files. Run it again to change a version.
#   bash scripts/vendor.sh
set -euo pipefail

LEAFLET=1.9.4
MARKERCLUSTER=1.5.3

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "leaflet@$LEAFLET" "leaflet.markercluster@$MARKERCLUSTER" >/dev/null
mkdir leaflet markercluster
tar -xzf "leaflet-$LEAFLET.tgz" -C leaflet
tar -xzf "leaflet.markercluster-$MARKERCLUSTER.tgz" -C markercluster

rm -rf "$out/leaflet" "$out/leaflet.markercluster"
mkdir -p "$out/leaflet/images" "$out/leaflet.markercluster"
# Leaflet: the minified script, its stylesheet and the images the stylesheet names.
cp leaflet/package/dist/leaflet.js leaflet/package/dist/leaflet.css "$out/leaflet/"
cp leaflet/package/dist/images/*.png "$out/leaflet/images/"
cp leaflet/package/LICENSE "$out/leaflet/LICENSE"
# Marker clusters: the minified script and its two stylesheets.
cp markercluster/package/dist/leaflet.markercluster.js \
   markercluster/package/dist/MarkerCluster.css \
   markercluster/package/dist/MarkerCluster.Default.css "$out/leaflet.markercluster/"
cp markercluster/package/MIT-LICENCE.txt "$out/leaflet.markercluster/LICENSE"

cat > "$out/README.md" <<TEXT
# Vendored browser libraries

Made by \`scripts/vendor.sh\` from npm; do not edit by hand.

| folder | package | version | licence |
|---|---|---|---|
| leaflet/ | [leaflet](https://www.npmjs.com/package/leaflet) | $LEAFLET | BSD-2-Clause (leaflet/LICENSE) |
| leaflet.markercluster/ | [leaflet.markercluster](https://www.npmjs.com/package/leaflet.markercluster) | $MARKERCLUSTER | MIT (leaflet.markercluster/LICENSE) |
TEXT
chmod -R a-x+X "$out"
echo "vendored leaflet $LEAFLET and leaflet.markercluster $MARKERCLUSTER into $out"
