#!/usr/bin/env python3
"""Validate data/taxonomy/tools.tsv (the technology layer of the skills taxonomy).

Usage:
    python3 data/taxonomy/check_tools.py [ESCO_LABELS ...] [--tsv PATH]

ESCO_LABELS (optional, any number): a file of ESCO preferred labels, one per line (e.g. the
Skill-Extraction-benchmark's data/skills_en_label.txt), or a TSV whose header starts
"id<TAB>preferred" (data/taxonomy/esco_skills.tsv, the file the addon loads). Every non-empty
`esco` value must be found verbatim in each file given.

Checks: header line; 5 fields per row; kebab-case ids, unique; non-empty names; aliases lower
case, trimmed, unique within a row, used by one row only, never equal to another row's name;
the `# restricted:` ids exist and no alias anywhere equals a restricted bare name; no two rows
share a label once normalised as the addon does (src/domain/taxonomy/mod.rs `label_key`: words of
letters/digits, in-word dots, trailing + or #, lower case, so "ci/cd" == "ci cd"); implied ids
exist, are not the row itself, and form no cycle. Prints counts; exits 1 on any error.
"""
import os
import re
import sys

HEADER = ["id", "name", "aliases", "implies", "esco"]
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def label_key(text):
    """Mirror of `label_key` in src/domain/taxonomy/mod.rs."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        dot_start = c == "." and i + 1 < n and text[i + 1].isalnum() and (i == 0 or not text[i - 1].isalnum())
        if not c.isalnum() and not dot_start:
            i += 1
            continue
        start = i
        i += 1
        while i < n and (text[i].isalnum() or (text[i] == "." and i + 1 < n and text[i + 1].isalnum())):
            i += 1
        while i < n and text[i] in "+#":
            i += 1
        out.append(text[start:i].lower())
    return " ".join(out)


def read_labels(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    if lines and lines[0].startswith("id\tpreferred"):
        return {l.split("\t")[1] for l in lines[1:] if l.strip() and not l.startswith("#")}
    return set(lines)


def main(argv):
    tsv = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tools.tsv")
    label_paths = []
    args = list(argv[1:])
    while args:
        a = args.pop(0)
        if a == "--tsv":
            tsv = args.pop(0)
        else:
            label_paths.append(a)

    errors = []
    restricted = []
    rows = []
    header_seen = False
    with open(tsv, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if "\r" in line:
                errors.append(f"line {n}: carriage return")
            if not header_seen:
                if line.startswith("#"):
                    m = re.match(r"^#\s*restricted:\s*(.*)$", line)
                    if m:
                        restricted += [x for x in m.group(1).strip().split("|") if x]
                    continue
                if line.split("\t") != HEADER:
                    errors.append(f"line {n}: header must be {'<TAB>'.join(HEADER)!r}, got {line!r}")
                header_seen = True
                continue
            if not line.strip():
                errors.append(f"line {n}: blank line")
                continue
            if line.startswith("#"):
                errors.append(f"line {n}: comment after the header")
                continue
            fields = line.split("\t")
            if len(fields) != 5:
                errors.append(f"line {n}: {len(fields)} fields, expected 5")
                continue
            rows.append((n, fields))
    if not header_seen:
        errors.append("no header line")

    ids = {}
    names = {}
    for n, (id_, name, aliases, implies, esco) in rows:
        for col, v in (("id", id_), ("name", name), ("aliases", aliases), ("implies", implies), ("esco", esco)):
            if v != v.strip():
                errors.append(f"line {n}: {col} has surrounding whitespace")
        if not ID_RE.match(id_):
            errors.append(f"line {n}: id {id_!r} is not kebab-case")
        if id_ in ids:
            errors.append(f"line {n}: duplicate id {id_!r} (first on line {ids[id_]})")
        ids.setdefault(id_, n)
        if not name:
            errors.append(f"line {n}: empty name")
        key = name.lower()
        if key in names and names[key] != id_:
            errors.append(f"line {n}: name {name!r} also used by {names[key]!r}")
        names.setdefault(key, id_)

    for r in restricted:
        if r not in ids:
            errors.append(f"restricted id {r!r} is not a row")
    restricted_names = {}
    for n, (id_, name, *_rest) in rows:
        if id_ in restricted:
            restricted_names[name.lower()] = id_

    alias_owner = {}
    n_aliases = 0
    for n, (id_, name, aliases, implies, esco) in rows:
        if not aliases:
            if id_ in restricted:
                errors.append(f"line {n}: restricted {id_!r} has no alias, so it can never be matched")
            continue
        seen = set()
        for a in aliases.split("|"):
            n_aliases += 1
            if not a or a != a.strip():
                errors.append(f"line {n}: empty or padded alias in {id_!r}")
                continue
            if a != a.lower():
                errors.append(f"line {n}: alias {a!r} is not lower case")
            if a in seen:
                errors.append(f"line {n}: alias {a!r} repeated in {id_!r}")
            seen.add(a)
            if a in alias_owner and alias_owner[a] != id_:
                errors.append(f"line {n}: alias {a!r} of {id_!r} already used by {alias_owner[a]!r}")
            alias_owner.setdefault(a, id_)
            if a in names and names[a] != id_:
                errors.append(f"line {n}: alias {a!r} of {id_!r} is the name of {names[a]!r}")
            if a in restricted_names:
                errors.append(f"line {n}: alias {a!r} of {id_!r} is the bare name of restricted {restricted_names[a]!r}")

    key_owner = {}
    for n, (id_, name, aliases, implies, esco) in rows:
        labels_of_row = ([] if id_ in restricted else [name]) + [a for a in aliases.split("|") if a]
        for lab in labels_of_row:
            k = label_key(lab)
            if not k:
                errors.append(f"line {n}: label {lab!r} of {id_!r} has no words")
            elif k in key_owner and key_owner[k] != id_:
                errors.append(f"line {n}: label {lab!r} of {id_!r} normalises to {k!r}, already {key_owner[k]!r}'s")
            key_owner.setdefault(k, id_)

    graph = {}
    n_impl = 0
    for n, (id_, name, aliases, implies, esco) in rows:
        targets = [t for t in implies.split("|")] if implies else []
        graph[id_] = []
        for t in targets:
            n_impl += 1
            if not t:
                errors.append(f"line {n}: empty implied id in {id_!r}")
            elif t == id_:
                errors.append(f"line {n}: {id_!r} implies itself")
            elif t not in ids:
                errors.append(f"line {n}: {id_!r} implies unknown id {t!r}")
            elif t in graph[id_]:
                errors.append(f"line {n}: {id_!r} implies {t!r} twice")
            else:
                graph[id_].append(t)

    # cycle detection (iterative DFS, white/grey/black)
    state = {}
    for root in graph:
        if state.get(root):
            continue
        stack = [(root, iter(graph[root]))]
        path = [root]
        state[root] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            s = state.get(nxt, 0)
            if s == 1:
                cyc = path[path.index(nxt):] + [nxt]
                errors.append("implication cycle: " + " -> ".join(cyc))
            elif s == 0:
                state[nxt] = 1
                stack.append((nxt, iter(graph.get(nxt, []))))
                path.append(nxt)

    n_esco = sum(1 for _, f in rows if f[4])
    esco_vals = [f[4] for _, f in rows if f[4]]
    for e in sorted({e for e in esco_vals if esco_vals.count(e) > 1}):
        errors.append(f"esco label {e!r} used by more than one row")
    for labels_path in label_paths:
        labels = read_labels(labels_path)
        for n, (id_, name, aliases, implies, esco) in rows:
            if esco and esco not in labels:
                errors.append(f"line {n}: esco label {esco!r} of {id_!r} not found in {labels_path}")

    print(f"rows: {len(rows)}")
    print(f"aliases: {n_aliases}")
    print(f"implications: {n_impl}")
    print(f"rows with esco label: {n_esco}" + (f" (verified against {len(label_paths)} label file(s))" if label_paths else " (not verified: no label file given)"))
    print(f"restricted names: {len(restricted)}")
    if errors:
        for e in errors:
            print("ERROR " + e, file=sys.stderr)
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
