//! SKILL_SIMILARITY_THRESHOLD and SKILL_ALIASES against the real all-mpnet-base-v2: spelled-out
//! equivalents reach the threshold, distinct neighbouring skills stay below it, and the
//! abbreviations the model cannot see through are covered by the alias table.

use resume_ai::config::model_dir;
use resume_ai::domain::constants::SKILL_SIMILARITY_THRESHOLD;
use resume_ai::domain::matching::cosine;
use resume_ai::domain::skills::normalize_skill;
use resume_ai::engine::{Embedder, Precision};

fn similarity(embedder: &Embedder, a: &str, b: &str) -> f32 {
    let v = embedder.embed(&[a, b]).expect("embedding");
    cosine(&v[0], &v[1])
}

#[test]
fn threshold_separates_equivalents_from_neighbours() {
    let embedder = Embedder::load(&model_dir(), Precision::F32).expect("the model (npm run model)");
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

/// Pairs written down before their similarities were measured, and used for nothing else: not
/// to pick the threshold (the pairs above did that), none in the alias table, none equal after
/// normalisation. They show whether the threshold carries over to skills it was not tuned on;
/// the margins are printed (`cargo test --release --no-default-features --test integration
/// held_out -- --nocapture`).
///
/// It does not carry over perfectly, and no threshold could: the first measurement got 22 of
/// 27 right. Three abbreviations fall below it (OOP 0.49, EHR 0.52, "QA Testing" 0.60: the
/// model cannot see through them, the alias table's job) and two sibling fields rise above it
/// ("Frontend / Backend Development" 0.78, "Spanish / Portuguese" 0.78, higher than the true
/// "CPR" pair's 0.72). The test holds the threshold to that record: fewer right fails it.
#[test]
fn threshold_classifies_held_out_pairs() {
    let embedder = Embedder::load(&model_dir(), Precision::F32).expect("the model (npm run model)");
    let same = [
        ("Microsoft Word", "MS Word"),
        ("Search Engine Optimization", "SEO"),
        ("Object-Oriented Programming", "OOP"),
        ("Customer Service", "Customer Support"),
        ("Project Management", "Managing Projects"),
        ("Unit Testing", "Unit Tests"),
        ("Data Analysis", "Data Analytics"),
        ("Cardiopulmonary Resuscitation", "CPR"),
        ("Electronic Health Records", "EHR"),
        ("Bookkeeping", "Book-keeping"),
        ("Team Leadership", "Leading Teams"),
        ("Quality Assurance", "QA Testing"),
    ];
    let different = [
        ("C", "C++"),
        ("React", "Angular"),
        ("MySQL", "MongoDB"),
        ("Frontend Development", "Backend Development"),
        ("Nursing", "Pharmacy"),
        ("Accounting", "Auditing"),
        ("Photoshop", "Illustrator"),
        ("Linux", "Windows Server"),
        ("Spanish", "Portuguese"),
        ("Swift", "Kotlin"),
        ("Recruiting", "Onboarding"),
        ("Scrum", "Kanban"),
        ("Ruby", "Rust"),
        ("Graphic Design", "Web Design"),
        ("Copywriting", "Editing"),
    ];
    const AT_LEAST_RIGHT: usize = 22;
    let mut wrong = Vec::new();
    for (expected_same, pairs) in [(true, &same[..]), (false, &different[..])] {
        for &(a, b) in pairs {
            assert_ne!(
                normalize_skill(a),
                normalize_skill(b),
                "{a} / {b} is not held out: the alias table or normalisation decides it"
            );
            let s = similarity(&embedder, a, b);
            let margin = s - SKILL_SIMILARITY_THRESHOLD;
            let right = (s >= SKILL_SIMILARITY_THRESHOLD) == expected_same;
            println!(
                "held-out {} {a:?} / {b:?}: {s:.3} (margin {margin:+.3}){}",
                if expected_same { "same" } else { "different" },
                if right { "" } else { "  WRONG" }
            );
            if !right {
                wrong.push(format!("{a} / {b}: {s:.3}"));
            }
        }
    }
    let total = same.len() + different.len();
    println!("held-out: {} of {total} right", total - wrong.len());
    assert!(
        total - wrong.len() >= AT_LEAST_RIGHT,
        "{} of {total} held-out pairs right, fewer than {AT_LEAST_RIGHT}; wrong: {wrong:?}",
        total - wrong.len()
    );
}
