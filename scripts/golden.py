#!/usr/bin/env python3
"""Golden-fixture generator: the Python correctness oracle for resume-ai.

Run by hand, NOT in CI (CI has no torch / sentence-transformers and must not need them).
It embeds a fixed list of texts with the reference implementation, sentence-transformers'
all-mpnet-base-v2 on CPU, and writes the results to __test__/fixtures/golden.json, which
the Rust/Node tests compare against.

How to run (from anywhere; the venv lives outside the repo):

    python3 -m venv /work/venvs/oracle
    /work/venvs/oracle/bin/pip install sentence-transformers
    /work/venvs/oracle/bin/python scripts/golden.py [MODEL_DIR] [--out PATH]

MODEL_DIR defaults to $RESUME_AI_MODEL_DIR, else ${XDG_CACHE_HOME:-~/.cache}/resume-ai/all-mpnet-base-v2
(the folder scripts/fetch-model.sh installs). Nothing is downloaded: HF_HUB_OFFLINE=1 is forced.
--out defaults to <repo>/__test__/fixtures/golden.json.

What it writes:

    {"model": "all-mpnet-base-v2", "max_seq_length": 384,
     "generator": "sentence-transformers X.Y.Z / torch A.B.C / transformers U.V.W",
     "texts": [{"text": str, "token_ids": [int, ...], "embedding": [768 floats]}, ...]}

- token_ids: model.tokenize([text])["input_ids"][0] for that single text: <s> ... </s>,
  truncated to max_seq_length (384), no padding.
- embedding: model.encode([text], batch_size=1), i.e. the default output, mean-pooled and
  L2-normalised by the model's own Pooling and Normalize modules. float32 values are written
  as repr(float(x)), which is the exact double of the f32, so parsing to f64 and casting to
  f32 gives the identical f32 back.

The text list is fixed (no randomness), so re-running with the same library versions gives the
same file. Differences across torch versions/CPUs are at the 1e-7 level.
"""

import argparse
import json
import os
import sys
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ["CUDA_VISIBLE_DEVICES"] = ""  # force CPU

REPO_ROOT = Path(__file__).resolve().parent.parent
MODEL_NAME = "all-mpnet-base-v2"


def default_model_dir() -> str:
    env = os.environ.get("RESUME_AI_MODEL_DIR")
    if env:
        return env
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "resume-ai", MODEL_NAME)


# ---------------------------------------------------------------------------------------------
# The fixed text list. Order matters only for readability; tests look texts up by index/text.
# ---------------------------------------------------------------------------------------------

SKILLS = [
    "Python",
    "JavaScript",
    "JS",
    "React.js",
    "AWS",
    "Amazon Web Services",
    "K8s",
    "Kubernetes",
    "Docker",
    "SQL",
    "Registered Nurse",
    "PostgreSQL",
    "TypeScript",
    "Machine Learning",
    "CPR",
    "Microsoft Excel",
    "C++",
    "C#",
    ".NET Core",
    "Node.js",
    "Accounts Payable",
    "Forklift Operation",
]

JOB_TITLES = [
    "Senior Backend Engineer",
    "ICU Nurse",
    "Financial Analyst",
    "Sr. Front-End Developer (React/TypeScript)",
    "Warehouse Operations Manager",
    "Account Executive, Enterprise Sales",
    "UX/UI Designer",
]

RESPONSIBILITIES = [
    # software, 58 words
    "Designed and maintained RESTful microservices in Go and Python that processed over two "
    "million orders per day. Led the migration from a monolithic Rails application to "
    "Kubernetes on AWS, cutting deployment time from hours to minutes. Mentored four junior "
    "engineers, introduced code review guidelines, and improved test coverage from 45% to 85% "
    "while reducing p99 latency by 30%.",
    # nursing, 50 words
    "Provided direct patient care for up to six critically ill adults per shift in a 24-bed "
    "medical intensive care unit. Monitored hemodynamic status, titrated vasoactive drips, and "
    "managed ventilated patients in collaboration with physicians and respiratory therapists. "
    "Educated families on discharge plans and precepted newly graduated nurses during their "
    "orientation.",
    # finance / sales, 47 words
    "Prepared monthly variance reports and rolling forecasts for a $250M business unit, "
    "presenting findings to the CFO. Built Excel and Power BI dashboards that automated "
    "reconciliation of accounts receivable, saving 20 hours per month, and partnered with "
    "sales leadership to model pricing scenarios for new enterprise contracts.",
]

CERTIFICATIONS = [
    "AWS Certified Solutions Architect – Associate",
    "Certified Kubernetes Administrator (CKA)",
    "PMP® – Project Management Professional",
    "BLS/ACLS Certification (American Heart Association)",
    "CPA, CFA Level II Candidate",
]

EDGE_CASES = [
    "",
    "   \n\t",
    # German
    "Erfahrene Pflegefachkraft mit Schwerpunkt Intensivmedizin und Führungsverantwortung "
    "für ein Team von zwölf Mitarbeitern; fließende Englischkenntnisse.",
    # Chinese
    "高级后端工程师，负责设计和维护分布式系统，熟悉Java和Kubernetes。",
    # Arabic
    "مهندس برمجيات أول ذو خبرة في تطوير تطبيقات الويب وإدارة قواعد البيانات.",
    # Japanese + Russian
    "ソフトウェアエンジニア / Инженер-программист",
    # emoji (incl. ZWJ sequence and skin-tone modifier)
    "🚀 Shipped 3 features 💯 and squashed 🐛 bugs! 👩‍💻🔥 Team player 👍🏽",
    # accented
    "Café manager with a naïve résumé — São Paulo, Zürich, Ångström, façade, coöperate",
    # mixed case / punctuation
    "SENIOR dev-ops ENGINEER!!! (remote/hybrid) -- C++/C#; $120k+?? e-mail: jane.doe@example.com "
    "... [10+ yrs] {AWS|GCP} & CI/CD @ 99.99% uptime",
    # literal special tokens in the middle of normal words
    "Skilled in <s>Python</s> and <mask> modeling, wrote a<pad>b parsers, handled <unk> "
    "and [UNK] [CLS] [SEP] [MASK] markers inside text</s>end",
    # control / invisible characters: CRLF, NUL, NBSP, zero-width space, soft hyphen, BOM
    "Line one\r\nLine\u00a0two\u0000with\u200bzero\u00adwidth\ufeffchars",
    # one "word" longer than WordPiece's max_input_chars_per_word (100) -> [UNK]
    "Expert in " + "supercalifragilistic" * 6 + " systems",
]

# One text of ~130-200 tokens.
MEDIUM_TEXT = (
    "Summary: Full-stack software engineer with eight years of experience building scalable web "
    "applications for fintech and healthcare clients. Proficient in TypeScript, React, Node.js, "
    "Python, and PostgreSQL, with hands-on experience deploying containerized services to AWS "
    "using Docker, Terraform, and GitHub Actions. At Acme Health, owned the patient scheduling "
    "platform end to end, redesigning the booking flow to reduce no-shows by 18% and migrating "
    "legacy cron jobs to event-driven workers on SQS. Previously at Northwind Bank, built "
    "real-time fraud detection APIs handling 5,000 requests per second with sub-50ms latency. "
    "Comfortable leading small teams, writing design documents, running incident reviews, and "
    "partnering with product managers and designers to ship accessible, well-tested features "
    "on a weekly release cadence."
)

# One text well over 384 tokens (~600 words), built deterministically from fixed sentences.
_LONG_SENTENCES = [
    "Managed a distribution center of 250,000 square feet with a team of 85 associates across three shifts.",
    "Implemented a warehouse management system that improved pick accuracy to 99.8 percent.",
    "Negotiated freight contracts with regional carriers, lowering transportation costs by 12 percent year over year.",
    "Developed standard operating procedures for receiving, put-away, replenishment, and outbound shipping.",
    "Partnered with procurement and finance to forecast inventory needs ahead of seasonal peaks.",
    "Introduced lean and 5S practices that reduced dock-to-stock time from 48 hours to 16 hours.",
    "Trained supervisors on OSHA safety standards, resulting in zero recordable incidents for two consecutive years.",
    "Reported weekly KPIs including throughput, labor utilization, order cycle time, and on-time delivery.",
    "Coordinated with customer service to resolve escalated delivery issues for key enterprise accounts.",
    "Led the rollout of handheld RF scanners and barcode labeling across all inbound lanes.",
]


def _long_text() -> str:
    words = []
    i = 0
    while len(words) < 600:
        words.extend(_LONG_SENTENCES[i % len(_LONG_SENTENCES)].split())
        i += 1
    return " ".join(words[:600]) + "."


TEXTS = SKILLS + JOB_TITLES + RESPONSIBILITIES + CERTIFICATIONS + EDGE_CASES + [MEDIUM_TEXT, _long_text()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model_dir", nargs="?", default=default_model_dir())
    ap.add_argument("--out", default=str(REPO_ROOT / "__test__" / "fixtures" / "golden.json"))
    args = ap.parse_args()

    import numpy as np
    import sentence_transformers
    import torch
    import transformers
    from sentence_transformers import SentenceTransformer

    torch.manual_seed(0)
    model = SentenceTransformer(args.model_dir, device="cpu")
    model.eval()
    max_seq = int(model.max_seq_length)
    if max_seq != 384:
        print(f"warning: model max_seq_length is {max_seq}, expected 384", file=sys.stderr)

    # `tokenize` is deprecated in newer sentence-transformers in favour of `preprocess`;
    # both return the same input_ids for text.
    tokenize = getattr(model, "preprocess", None) or model.tokenize

    entries = []
    for text in TEXTS:
        ids = tokenize([text])["input_ids"][0].tolist()
        emb = model.encode([text], batch_size=1, convert_to_numpy=True, show_progress_bar=False)[0]
        assert emb.dtype == np.float32 and emb.shape == (768,), (emb.dtype, emb.shape)
        floats = [float(x) for x in emb]
        # round-trip check: repr(float) -> f64 -> f32 must be exact
        back = np.array([float(repr(f)) for f in floats], dtype=np.float32)
        assert np.array_equal(back, emb)
        entries.append({"text": text, "token_ids": ids, "embedding": floats})

    out = {
        "model": MODEL_NAME,
        "max_seq_length": max_seq,
        "generator": (
            f"sentence-transformers {sentence_transformers.__version__} / "
            f"torch {torch.__version__.split('+')[0]} / transformers {transformers.__version__}"
        ),
        "texts": entries,
    }
    out_path = Path(args.out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    # json.dumps writes floats with repr(), i.e. shortest round-trip of the exact f64.
    # One text entry per line keeps diffs readable; the file is still plain JSON.
    def dumps(v):
        return json.dumps(v, ensure_ascii=False, separators=(",", ":"))

    header = {k: v for k, v in out.items() if k != "texts"}
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(dumps(header)[:-1] + ',"texts":[\n')
        f.write(",\n".join(dumps(e) for e in entries))
        f.write("\n]}\n")
    assert json.loads(out_path.read_text(encoding="utf-8")) == out

    lens = [len(e["token_ids"]) for e in entries]
    print(f"wrote {out_path}")
    print(f"generator: {out['generator']}")
    print(f"texts: {len(entries)}  token length min/max: {min(lens)}/{max(lens)}")
    print(f"texts at max_seq_length (truncated): {sum(1 for n in lens if n == max_seq)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
