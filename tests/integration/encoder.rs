//! The encoder against sentence-transformers, in `cargo test`: the golden token ids and vectors
//! that `__test__/embed.spec.mjs` also reads (written by `scripts/golden.py` from the real
//! all-mpnet-base-v2), so a kernel regression fails the Rust tests too. Each text is embedded
//! alone and then all in one batch (padding must not change a vector), in fp32, the default.

use resume_ai::config::model_dir;
use resume_ai::domain::matching::cosine;
use resume_ai::engine::{Embedder, Precision};

/// The same bounds as `embed.spec.mjs`.
const COSINE_MIN: f32 = 0.99999;
const MAX_ABS_DIFF: f32 = 1e-5;

struct Golden {
    text: String,
    token_ids: Vec<u32>,
    embedding: Vec<f32>,
}

fn golden() -> Vec<Golden> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/__test__/fixtures/golden.json");
    let raw = std::fs::read_to_string(path).expect("the golden fixture");
    let json: serde_json::Value = serde_json::from_str(&raw).expect("golden.json is JSON");
    let numbers = |v: &serde_json::Value| -> Vec<f64> {
        v.as_array()
            .expect("an array")
            .iter()
            .map(|n| n.as_f64().expect("a number"))
            .collect()
    };
    json["texts"]
        .as_array()
        .expect("texts")
        .iter()
        .map(|entry| Golden {
            text: entry["text"].as_str().expect("text").to_string(),
            token_ids: numbers(&entry["token_ids"])
                .into_iter()
                .map(|n| n as u32)
                .collect(),
            embedding: numbers(&entry["embedding"])
                .into_iter()
                .map(|n| n as f32)
                .collect(),
        })
        .collect()
}

fn assert_close(actual: &[f32], entry: &Golden, how: &str) {
    let label: String = entry.text.chars().take(40).collect();
    assert_eq!(
        actual.len(),
        entry.embedding.len(),
        "{how}: {label:?} length"
    );
    let similarity = cosine(actual, &entry.embedding);
    let max_diff = actual
        .iter()
        .zip(&entry.embedding)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0f32, f32::max);
    assert!(
        similarity >= COSINE_MIN,
        "{how}: {label:?} cosine {similarity}"
    );
    assert!(
        max_diff <= MAX_ABS_DIFF,
        "{how}: {label:?} max |diff| {max_diff}"
    );
}

#[test]
fn encoder_equals_sentence_transformers_on_every_golden_text() {
    let golden = golden();
    assert!(golden.len() >= 40, "the fixture lost texts");
    let embedder = Embedder::load(&model_dir(), Precision::F32).expect("the model (npm run model)");
    let texts: Vec<&str> = golden.iter().map(|g| g.text.as_str()).collect();

    let ids = embedder.tokenize(&texts).expect("tokenizing");
    for (entry, ids) in golden.iter().zip(&ids) {
        assert_eq!(ids, &entry.token_ids, "token ids of {:?}", entry.text);
    }
    for entry in &golden {
        let vector = embedder.embed(&[entry.text.as_str()]).expect("embedding");
        assert_close(&vector[0], entry, "alone");
    }
    let batch = embedder.embed(&texts).expect("embedding the batch");
    for (vector, entry) in batch.iter().zip(&golden) {
        assert_close(vector, entry, "in one batch");
    }
}

/// int8's quality bar against sentence-transformers, on every golden text: worst cosine
/// ≥ 0.995, mean ≥ 0.999 (the golden texts were never used to choose int8's settings).
#[test]
fn int8_meets_the_quality_bar_on_every_golden_text() {
    let golden = golden();
    let embedder =
        Embedder::load(&model_dir(), Precision::Int8).expect("the model (npm run model)");
    assert_eq!(embedder.info().precision, Precision::Int8);
    let texts: Vec<&str> = golden.iter().map(|g| g.text.as_str()).collect();
    let vectors = embedder.embed(&texts).expect("embedding");
    let cosines: Vec<f32> = vectors
        .iter()
        .zip(&golden)
        .map(|(v, g)| cosine(v, &g.embedding))
        .collect();
    let worst = cosines.iter().copied().fold(1.0, f32::min);
    let mean = cosines.iter().sum::<f32>() / cosines.len() as f32;
    eprintln!("int8 against sentence-transformers: worst cosine {worst:.5}, mean {mean:.6}");
    assert!(worst >= 0.995, "worst golden cosine in int8: {worst}");
    assert!(mean >= 0.999, "mean golden cosine in int8: {mean}");
    assert!(
        worst < 0.99999,
        "int8 vectors equal fp32's: int8 did not run"
    );
}
