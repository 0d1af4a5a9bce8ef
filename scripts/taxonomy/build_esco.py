#!/usr/bin/env python3
"""Build data/taxonomy/esco_skills.tsv from ESCO v1.1.1.

SOURCE
  ESCO - European Skills, Competences, Qualifications and Occupations, version 1.1.1,
  English CSV export, published by the European Commission (DG EMPL).
  Official download file names (unchanged):
    "ESCO dataset - v1.1.1 - classification - en - csv.zip"   (skills_en.csv, skillGroups_en.csv, ...)
    "ESCO dataset - v1.1.1 - classification -  - csv.zip"     (broaderRelationsSkillPillar.csv, ...)
  The runtime never downloads anything; these zips are only needed to REBUILD the committed file.

HOW TO GET THE ZIPS (no network access to the ESCO portal is needed)
  They are mirrored byte-for-byte in the public GitHub repository
  tabiya-tech/tabiya-esco-datasets-and-tools (MIT for the repo's own code; the ESCO data keeps
  the Commission's terms), commit 1a8a32efb786c7f72052c893b144beb911fa7db1, at
    datasets/esco/v1.1.1/classification/ESCO dataset - v1.1.1 - classification - en - csv.zip
    datasets/esco/v1.1.1/relations/ESCO dataset - v1.1.1 - classification -  - csv.zip
  Their MD5s match those listed in that repo's datasets/README.md and SHA-256s are pinned below.
  With the session tool `fetch github:tabiya-tech/tabiya-esco-datasets-and-tools` the repo lands
  as a bare git dir; pass that dir as --git. Or pass --zips DIR holding the two zip files
  (e.g. from a `git clone` of that repo or from the ESCO portal download page for v1.1.1).

LICENCE
  ESCO data (c) European Union. Reuse is authorised provided the source is acknowledged
  (Commission Decision 2011/833/EU on the reuse of Commission documents).
  See data/taxonomy/ESCO-LICENSE.md.

USAGE (from the repository root)
  python3 scripts/taxonomy/build_esco.py \
      --git /work/.mirror/tabiya-tech+tabiya-esco-datasets-and-tools/repo
  # or: python3 scripts/taxonomy/build_esco.py --zips /path/to/dir-with-both-zips

OUTPUT  (UTF-8 TSV, LF line endings, rows sorted by id: byte-for-byte reproducible; compiled into
  the addon with include_str!, so it is kept uncompressed and diffable)
  data/taxonomy/esco_skills.tsv           header: id preferred alt_labels broader type
    id         last segment of the concept URI http://data.europa.eu/esco/skill/<id>
    preferred  preferredLabel
    alt_labels altLabels joined with '|'  (the preferred label itself and duplicates removed)
    broader    '|'-joined ids of the broader concepts from broaderRelationsSkillPillar.csv:
               a skill uuid, a skill-group uuid (.../esco/skill/<uuid>), or an ISCED-F code
               such as 0613 (.../esco/isced-f/<code>) for knowledge groups; sorted
    type       'skill' (ESCO skillType "skill/competence"), 'knowledge', or '' (6 concepts
               that ESCO leaves untyped)
  Label normalisation: leading/trailing whitespace stripped and internal whitespace runs
  collapsed to one space (ESCO has 78 preferred labels with stray spaces); nothing else.
"""
import argparse
import csv
import hashlib
import io
import os
import re
import subprocess
import sys
import zipfile

CLASSIF_ZIP = "ESCO dataset - v1.1.1 - classification - en - csv.zip"
RELATIONS_ZIP = "ESCO dataset - v1.1.1 - classification -  - csv.zip"
GIT_PATHS = {
    CLASSIF_ZIP: "datasets/esco/v1.1.1/classification/" + CLASSIF_ZIP,
    RELATIONS_ZIP: "datasets/esco/v1.1.1/relations/" + RELATIONS_ZIP,
}
SHA256 = {
    CLASSIF_ZIP: "d86de115d120e9266fa7d86f104466fd72a63f8233110028b10e430372bc58a7",
    RELATIONS_ZIP: "1612e3e01fbcbb4f37f69e0fe58d441db233142f1e9488280f041b2726977996",
}
SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
ISCED_PREFIX = "http://data.europa.eu/esco/isced-f/"
TYPE_MAP = {"skill/competence": "skill", "knowledge": "knowledge", "": ""}

_ws = re.compile(r"\s+")


def norm(s):
    return _ws.sub(" ", s).strip()


def short_id(uri):
    for p in (SKILL_PREFIX, ISCED_PREFIX):
        if uri.startswith(p):
            return uri[len(p):]
    raise ValueError("unexpected concept URI: %r" % uri)


def load_zip(name, git_dir, zip_dir):
    if git_dir:
        data = subprocess.run(
            ["git", "--git-dir", git_dir, "show", "HEAD:" + GIT_PATHS[name]],
            check=True, stdout=subprocess.PIPE).stdout
    else:
        with open(os.path.join(zip_dir, name), "rb") as f:
            data = f.read()
    got = hashlib.sha256(data).hexdigest()
    if got != SHA256[name]:
        sys.exit("sha256 mismatch for %s: %s" % (name, got))
    return zipfile.ZipFile(io.BytesIO(data))


def read_csv(zf, member):
    with zf.open(member) as f:
        return list(csv.DictReader(io.TextIOWrapper(f, encoding="utf-8", newline="")))


def split_alts(raw, preferred):
    out, seen = [], {preferred}
    for a in raw.split("\n"):
        a = norm(a)
        if a and a not in seen:
            seen.add(a)
            out.append(a)
    return out


def check_field(s):
    if "\t" in s or "\n" in s or "|" in s:
        raise ValueError("field contains a separator: %r" % s)
    return s


def write_tsv(path, header, rows):
    buf = io.StringIO(newline="")
    buf.write("\t".join(header) + "\n")
    for r in rows:
        buf.write("\t".join(r) + "\n")
    raw = buf.getvalue().encode("utf-8")
    with open(path, "wb") as f:
        f.write(raw)
    print("%s: %d rows, %d bytes, sha256 %s" % (
        path, len(rows), len(raw), hashlib.sha256(raw).hexdigest()))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--git", help="bare git dir of tabiya-tech/tabiya-esco-datasets-and-tools")
    src.add_argument("--zips", help="directory holding the two ESCO v1.1.1 zip files")
    ap.add_argument("--out-dir", default="data/taxonomy")
    a = ap.parse_args()

    classif = load_zip(CLASSIF_ZIP, a.git, a.zips)
    relations = load_zip(RELATIONS_ZIP, a.git, a.zips)
    skills = read_csv(classif, "skills_en.csv")
    broader_rows = read_csv(relations, "broaderRelationsSkillPillar.csv")

    broader = {}
    for b in broader_rows:
        broader.setdefault(b["conceptUri"], set()).add(short_id(b["broaderUri"]))

    out = []
    for s in skills:
        if s["status"] != "released":
            continue
        pref = norm(s["preferredLabel"])
        out.append([
            check_field(short_id(s["conceptUri"])),
            check_field(pref),
            "|".join(check_field(x) for x in split_alts(s["altLabels"], pref)),
            "|".join(sorted(broader.get(s["conceptUri"], ()))),
            TYPE_MAP[s["skillType"]],
        ])
    out.sort(key=lambda r: r[0])
    ids = [r[0] for r in out]
    assert len(ids) == len(set(ids)), "duplicate ids"

    os.makedirs(a.out_dir, exist_ok=True)
    write_tsv(os.path.join(a.out_dir, "esco_skills.tsv"),
              ["id", "preferred", "alt_labels", "broader", "type"], out)


if __name__ == "__main__":
    main()
