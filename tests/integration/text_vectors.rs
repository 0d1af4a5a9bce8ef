//! The text → vector path (`service::vectors`) against the real server with a counting stub
//! model: each distinct text reaches the model once; the in-process LRU answers repeats; a new
//! process (a fresh `TextVectors`) finds the vectors in `textembeddings` instead of the model.

use resume_ai::engine::{EngineHandle, Model, ModelInfo};
use resume_ai::error::Result;
use resume_ai::service::vectors::TextVectors;
use resume_ai::store::{ObjectId, Store, StoreConfig};

/// Embeds a text as `[length, first byte]`, so vectors are told apart without a model.
struct Stub(ModelInfo);

impl Model for Stub {
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        Ok(texts
            .iter()
            .map(|t| vec![t.len() as f32, f32::from(t.bytes().next().unwrap_or(0))])
            .collect())
    }
    fn tokenize(&self, texts: &[&str]) -> Result<Vec<Vec<u32>>> {
        Ok(texts.iter().map(|_| Vec::new()).collect())
    }
    fn info(&self) -> &ModelInfo {
        &self.0
    }
    fn forward_passes(&self) -> u64 {
        0
    }
}

fn stub_engine() -> EngineHandle {
    EngineHandle::start_with(Box::new(|_| {
        Ok(Box::new(Stub(ModelInfo::own_model("stub", 2, 1))) as Box<dyn Model>)
    }))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_text_reaches_the_model_once_then_the_lru_then_the_collection_answer() {
    let uri = std::env::var("MONGODB_URI").expect("MONGODB_URI is not set");
    let name = format!("resume_ai_test_{}", ObjectId::new().to_hex());
    let store = Store::connect(StoreConfig::new(&uri, &name))
        .await
        .expect("connect");
    let engine = stub_engine();
    let embedded = |engine: &EngineHandle| engine.stats().texts_embedded;

    let first = TextVectors::default();
    let got = first
        .get(&store, &engine, &["Python", "Go", "Python"])
        .await
        .unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!(&*got["Python"], &[6.0, f32::from(b'P')]);
    assert_eq!(embedded(&engine), 2, "duplicates embedded once");

    let got = first
        .get(&store, &engine, &["Python", "Rust"])
        .await
        .unwrap();
    assert_eq!(
        embedded(&engine),
        3,
        "Python from the LRU, only Rust embedded"
    );
    assert_eq!(&*got["Rust"], &[4.0, f32::from(b'R')]);

    // Another process: an empty LRU, the same collection.
    let second = TextVectors::default();
    let got = second
        .get(&store, &engine, &["Go", "Rust", "Python"])
        .await
        .unwrap();
    assert_eq!(embedded(&engine), 3, "all three read from textembeddings");
    assert_eq!(&*got["Go"], &[2.0, f32::from(b'G')]);

    let client = mongodb::Client::with_uri_str(&uri).await.unwrap();
    client.database(&name).drop().await.unwrap();
}
