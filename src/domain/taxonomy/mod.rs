//! The skills taxonomy: ESCO's skills (European Commission, v1.1.1) plus a reviewed technology
//! layer (`data/taxonomy/tools.tsv`: tools, frameworks and platforms ESCO lacks, their
//! aliases, and what each implies). Both are compiled into the addon, so nothing is
//! downloaded at run time; docs/skills.md says where the data comes from.
//!
//! What it answers, with no model:
//! - which concept a skill name means ([`Taxonomy::lookup`]: "Postgres" = "PostgreSQL");
//! - which concepts a concept implies ([`Taxonomy::implied`]: Django ⇒ Python);
//! - which concepts a free text names ([`Taxonomy::mentions`]: whole-word labels, longest
//!   first).
//!
//! A tool row that names an ESCO skill (`esco` column) is merged into that concept: its
//! aliases and implications become the ESCO concept's, so one thing has one id.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

mod parse;

/// The technology layer, reviewed by hand: one row per tool.
pub const TOOLS_TSV: &str = include_str!("../../../data/taxonomy/tools.tsv");
/// ESCO's skills: id, preferred label, alternative labels, broader skills, type.
pub const ESCO_TSV: &str = include_str!("../../../data/taxonomy/esco_skills.tsv");
/// The ESCO version the data file holds.
pub const ESCO_VERSION: &str = "1.1.1";
/// sha256 of `data/taxonomy/esco_skills.tsv` as `scripts/taxonomy/build_esco.py` writes it
/// from ESCO's published v1.1.1 files (checked by a test, so an edited copy is noticed).
pub const ESCO_SHA256: &str = "d0581f34e04efa9a5bf58d3e246878fa8ad6d00602f482cf366fa675001f76b4";

/// Longest label, in words, looked for in free text: longer ESCO labels ("apply health and
/// safety standards in construction") are found by embedding, not verbatim.
pub const MAX_LABEL_WORDS: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConceptKind {
    /// An ESCO skill (knowledge, skill or competence).
    Esco,
    /// A tool of the technology layer that ESCO does not have.
    Tool,
}

/// How a concept was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// Its preferred name.
    Label,
    /// One of its other names (ESCO alternative label, tool alias).
    Alias,
    /// Nearest concept to a phrase's embedding.
    Embedding,
}

pub type ConceptId = u32;

#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    /// ESCO's uuid, or the tool's id.
    pub id: String,
    /// ESCO's preferred label, or the tool's name.
    pub name: String,
    /// What a person calls it: the tool layer's name where it has a row ("Python" for ESCO's
    /// "Python (computer programming)"), else `name`.
    pub display: String,
    pub kind: ConceptKind,
    /// Concepts anyone who has this one has too: the tool layer's implications, then
    /// ESCO's broader skills.
    pub implies: Vec<ConceptId>,
}

/// A concept named in a text: its byte range and how it was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub concept: ConceptId,
    pub start: usize,
    pub end: usize,
    pub via: Via,
}

#[derive(Debug)]
pub struct Taxonomy {
    concepts: Vec<Concept>,
    /// Label key (see [`label_key`]) → concept and how the label names it.
    labels: HashMap<String, (ConceptId, Via)>,
    /// Tool names that are also ordinary words ("React", "Flask", "Helm"; the file's
    /// `# restricted:` line): found in free text only when written exactly so, capitalised
    /// and at least [`MIN_RESTRICTED_NAME_CHARS`] long ("Go", "R" and "C" never are).
    restricted: HashMap<String, String>,
    longest_label: usize,
}

/// Shortest restricted tool name looked for in free text (see `Taxonomy::restricted`).
pub const MIN_RESTRICTED_NAME_CHARS: usize = 3;

/// The compiled-in taxonomy, parsed on first use (~0.2 s).
pub fn taxonomy() -> &'static Taxonomy {
    static TAXONOMY: OnceLock<Taxonomy> = OnceLock::new();
    TAXONOMY.get_or_init(|| {
        Taxonomy::parse(ESCO_TSV, TOOLS_TSV).expect("the compiled-in taxonomy is checked by tests")
    })
}

impl Taxonomy {
    pub fn len(&self) -> usize {
        self.concepts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    pub fn concept(&self, id: ConceptId) -> &Concept {
        &self.concepts[id as usize]
    }

    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// The concept a skill name means, if any: its words exactly equal one of the concept's
    /// names ("Postgres", "postgresql" and "PostgreSQL" are one concept).
    pub fn lookup(&self, name: &str) -> Option<ConceptId> {
        self.labels.get(&label_key(name)).map(|(idx, _)| *idx)
    }

    /// Every concept `id` implies, transitively, without `id` itself: Django ⇒ Python, and
    /// Next.js ⇒ React ⇒ JavaScript.
    pub fn implied(&self, id: ConceptId) -> Vec<ConceptId> {
        let mut seen: HashSet<ConceptId> = HashSet::from([id]);
        let mut order = Vec::new();
        let mut stack = vec![id];
        while let Some(next) = stack.pop() {
            for &to in &self.concepts[next as usize].implies {
                if seen.insert(to) {
                    order.push(to);
                    stack.push(to);
                }
            }
        }
        order
    }

    /// True when a resume skill `have` covers a wanted skill `want` by meaning: both name one
    /// concept, or `have`'s concept implies `want`'s.
    pub fn covers(&self, have: &str, want: &str) -> bool {
        match (self.lookup(have), self.lookup(want)) {
            (Some(h), Some(w)) => h == w || self.implied(h).contains(&w),
            _ => false,
        }
    }

    /// The concepts a text names, in text order: at each word the longest label that starts
    /// there (up to [`MAX_LABEL_WORDS`] words), matched on whole words, case-insensitively.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        let words = words(text);
        let mut found = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let longest = self.longest_label.min(words.len() - i);
            // One key grown word by word (no allocation per candidate); the longest hit wins.
            let mut key = String::new();
            let mut hit = None;
            for n in 1..=longest {
                if n > 1 {
                    key.push(' ');
                }
                key.push_str(&words[i + n - 1].lower);
                if let Some(name) = self.restricted.get(&key) {
                    let written = &text[words[i].start..words[i + n - 1].end];
                    if written != name.as_str() || name.chars().count() < MIN_RESTRICTED_NAME_CHARS
                    {
                        continue;
                    }
                }
                if let Some(&(concept, via)) = self.labels.get(&key) {
                    hit = Some((n, concept, via));
                }
            }
            match hit {
                Some((n, concept, via)) => {
                    found.push(Mention {
                        concept,
                        start: words[i].start,
                        end: words[i + n - 1].end,
                        via,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        found
    }
}

/// A word of a text: its byte range and lowercase form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub lower: String,
}

/// The words of a text. A word is a run of letters and digits; inside a word a `.` followed
/// by a letter or digit stays ("node.js", "asp.net"), as do a leading `.` (".net") and
/// trailing `+` / `#` ("c++", "c#"). Everything else separates words, so "CI/CD" is "ci cd"
/// and "machine-learning" is "machine learning".
pub fn words(text: &str) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let dot_start = c == '.'
            && at(i + 1).is_some_and(char::is_alphanumeric)
            && (i == 0 || !chars[i - 1].1.is_alphanumeric());
        if !c.is_alphanumeric() && !dot_start {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while let Some(c) = at(i) {
            let joins =
                c.is_alphanumeric() || (c == '.' && at(i + 1).is_some_and(char::is_alphanumeric));
            if !joins {
                break;
            }
            i += 1;
        }
        while matches!(at(i), Some('+' | '#')) {
            i += 1;
        }
        let (from, to) = (chars[start].0, chars.get(i).map_or(text.len(), |&(b, _)| b));
        out.push(Word {
            start: from,
            end: to,
            lower: text[from..to].to_lowercase(),
        });
    }
    out
}

/// The comparison form of a label: its words, lowercase, joined by one space.
pub fn label_key(label: &str) -> String {
    join_words(&words(label))
}

fn join_words(words: &[Word]) -> String {
    let mut key = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.push_str(&w.lower);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::parse::{rows, split_list};
    use super::*;

    const ESCO: &str = "id\tpreferred\talt_labels\tbroader\ttype\n\
        e-py\tPython (computer programming)\tPython\te-prog\tknowledge\n\
        e-prog\tcomputer programming\tprogramming|coding\t\tknowledge\n\
        e-sql\tSQL\tstructured query language\te-prog\tknowledge\n\
        e-team\twork in teams\tteamwork|coding\t\tskill\n";
    const TOOLS: &str = "# a comment\n\
        # restricted: wagtail\n\
        id\tname\taliases\timplies\tesco\n\
        python\tPython\t\t\tPython (computer programming)\n\
        sql\tSQL\t\t\tSQL\n\
        django\tDjango\tdjango framework\tpython\t\n\
        postgresql\tPostgreSQL\tpostgres|psql\tsql\t\n\
        wagtail\tWagtail\t\tdjango\t\n";

    fn small() -> Taxonomy {
        Taxonomy::parse(ESCO, TOOLS).unwrap()
    }

    #[test]
    fn words_keep_tool_spellings_and_split_the_rest() {
        let lower: Vec<String> = words("Node.js, C++ & C#; .NET/CI-CD (Python). e.g. x")
            .into_iter()
            .map(|w| w.lower)
            .collect();
        assert_eq!(
            lower,
            ["node.js", "c++", "c#", ".net", "ci", "cd", "python", "e.g", "x"]
        );
        let text = "Über Straße: Go";
        let w = words(text);
        assert_eq!(&text[w[1].start..w[1].end], "Straße");
    }

    #[test]
    fn tools_named_by_esco_merge_and_new_tools_are_their_own_concepts() {
        let t = small();
        assert_eq!(t.len(), 4 + 3);
        let py = t.lookup("python").unwrap();
        assert_eq!(t.concept(py).kind, ConceptKind::Esco);
        assert_eq!(t.concept(py).name, "Python (computer programming)");
        assert_eq!(t.concept(py).display, "Python");
        let pg = t.lookup("Postgres").unwrap();
        assert_eq!(t.concept(pg).kind, ConceptKind::Tool);
        assert_eq!(t.lookup("PSQL"), Some(pg));
        assert_eq!(t.lookup("nothing"), None);
    }

    #[test]
    fn implications_are_transitive_and_include_esco_broader_skills() {
        let t = small();
        let names = |id| -> Vec<&str> {
            t.implied(id)
                .into_iter()
                .map(|c| t.concept(c).name.as_str())
                .collect()
        };
        let wagtail = t.lookup("wagtail").unwrap();
        let mut implied = names(wagtail);
        implied.sort();
        assert_eq!(
            implied,
            [
                "Django",
                "Python (computer programming)",
                "computer programming"
            ]
        );
        assert!(t.covers("PostgreSQL", "SQL"));
        assert!(t.covers("postgres", "structured query language"));
        assert!(!t.covers("SQL", "PostgreSQL"), "implication is one way");
        assert!(t.covers("Python", "Python (computer programming)"));
        assert!(!t.covers("Excel", "SQL"));
    }

    #[test]
    fn an_alternative_label_shared_by_two_skills_names_neither() {
        let t = small();
        assert_eq!(t.lookup("coding"), None);
        assert_eq!(t.lookup("teamwork"), t.lookup("work in teams"));
    }

    #[test]
    fn mentions_take_the_longest_label_on_whole_words() {
        let t = small();
        let text = "We use Django framework with Postgres; strong SQL and teamwork. Sequel no.";
        let found: Vec<(&str, &str, Via)> = t
            .mentions(text)
            .into_iter()
            .map(|m| {
                (
                    t.concept(m.concept).name.as_str(),
                    &text[m.start..m.end],
                    m.via,
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("Django", "Django framework", Via::Alias),
                ("PostgreSQL", "Postgres", Via::Alias),
                ("SQL", "SQL", Via::Label),
                ("work in teams", "teamwork", Via::Alias),
            ]
        );
    }

    #[test]
    fn restricted_names_are_found_only_as_written_but_always_looked_up() {
        let t = small();
        let found = |text: &str| -> Vec<String> {
            t.mentions(text)
                .into_iter()
                .map(|m| t.concept(m.concept).name.clone())
                .collect()
        };
        assert_eq!(found("Built sites on Wagtail."), ["Wagtail"]);
        assert!(found("the dog's wagtail").is_empty());
        assert_eq!(t.lookup("wagtail"), t.lookup("Wagtail"));
        assert!(t.lookup("wagtail").is_some());
    }

    #[test]
    fn malformed_files_are_errors_that_name_the_line() {
        let bad_implies = TOOLS.replace("\tdjango\t", "\tflask\t");
        assert!(Taxonomy::parse(ESCO, &bad_implies)
            .unwrap_err()
            .contains("flask"));
        let bad_esco = TOOLS.replace("\tSQL\n", "\tSequel\n");
        assert!(Taxonomy::parse(ESCO, &bad_esco)
            .unwrap_err()
            .contains("Sequel"));
        assert!(Taxonomy::parse("id\tname\n", TOOLS).is_err());
    }

    // ---- the compiled-in data ----

    fn sha256(text: &str) -> String {
        use sha2::{Digest, Sha256};
        Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    #[test]
    fn the_shipped_esco_file_is_the_published_extract_and_parses() {
        assert_eq!(
            sha256(ESCO_TSV),
            ESCO_SHA256,
            "data/taxonomy/esco_skills.tsv changed"
        );
        let t = taxonomy();
        let esco = t
            .concepts()
            .iter()
            .filter(|c| c.kind == ConceptKind::Esco)
            .count();
        assert_eq!(esco, 13_896);
        assert!(t.len() > esco + 300, "the tool layer adds its own concepts");
        let py = t.lookup("Python (computer programming)").unwrap();
        assert_eq!(
            t.lookup("python"),
            Some(py),
            "the tool row merged into ESCO's concept"
        );
    }

    /// Every `implies` of `tools.tsv`, one assertion per rule: a resume naming the tool covers
    /// a posting asking for what it implies, and not the other way round.
    #[test]
    fn every_implication_rule_of_the_tool_layer_holds() {
        let t = taxonomy();
        let rows = rows(TOOLS_TSV, "id\tname\taliases\timplies\tesco", 5).unwrap();
        let name_of: HashMap<&str, &str> = rows.iter().map(|(_, c)| (c[0], c[1])).collect();
        let mut rules = 0;
        for (_, cols) in &rows {
            for implied in split_list(cols[3]) {
                let (from, to) = (cols[1], name_of[implied]);
                assert!(
                    t.covers(from, to),
                    "rule {} => {implied}: {from} must cover {to}",
                    cols[0]
                );
                assert!(
                    !t.covers(to, from),
                    "rule {} => {implied} runs one way only",
                    cols[0]
                );
                rules += 1;
            }
        }
        assert!(rules > 400, "{rules} rules");
    }

    #[test]
    fn the_rules_the_demo_and_the_issue_name() {
        let t = taxonomy();
        for (have, want) in [
            ("PostgreSQL", "SQL"),
            ("Django", "Python"),
            ("Spring Boot", "Java"),
            ("React", "JavaScript"),
            ("Next.js", "JavaScript"),
            ("Kubernetes", "Containers"),
            ("Amazon EKS", "Kubernetes"),
            ("pandas", "Python"),
            ("TypeScript", "JavaScript"),
        ] {
            assert!(t.covers(have, want), "{have} covers {want}");
        }
        assert_eq!(t.lookup("REST API Design"), t.lookup("REST APIs"));
        assert!(!t.covers("Java", "JavaScript"));
        assert!(!t.covers("SQL", "PostgreSQL"));
    }

    #[test]
    fn free_text_on_the_shipped_taxonomy_skips_everyday_words() {
        let t = taxonomy();
        let text = "Go to market with React, Postgres and k8s; react quickly to R&D data.";
        let found: Vec<(&str, &str)> = t
            .mentions(text)
            .into_iter()
            .map(|m| (t.concept(m.concept).display.as_str(), &text[m.start..m.end]))
            .collect();
        assert_eq!(
            found,
            [
                ("React", "React"),
                ("PostgreSQL", "Postgres"),
                ("Kubernetes", "k8s")
            ]
        );
    }
}
