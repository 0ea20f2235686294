#!/usr/bin/env python3
"""Regenerate data/common-passwords.txt from the zxcvbn-ts common password list.

Input: the npm package @zxcvbn-ts/language-common, version 4.1.3 (MIT licence,
https://github.com/zxcvbn-ts/zxcvbn). Its file package/src/passwords.json is a JSON
array of 49 233 lowercase ASCII passwords in decreasing order of frequency, built by
zxcvbn-ts's data-scripts/_generators/PasswordGenerator.ts from Mark Burnett's
"ten million passwords" dump (xato.net, 2015): passwords seen more than 10 times, less
those that zxcvbn's own pattern matchers (repeats, sequences, keyboard walks, dates)
already rate as easier to guess than their rank.

Obtain it with the ordinary npm client (nothing is installed, nothing else is fetched):

    cd /tmp && npm pack @zxcvbn-ts/language-common@4.1.3

which writes /tmp/zxcvbn-ts-language-common-4.1.3.tgz
(npm integrity sha512-g2bg4skmlJG9aJqC/nWziZzgYpSe/f3rKeGobrkdFiOrfZVFqqzUgC6BUQWuX54Sua9j0Jxxt+1bf4f/Mal1Kg==,
sha1 c0955cc6819f89e49f4274c7013890c1ae7fdd06). Then, from the repository root:

    python3 scripts/data/common-passwords.py /tmp/zxcvbn-ts-language-common-4.1.3.tgz

The argument may also be the unpacked package directory or passwords.json itself.
The passwords.json of 4.1.3 has sha256
f422773d94d630f27e08b26d7017e847bb1feb2a84809340e9c0b0c47b33e3f1; another input is
accepted, with a warning. `--check` compares instead of writing, and exits 1 when
data/common-passwords.txt is not what the input gives.

Output: data/common-passwords.txt, one password a line, lowercased, deduplicated
(first, i.e. most frequent, occurrence kept), in the list's frequency order, with no
comment or header line (the Rust code reads every non-empty line; note that one real
entry, "#name?", starts with '#'). Entries that are empty or contain whitespace or
control characters after lowercasing are dropped, since a line could not hold them.
The licence of the list is shipped beside it as data/LICENSE-common-passwords.txt.

Python 3 standard library only.
"""

import argparse
import hashlib
import io
import json
import sys
import tarfile
from pathlib import Path

PACKAGE = "@zxcvbn-ts/language-common"
VERSION = "4.1.3"
MEMBER = "package/src/passwords.json"
EXPECTED_SHA256 = "f422773d94d630f27e08b26d7017e847bb1feb2a84809340e9c0b0c47b33e3f1"

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "data" / "common-passwords.txt"


def read_input(path: Path) -> tuple[bytes, dict | None]:
    """Return the bytes of passwords.json and the package.json next to it, if any."""
    if path.is_file() and path.name.endswith((".tgz", ".tar.gz")):
        with tarfile.open(path, "r:gz") as tar:
            data = tar.extractfile(MEMBER).read()
            try:
                meta = json.load(tar.extractfile("package/package.json"))
            except KeyError:
                meta = None
        return data, meta
    if path.is_dir():
        for candidate in (path / MEMBER, path / "src" / "passwords.json"):
            if candidate.is_file():
                pkg = candidate.parent.parent / "package.json"
                meta = json.loads(pkg.read_text("utf-8")) if pkg.is_file() else None
                return candidate.read_bytes(), meta
        sys.exit(f"error: no src/passwords.json under {path}")
    if path.is_file():
        return path.read_bytes(), None
    sys.exit(f"error: {path} not found")


def build(data: bytes) -> list[str]:
    entries = json.load(io.BytesIO(data))
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        sys.exit("error: passwords.json is not a JSON array of strings")
    seen: set[str] = set()
    out: list[str] = []
    for entry in entries:
        password = entry.lower()
        if not password or any(c.isspace() or not c.isprintable() for c in password):
            continue
        if password not in seen:
            seen.add(password)
            out.append(password)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path, help="the .tgz from `npm pack`, the unpacked package, or passwords.json")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help=f"default: {OUTPUT}")
    parser.add_argument("--check", action="store_true", help="compare with the output file instead of writing it")
    args = parser.parse_args()

    data, meta = read_input(args.input)
    if meta is not None and (meta.get("name"), meta.get("version")) != (PACKAGE, VERSION):
        print(f"warning: input is {meta.get('name')} {meta.get('version')}, not {PACKAGE} {VERSION}", file=sys.stderr)
    digest = hashlib.sha256(data).hexdigest()
    if digest != EXPECTED_SHA256:
        print(f"warning: passwords.json sha256 {digest} is not the one of {VERSION}; update the docs", file=sys.stderr)

    passwords = build(data)
    text = "".join(p + "\n" for p in passwords)

    if args.check:
        current = args.output.read_text("utf-8") if args.output.is_file() else None
        if current != text:
            print(f"{args.output} is out of date", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date ({len(passwords)} passwords)")
        return 0

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, "utf-8", newline="\n")
    print(f"wrote {args.output}: {len(passwords)} passwords, {len(text.encode())} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
