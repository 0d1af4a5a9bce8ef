//! Which matmuls int8 may take: the cosine each one costs when it alone runs in int8 (all
//! others fp32), then all of them in int8 with the most sensitive kept in fp32, one more at a
//! time. Measured against our fp32 vectors (equal to sentence-transformers' to 1e-5) on
//! calibration texts from `bench/inputs.json`, never on the golden texts that the quality bar
//! is checked on. `cargo run --release --no-default-features --example int8_sensitivity`
//! (about 15 minutes on 2 cores; `-- FIRST LAST` measures layers FIRST..=LAST alone).
use resume_ai::config::model_dir;
use resume_ai::domain::matching::cosine;
use resume_ai::engine::{Embedder, Matmul, Precision, PrecisionPlan};

const LAYERS: usize = 12;

fn calibration_texts() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/inputs.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("bench/inputs.json")).unwrap();
    let strings = |key: &str, n: usize| -> Vec<String> {
        json[key]
            .as_array()
            .unwrap()
            .iter()
            .take(n)
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let mut texts = strings("paragraphs", 48);
    texts.extend(strings("skills", 48));
    texts.push(json["sentence10"].as_str().unwrap().to_string());
    texts.push(json["paragraph120"].as_str().unwrap().to_string());
    texts
}

/// (worst, mean) cosine of `plan`'s vectors against `reference`.
fn quality(plan: &PrecisionPlan, texts: &[&str], reference: &[Vec<f32>]) -> (f32, f32) {
    let embedder =
        Embedder::load_with_plan(&model_dir(), plan, false).expect("the model (npm run model)");
    let vectors = embedder.embed(texts).expect("embedding");
    let cosines: Vec<f32> = vectors
        .iter()
        .zip(reference)
        .map(|(v, r)| cosine(v, r))
        .collect();
    let worst = cosines.iter().copied().fold(1.0, f32::min);
    (worst, cosines.iter().sum::<f32>() / cosines.len() as f32)
}

fn main() {
    let owned = calibration_texts();
    let texts: Vec<&str> = owned.iter().map(String::as_str).collect();
    let reference = Embedder::load(&model_dir(), Precision::F32)
        .unwrap()
        .embed(&texts)
        .unwrap();
    println!("{} calibration texts; cosine against fp32", texts.len());
    let all_int8 = quality(&PrecisionPlan::of_all(Precision::Int8), &texts, &reference);
    println!(
        "all 48 matmuls int8: worst {:.5}, mean {:.6}\n",
        all_int8.0, all_int8.1
    );

    println!("| layer | matmul | worst cosine, it alone int8 | mean | mean loss ×1e6 |");
    println!("|---:|---|---:|---:|---:|");
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let layers = match args[..] {
        [first, last] => first..=last,
        _ => 0..=LAYERS - 1,
    };
    let mut costs = Vec::new();
    for layer in layers {
        for matmul in Matmul::ALL {
            let plan = PrecisionPlan {
                default: Precision::F32,
                exceptions: vec![(layer, matmul, Precision::Int8)],
            };
            let (worst, mean) = quality(&plan, &texts, &reference);
            println!(
                "| {layer} | {} | {worst:.5} | {mean:.6} | {:.1} |",
                matmul.name(),
                (1.0 - mean) * 1e6
            );
            costs.push((1.0 - mean, layer, matmul));
        }
    }
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("\nall int8 but the most sensitive kept fp32:");
    println!("| kept fp32 | worst | mean |");
    println!("|---|---:|---:|");
    for kept in 1..=costs.len().min(6) {
        let plan = PrecisionPlan {
            default: Precision::Int8,
            exceptions: costs[..kept]
                .iter()
                .map(|&(_, l, m)| (l, m, Precision::F32))
                .collect(),
        };
        let (worst, mean) = quality(&plan, &texts, &reference);
        let names: Vec<String> = costs[..kept]
            .iter()
            .map(|(_, l, m)| format!("{l}.{}", m.name()))
            .collect();
        println!("| {} | {worst:.5} | {mean:.6} |", names.join(", "));
    }
}
