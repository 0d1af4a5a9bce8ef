//! Skill-name normalisation, so spelling variants compare equal.
//!
//! Used for exact skill matching, de-duplication and recommendations. Besides
//! spelling noise it expands a short table of well-known abbreviations
//! ([`SKILL_ALIASES`]): the embedding model puts "K8s" far from "Kubernetes"
//! (cosine 0.26) and "TS" far from "TypeScript" (0.34), closer than "Java" to
//! "JavaScript" (0.68). Other equivalents are left to embedding similarity in
//! `matching`.

use super::constants::SKILL_ALIASES;

/// Canonical comparison form of a skill name. Rules, in order:
///
/// 1. lowercase; `-` and `_` become spaces ("Machine-Learning" = "machine learning");
/// 2. `&` and the word "and" are the same ("Sales and Marketing" = "Sales & Marketing");
/// 3. whitespace is trimmed and collapsed to single spaces;
/// 4. surrounding punctuation is dropped ("(Python)," = "Python"), except a
///    leading `.` (".NET") and trailing `+`/`#` ("C++", "C#");
/// 5. a trailing "js" / ".js" / " js" is dropped unless nothing would remain,
///    so "React.js" = "ReactJS" = "React" and "Node.js" = "Node", but "JS" stays "js";
/// 6. a known abbreviation becomes its full name ("JS" = "JavaScript", "K8s" = "Kubernetes").
///
/// Short names stay distinct: "C", "C++", "C#", "R", "Go". The result is only
/// for comparison; show users the name as they wrote it.
pub fn normalize_skill(name: &str) -> String {
    let spaced = name
        .to_lowercase()
        .replace(['-', '_'], " ")
        .replace('&', " & ");
    let words: Vec<&str> = spaced
        .split_whitespace()
        .map(|word| if word == "and" { "&" } else { word })
        .collect();
    let joined = words.join(" ");
    let trimmed = joined
        .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '.')
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '#');
    let name = strip_js_suffix(trimmed);
    SKILL_ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map_or(name, |(_, full)| full)
        .to_string()
}

/// "react.js" / "reactjs" / "react js" → "react"; "js" alone is kept.
fn strip_js_suffix(name: &str) -> &str {
    match name.strip_suffix("js") {
        Some(rest) => {
            let rest = rest.trim_end_matches(['.', ' ']);
            if rest.is_empty() {
                name
            } else {
                rest
            }
        }
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_skill;

    #[test]
    fn known_abbreviations_expand() {
        for (short, full) in [
            ("JS", "JavaScript"),
            ("K8s", "Kubernetes"),
            ("AWS", "Amazon Web Services"),
            ("TS", "TypeScript"),
            ("Postgres", "PostgreSQL"),
            ("Golang", "Go"),
        ] {
            assert_eq!(
                normalize_skill(short),
                normalize_skill(full),
                "{short} = {full}"
            );
        }
        assert_ne!(normalize_skill("Java"), normalize_skill("JavaScript"));
    }

    #[test]
    fn spelling_variants_normalise_to_one_form() {
        let cases = [
            (
                "react",
                &["React", "React.js", "ReactJS", "react js", "  REACT.JS "][..],
            ),
            ("node", &["Node", "Node.js", "NodeJS", "node-js"]),
            ("vue", &["Vue.js", "vuejs"]),
            (
                "python",
                &["Python", "(Python),", "• Python", "Python.", "\"python\""],
            ),
            (
                "machine learning",
                &["Machine   Learning", "machine-learning", "Machine_Learning"],
            ),
            (
                "sales & marketing",
                &[
                    "Sales and Marketing",
                    "Sales & Marketing",
                    "sales&marketing",
                ],
            ),
        ];
        for (expected, variants) in cases {
            for variant in variants {
                assert_eq!(
                    normalize_skill(variant),
                    expected,
                    "normalize_skill({variant:?})"
                );
            }
        }
    }

    #[test]
    fn short_and_symbolic_names_stay_distinct() {
        let cases = [
            ("JS", "javascript"), // the alias table, not "" from the js-suffix rule
            ("JavaScript", "javascript"),
            ("C", "c"),
            ("C++", "c++"),
            ("C#", "c#"),
            ("F#", "f#"),
            ("R", "r"),
            ("Go", "go"),
            (".NET", ".net"),
            ("CI/CD", "continuous integration"),
            ("Node.js 18", "node.js 18"),
        ];
        for (input, expected) in cases {
            assert_eq!(
                normalize_skill(input),
                expected,
                "normalize_skill({input:?})"
            );
        }
    }

    #[test]
    fn blank_or_punctuation_only_names_become_empty() {
        for input in ["", "   ", "!!!", "&", "and", "-"] {
            assert_eq!(normalize_skill(input), "", "normalize_skill({input:?})");
        }
    }
}
