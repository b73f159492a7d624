#!/usr/bin/env python3
"""Counts the undocumented items of the generated `api::types` module, per type.

Run from anywhere:

    python3 tools/undocumented_generated.py [PATH/TO/imagekit_api.rs] [--verbose]

Without a path it reads the checked-in client, `src/generated/imagekit_api.rs` (refreshed by
`IMAGEKIT_BLESS=1 cargo test --test generated` after the spec changes).

Only the data types of `pub mod types` are read, not its `builder` submodule nor the request
builders: those are typify's and progenitor's own code, which the spec cannot document. For every
`pub struct` / `pub enum` it reports whether the item has documentation, and how many of its
named fields (structs) or variants (enums) have none. An item counts as documented when a `///`,
`/** */` or `#[doc]` comment precedes it, with attributes allowed in between. A type whose only
documentation is typify's placeholder (its own name in backticks, written when the schema has no
`description`) counts as undocumented. Tuple-struct fields are not counted: rustc's
`missing_docs` lint does not ask for them.

Enum variants are counted apart: typify documents no variant of a string `enum` nor of an
untagged `oneOf`, whatever the spec says, so no `description` can reach them.

The exit status is 0; the numbers are the result. `--verbose` also names each undocumented field.
"""

import os
import re
import sys

ITEM = re.compile(r"^pub (struct|enum) (\w+)")
FIELD = re.compile(r"^pub (\w+):")
VARIANT = re.compile(r"^([A-Z]\w*)\s*(\(|\{|,|$)")


def find_generated():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "generated", "imagekit_api.rs")
    if not os.path.exists(path):
        sys.exit(f"no generated client at {path}")
    return path


def types_module(lines):
    """The lines of `pub mod types`, up to its `builder` submodule."""
    start = next(i for i, line in enumerate(lines) if line.startswith("pub mod types {"))
    end = next(
        i for i, line in enumerate(lines) if i > start and line.strip().startswith("pub mod builder {")
    )
    return lines[start + 1 : end]


def balance(text, open_ch, close_ch):
    return text.count(open_ch) - text.count(close_ch)


def scan(lines):
    """Yields (kind, type name, member name or None, documented, placeholder) for each item."""
    depth = 0  # brace depth inside `pub mod types`
    docs = []  # the doc text gathered for the next item
    in_attr = 0  # open `[`/`(` of a multi-line attribute
    in_block_doc = False
    current = None  # (kind, name) of the struct/enum whose body we are in
    for raw in lines:
        line = raw.strip()
        if in_block_doc:
            docs.append(line)
            if "*/" in line:
                in_block_doc = False
            continue
        if in_attr:
            in_attr += balance(line, "(", ")") + balance(line, "[", "]")
            continue
        if line.startswith("///"):
            docs.append(line[3:])
            continue
        if line.startswith("/**"):
            docs.append(line[3:])
            in_block_doc = "*/" not in line
            continue
        if line.startswith("#[doc"):
            docs.append(line)
            in_attr = balance(line, "(", ")") + balance(line, "[", "]")
            continue
        if line.startswith("#["):
            in_attr = balance(line, "(", ")") + balance(line, "[", "]")
            continue
        item = ITEM.match(line) if depth == 0 else None
        if item:
            kind, name = item.groups()
            placeholder = docs == [f"`{name}`"]
            yield kind, name, None, bool(docs) and not placeholder, placeholder
            current = (kind, name)
        elif depth == 1 and current and current[0] == "struct":
            field = FIELD.match(line)
            if field:
                yield "field", current[1], field.group(1), bool(docs), False
        elif depth == 1 and current and current[0] == "enum":
            variant = VARIANT.match(line)
            if variant:
                yield "variant", current[1], variant.group(1), bool(docs), False
        docs = []
        was = depth
        depth += balance(line, "{", "}")
        if was > 0 and depth == 0 or line.endswith(";") and depth == 0:
            # The body of the struct or enum ended (or it was a tuple struct): what follows,
            # e.g. its `impl` blocks, holds no fields.
            current = None


def main(argv):
    verbose = "--verbose" in argv
    paths = [a for a in argv if not a.startswith("--")]
    path = paths[0] if paths else find_generated()
    with open(path, encoding="utf-8") as f:
        lines = types_module(f.read().split("\n"))

    per_type = {}
    order = []
    for kind, name, member, documented, placeholder in scan(lines):
        if name not in per_type:
            per_type[name] = {"kind": kind, "doc": True, "fields": [], "variants": [], "n": 0}
            order.append(name)
        entry = per_type[name]
        if member is None:
            entry["kind"] = kind
            entry["doc"] = documented
        elif kind == "field":
            entry["n"] += 1
            if not documented:
                entry["fields"].append(member)
        elif not documented:
            entry["variants"].append(member)

    types_missing = fields_missing = variants_missing = fields_total = 0
    print(f"{'type':40} {'kind':6} {'doc':4} {'fields w/o doc':>14} {'variants w/o doc':>16}")
    for name in sorted(order):
        e = per_type[name]
        fields_total += e["n"]
        types_missing += not e["doc"]
        fields_missing += len(e["fields"])
        variants_missing += len(e["variants"])
        if e["doc"] and not e["fields"] and not e["variants"] and not verbose:
            continue
        doc = "yes" if e["doc"] else "NO"
        fields = f"{len(e['fields'])}/{e['n']}" if e["kind"] == "struct" else "-"
        variants = str(len(e["variants"])) if e["kind"] == "enum" else "-"
        print(f"{name:40} {e['kind']:6} {doc:4} {fields:>14} {variants:>16}")
        if verbose and e["fields"]:
            print("    fields: " + ", ".join(e["fields"]))
    print()
    print(f"file: {path}")
    print(f"types: {len(order)}, undocumented (or placeholder only): {types_missing}")
    print(f"named fields: {fields_total}, undocumented: {fields_missing}")
    print(f"enum variants undocumented (out of the spec's reach): {variants_missing}")
    print(f"total undocumented types + fields: {types_missing + fields_missing}")


if __name__ == "__main__":
    main(sys.argv[1:])
