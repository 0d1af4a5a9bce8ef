//! SKILL_SIMILARITY_THRESHOLD and SKILL_ALIASES against the real all-mpnet-base-v2: spelled-out
//! equivalents reach the threshold, distinct neighbouring skills stay below it, and the
//! abbreviations the model cannot see through are covered by the alias table.

use resume_ai::domain::constants::SKILL_SIMILARITY_THRESHOLD;
use resume_ai::domain::matching::cosine;
use resume_ai::domain::skills::normalize_skill;
use resume_ai::engine::{default_model_dir, Embedder};

fn similarity(embedder: &Embedder, a: &str, b: &str) -> f32 {
    let v = embedder.embed(&[a, b]).expect("embedding");
    cosine(&v[0], &v[1])
}

#[test]
fn threshold_separates_equivalents_from_neighbours() {
    let embedder = Embedder::load(&default_model_dir()).expect("the model (npm run model)");
    let same = [
        ("JS", "JavaScript"),
        ("CPA", "Certified Public Accountant"),
        ("NLP", "Natural Language Processing"),
        ("MS Excel", "Microsoft Excel"),
        ("Postgres", "PostgreSQL"),
    ];
    let different = [
        ("Java", "JavaScript"),
        ("Sales", "Marketing"),
        ("iOS", "Android"),
        ("Python", "Java"),
        ("TensorFlow", "PyTorch"),
        ("Docker", "Kubernetes"),
        ("AWS", "Azure"),
        ("HTML", "CSS"),
    ];
    for (a, b) in same {
        let s = similarity(&embedder, a, b);
        assert!(s >= SKILL_SIMILARITY_THRESHOLD, "{a} ~ {b}: {s}");
    }
    for (a, b) in different {
        let s = similarity(&embedder, a, b);
        assert!(s < SKILL_SIMILARITY_THRESHOLD, "{a} vs {b}: {s}");
    }
    // Below the threshold for the model, so they must be (and are) aliases.
    for (a, b) in [
        ("K8s", "Kubernetes"),
        ("TS", "TypeScript"),
        ("GCP", "Google Cloud Platform"),
    ] {
        assert!(
            similarity(&embedder, a, b) < SKILL_SIMILARITY_THRESHOLD,
            "{a} ~ {b} no longer needs an alias"
        );
        assert_eq!(normalize_skill(a), normalize_skill(b));
    }
}
