#!/usr/bin/env python3
"""Compare two OpenAPI documents (JSON) operation by operation, independent of key order.

    python3 bench/openapi_diff.py before.json after.json

Prints one line per operation added or removed, and for an operation in both, each part that changed:
its parameters (by name and place), its request body (media types and schema, with $ref resolved) and its
responses (status, media types and schema). Schemas are compared after resolving references, so a renamed
component with the same shape is no change, nor is an allOf that merges to the same object. Ends with a count. Exits 0 whatever the difference.
"""
import json
import sys

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def resolve(node, doc, seen=()):
    """The node with every local $ref replaced by what it names (a cycle stays as its name)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            if ref in seen:
                return {"$ref": ref}
            target = doc
            for part in ref[2:].split("/"):
                target = target.get(part, {})
            return resolve(target, doc, seen + (ref,))
        node = {k: resolve(v, doc, seen) for k, v in node.items() if k not in ("description", "example")}
        return flatten(node)
    if isinstance(node, list):
        return [resolve(v, doc, seen) for v in node]
    return node


def flatten(schema):
    """An allOf of object schemas as the one object schema it means (a Java subclass's request body)."""
    parts = schema.get("allOf")
    if not isinstance(parts, list) or not all(isinstance(p, dict) for p in parts):
        return schema
    merged = {k: v for k, v in schema.items() if k != "allOf"}
    for part in parts:
        for key, value in part.items():
            if key == "properties":
                merged.setdefault("properties", {}).update(value)
            elif key == "required":
                merged["required"] = sorted(set(merged.get("required", [])) | set(value))
            else:
                merged.setdefault(key, value)
    return merged


def canonical(node):
    return json.dumps(node, sort_keys=True)


def operations(doc):
    for path, item in doc.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method in METHODS:
            if method in item:
                yield f"{method.upper()} {path}", item[method], shared


def parts(op, shared, doc):
    params = {}
    for p in shared + op.get("parameters", []):
        p = resolve(p, doc)
        params[f"{p.get('in')}:{p.get('name')}"] = canonical(
            {k: p.get(k) for k in ("required", "schema", "style", "explode") if k in p})
    body = resolve(op.get("requestBody", {}), doc)
    bodies = {mt: canonical(c.get("schema")) for mt, c in body.get("content", {}).items()}
    responses = {}
    for status, r in op.get("responses", {}).items():
        r = resolve(r, doc)
        content = r.get("content", {}) or {"(none)": {}}
        for mt, c in content.items():
            responses[f"{status} {mt}"] = canonical(c.get("schema"))
    return {"parameter": params, "request body": bodies, "response": responses,
            "body required": {"": canonical(body.get("required", False))} if body else {}}


def short(text, limit=160):
    return text if len(text) <= limit else text[:limit] + "..."


def main(before_file, after_file):
    before = json.load(open(before_file))
    after = json.load(open(after_file))
    old = {k: parts(op, s, before) for k, op, s in operations(before)}
    new = {k: parts(op, s, after) for k, op, s in operations(after)}
    changes = 0
    for key in sorted(old.keys() | new.keys(), key=lambda k: (k.split(" ", 1)[1], k)):
        if key not in new:
            print(f"- {key}: removed")
            changes += 1
            continue
        if key not in old:
            print(f"+ {key}: added")
            changes += 1
            continue
        for part in old[key].keys() | new[key].keys():
            a, b = old[key].get(part, {}), new[key].get(part, {})
            for name in sorted(a.keys() | b.keys()):
                if a.get(name) == b.get(name):
                    continue
                changes += 1
                label = f"{part} {name}".strip()
                if name not in b:
                    print(f"~ {key}: {label} removed (was {short(a[name])})")
                elif name not in a:
                    print(f"~ {key}: {label} added: {short(b[name])}")
                else:
                    print(f"~ {key}: {label}: {short(a[name])} -> {short(b[name])}")
    print(f"{len(old)} operations before, {len(new)} after, {changes} differences")


if __name__ == "__main__":
    main(*sys.argv[1:3])
