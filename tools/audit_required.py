#!/usr/bin/env python3
"""Compares the `required` lists of the success response schemas of `openapi/imagekit.yaml`
with ImageKit's official OpenAPI document, and writes the official minimal answers.

Run from the repository root:

    python3 tools/audit_required.py OFFICIAL.yml [--write tests/data/minimal_answers.json]

For every operation of our document, each success response (2xx with a JSON body) is walked in
both documents at once, by property path (`$`, `$.versionInfo`, `$[].config.tasks[]`, ...):
`$ref` is followed, `allOf` is merged, `oneOf` / `anyOf` alternatives are intersected (a
property is required only if every object alternative requires it, since an answer may be any
of them), arrays descend into `[]` and maps into `{}`. Operations are matched by path and
method. Every property we require that the official document does not is printed (a place the
official document does not describe counts as requiring nothing); the exit status is 1 when
there is any. Request schemas are not compared.

With `--write`, it also writes, for every operation of ours whose official success body is
JSON, that body stripped to the official required fields: one body per `oneOf` alternative of
the body (or of its array items), with the official examples' values where they fit and
otherwise a value of the declared type. 204 answers are left out (they carry no body).
"""

import json
import sys

import yaml

OURS = "openapi/imagekit.yaml"
METHODS = ("get", "put", "post", "delete", "patch")


def resolve(doc, schema, seen=()):
    """Follows `$ref`s; returns the schema and the names followed."""
    names = list(seen)
    while isinstance(schema, dict) and "$ref" in schema:
        ref = schema["$ref"]
        names.append(ref.rsplit("/", 1)[-1])
        node = doc
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        # 3.1 allows siblings of $ref; keep them (rarely used).
        extra = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**node, **extra} if extra else node
    return schema, names


def types_of(schema):
    t = schema.get("type")
    if t is None:
        return set()
    return set(t) if isinstance(t, list) else {t}


def variants(doc, schema, depth=0):
    """The alternatives one value of `schema` may be: a list of flattened schemas, each a dict
    with `types`, `required`, `properties`, `items`, `additional`, `names`."""
    schema, names = resolve(doc, schema)
    if not isinstance(schema, dict):
        return [dict(types=set(), required=set(), properties={}, items=[], additional=[], names=names)]
    base = dict(
        types=types_of(schema),
        required=set(schema.get("required", [])),
        properties=dict(schema.get("properties", {})),
        items=[schema["items"]] if isinstance(schema.get("items"), dict) else [],
        additional=[schema["additionalProperties"]]
        if isinstance(schema.get("additionalProperties"), dict)
        else [],
        names=names,
    )
    if schema.get("nullable"):
        base["types"].add("null")
    # allOf: every part applies -> merge (cartesian over the parts' own alternatives).
    alternatives = [base]
    for part in schema.get("allOf", []):
        merged = []
        for a in alternatives:
            for b in variants(doc, part, depth + 1):
                merged.append(
                    dict(
                        types=(a["types"] & b["types"]) if a["types"] and b["types"] else (a["types"] | b["types"]),
                        required=a["required"] | b["required"],
                        properties={**a["properties"], **b["properties"]},
                        items=a["items"] + b["items"],
                        additional=a["additional"] + b["additional"],
                        names=a["names"] + b["names"],
                    )
                )
        alternatives = merged
    # oneOf / anyOf: any one alternative applies -> each combined with the base.
    for key in ("oneOf", "anyOf"):
        if key not in schema:
            continue
        combined = []
        for a in alternatives:
            for part in schema[key]:
                for b in variants(doc, part, depth + 1):
                    combined.append(
                        dict(
                            types=(b["types"] if not a["types"] else (a["types"] & b["types"] or b["types"])),
                            required=a["required"] | b["required"],
                            properties={**a["properties"], **b["properties"]},
                            items=a["items"] + b["items"],
                            additional=a["additional"] + b["additional"],
                            names=a["names"] + b["names"],
                        )
                    )
        alternatives = combined
    return alternatives


def is_objectish(v):
    return "object" in v["types"] or (not v["types"] and (v["properties"] or v["required"]))


def collect(doc, schema, path="$", out=None, depth=0):
    """path -> dict(required=set (intersection over object alternatives), names=set,
    properties=set (union)). Only paths where the value may be an object are recorded."""
    if out is None:
        out = {}
    if depth > 12:
        return out
    alts = variants(doc, schema)
    objects = [v for v in alts if is_objectish(v)]
    if objects:
        required = set.intersection(*(v["required"] for v in objects))
        props = set().union(*(v["properties"].keys() for v in objects))
        names = set().union(*(set(v["names"]) for v in objects))
        if path in out:  # another alternative reaches the same place: either may be sent
            out[path]["required"] &= required
            out[path]["properties"] |= props
            out[path]["names"] |= names
        else:
            out[path] = dict(required=required, properties=props, names=names)
    children = {}
    for v in alts:
        for name, sub in v["properties"].items():
            children.setdefault(f"{path}.{name}", []).append(sub)
        for sub in v["items"]:
            children.setdefault(f"{path}[]", []).append(sub)
        for sub in v["additional"]:
            children.setdefault(f"{path}{{}}", []).append(sub)
    for child, subs in children.items():
        for sub in subs:
            collect(doc, sub, child, out, depth + 1)
    return out


def json_schema(response):
    content = (response or {}).get("content", {})
    for media, body in content.items():
        if "json" in media and "schema" in body:
            return body["schema"]
    return None


def success_responses(doc, op):
    for status, response in op.get("responses", {}).items():
        if str(status).startswith("2"):
            response, _ = resolve(doc, response)
            yield str(status), response


def audit(ours, official):
    findings = []  # (operationId, status, path, property, our schema names)
    notes = []
    for path, item in ours["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            name = op["operationId"]
            off_op = official["paths"].get(path, {}).get(method)
            if off_op is None:
                notes.append(f"{name} ({method.upper()} {path}): not in the official document")
                continue
            off_responses = dict(success_responses(official, off_op))
            for status, response in success_responses(ours, op):
                schema = json_schema(response)
                if schema is None:
                    continue
                off_schema = json_schema(off_responses.get(status))
                if off_schema is None:
                    notes.append(f"{name} {status}: the official document has no JSON body for it")
                    off_schema = {}
                our_paths = collect(ours, schema)
                off_paths = collect(official, off_schema)
                for at, entry in sorted(our_paths.items()):
                    off_entry = off_paths.get(at)
                    off_required = off_entry["required"] if off_entry else set()
                    for prop in sorted(entry["required"] - off_required):
                        findings.append((name, status, at, prop, sorted(entry["names"])))
                    if not off_entry and entry["required"]:
                        notes.append(f"{name} {status} {at}: the official document does not describe it")
    return findings, notes


# ---------------------------------------------------------------------------------------------
# Minimal answers


STRING_DEFAULTS = {
    "id": "6630a6c3a8ee3cd5d5b6b8c1",
    "jobId": "598821f949c0a938d57563bd",
    "requestId": "598821f949c0a938d57563bd",
    "fileId": "598821f949c0a938d57563bd",
    "origins": "6630a6c3a8ee3cd5d5b6b8c1",
}


def scalar_example(schema):
    """The declared value of a scalar schema: `const`, `enum`, `example`, `examples`, `default`."""
    if "const" in schema:
        return True, schema["const"]
    if schema.get("enum"):
        return True, next((e for e in schema["enum"] if e is not None), None)
    if "example" in schema:
        return True, schema["example"]
    if schema.get("examples"):
        return True, schema["examples"][0]
    if "default" in schema:
        return True, schema["default"]
    return False, None


def matches_type(value, types):
    kinds = {
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "null": lambda v: v is None,
    }
    return not types or any(kinds.get(t, lambda v: False)(value) for t in types)


def minimal_value(doc, schema, sample=None, name=None, variant=0, depth=0):
    """A value of `schema` holding only its required fields: `sample` (the value at this
    place in an official example) where it fits, otherwise the value the schema declares,
    otherwise one of the declared type. `variant` picks the `oneOf`/`anyOf` alternative."""
    alts = [v for v in variants(doc, schema) if v["types"] != {"null"}] or variants(doc, schema)
    alt = alts[variant % len(alts)]
    types = alt["types"] - {"null"}
    raw, _ = resolve(doc, schema)
    if is_objectish(alt):
        sample = sample if isinstance(sample, dict) else {}
        value = {}
        for prop in sorted(alt["required"]):
            sub = alt["properties"].get(prop, {})
            value[prop] = minimal_value(doc, sub, sample.get(prop), prop, 0, depth + 1)
        return value
    if "array" in types:
        if not alt["items"] or depth > 6:
            return []
        first = sample[0] if isinstance(sample, list) and sample else None
        return [minimal_value(doc, alt["items"][0], first, name, 0, depth + 1)]
    if sample is not None and matches_type(sample, types):
        return sample
    for candidate in [raw] + [resolve(doc, s)[0] for s in raw.get("oneOf", []) + raw.get("anyOf", [])]:
        found, value = scalar_example(candidate) if isinstance(candidate, dict) else (False, None)
        if found and matches_type(value, types):
            return value
    if "string" in types or not types:
        fmt = raw.get("format")
        if fmt == "date-time":
            return "2024-08-24T06:14:41.313Z"
        if fmt == "date":
            return "2024-08-24"
        if fmt in ("uri", "url"):
            return "https://ik.imagekit.io/demo/image.jpg"
        return STRING_DEFAULTS.get(name, "value")
    if "integer" in types:
        return 1
    if "number" in types:
        return 1.5
    if "boolean" in types:
        return False
    return None


def response_sample(doc, body):
    """The official example of a response body, if any."""
    if "example" in body:
        return body["example"]
    for example in body.get("examples", {}).values():
        example, _ = resolve(doc, example)
        if "value" in example:
            return example["value"]
    schema, _ = resolve(doc, body.get("schema", {}))
    return schema.get("example")


def minimal_bodies(doc, schema, sample):
    """One minimal body per alternative of a polymorphic body (or of its array items)."""
    root = variants(doc, schema)
    count = len([v for v in root if v["types"] != {"null"}])
    if len(root) == 1 and "array" in root[0]["types"] and root[0]["items"]:
        count = len(variants(doc, root[0]["items"][0]))
        items = root[0]["items"][0]
        first = sample[0] if isinstance(sample, list) and sample else None
        return [[minimal_value(doc, items, first, None, i)] for i in range(count)]
    return [minimal_value(doc, schema, sample, None, i) for i in range(max(count, 1))]


def minimal_answers(ours, official):
    """operationId -> status -> the minimal bodies the official document allows. Statuses
    without a body by HTTP (204) are left out: the official document gives them an empty JSON
    object, which a 204 cannot carry."""
    answers = {}
    for path, item in ours["paths"].items():
        for method in METHODS:
            op = item.get(method)
            off_op = official["paths"].get(path, {}).get(method) if op else None
            if not off_op:
                continue
            for status, response in success_responses(official, off_op):
                body = next((b for m, b in response.get("content", {}).items() if "json" in m), None)
                if status == "204" or body is None or "schema" not in body:
                    continue
                sample = response_sample(official, body)
                bodies = minimal_bodies(official, body["schema"], sample)
                unique = []
                for b in bodies:
                    if b not in unique:
                        unique.append(b)
                answers.setdefault(op["operationId"], {})[status] = unique
    return answers


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    official = yaml.safe_load(open(args[0]))
    ours = yaml.safe_load(open(OURS))
    findings, notes = audit(ours, official)
    for note in notes:
        print("note:", note)
    by_property = {}
    for name, status, at, prop, names in findings:
        by_property.setdefault((tuple(names), at, prop), []).append(f"{name} {status}")
    for (names, at, prop), calls in sorted(by_property.items()):
        schema = "/".join(names) or "(inline)"
        print(f"required here, optional there: {schema} {at}.{prop}  <- {', '.join(calls)}")
    calls = sorted({f"{n} {s}" for n, s, *_ in findings})
    print(f"{len(calls)} responses affected: {', '.join(calls)}")
    if "--write" in args:
        target = args[args.index("--write") + 1]
        document = {
            "description": "For each SDK call (by operationId) and success status, the bodies "
            "ImageKit's official OpenAPI document allows with only its required fields (one per "
            "oneOf variant). Written by tools/audit_required.py; read by tests/api/spec/answers.rs.",
            "answers": minimal_answers(ours, official),
        }
        with open(target, "w") as f:
            json.dump(document, f, indent=2, sort_keys=True)
            f.write("\n")
        print("wrote", target)
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()
