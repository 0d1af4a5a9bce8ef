//! The text → vector path (`service::vectors`) against the real server with a counting stub
//! model: each distinct text reaches the model once; the in-process LRU answers repeats; a new
//! process (a fresh `TextVectors`) finds the vectors in `textembeddings` instead of the model;
//! two processes asked for the same new texts at once embed each once between them
//! (`textclaims`), and a claim its owner left behind is taken over once it expires.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use bson::{doc, Document};
use resume_ai::engine::{EngineHandle, Model, ModelInfo, MODEL_NAME};
use resume_ai::error::Result;
use resume_ai::service::vectors::TextVectors;
use resume_ai::store::{text_key, ObjectId, Store, StoreConfig};

/// Embeds a text as `[length, first byte]`, so vectors are told apart without a model.
struct Stub(ModelInfo);

impl Model for Stub {
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        stub_vectors(texts)
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

fn stub_vectors(texts: &[&str]) -> Result<Vec<Vec<f32>>> {
    Ok(texts
        .iter()
        .map(|t| vec![t.len() as f32, f32::from(t.bytes().next().unwrap_or(0))])
        .collect())
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

/// The stub, taking `delay` per call: long enough that another process's request for the same
/// texts arrives while this one is still embedding them.
struct SlowStub(ModelInfo, Duration);

impl Model for SlowStub {
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        std::thread::sleep(self.1);
        stub_vectors(texts)
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

fn slow_engine(delay: Duration) -> EngineHandle {
    EngineHandle::start_with(Box::new(move |_| {
        Ok(Box::new(SlowStub(ModelInfo::own_model("stub", 2, 1), delay)) as Box<dyn Model>)
    }))
}

/// One "process": its own connection, model and text vectors.
struct Process {
    store: Store,
    engine: EngineHandle,
    vectors: TextVectors,
}

async fn process(uri: &str, name: &str) -> Process {
    let store = Store::connect(StoreConfig::new(uri, name))
        .await
        .expect("connect");
    store.ensure_indexes().await.expect("indexes");
    Process {
        store,
        engine: slow_engine(Duration::from_millis(300)),
        vectors: TextVectors::default(),
    }
}

fn fresh_name() -> String {
    format!("resume_ai_test_{}", ObjectId::new().to_hex())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_asked_for_the_same_new_texts_at_once_embed_each_once() {
    let uri = std::env::var("MONGODB_URI").expect("MONGODB_URI is not set");
    let name = fresh_name();
    let (a, b) = (process(&uri, &name).await, process(&uri, &name).await);
    let texts: Vec<String> = (0..60).map(|i| format!("Skill number {i}")).collect();
    // Overlapping requests in different orders, several rounds: each round's second half is
    // new to both.
    for round in texts.chunks(20) {
        let forward: Vec<&str> = round.iter().map(String::as_str).collect();
        let backward: Vec<&str> = forward.iter().rev().copied().collect();
        let (got_a, got_b) = tokio::join!(
            a.vectors.get(&a.store, &a.engine, &forward),
            b.vectors.get(&b.store, &b.engine, &backward),
        );
        let (got_a, got_b) = (got_a.unwrap(), got_b.unwrap());
        assert_eq!(got_a.len(), round.len());
        assert_eq!(got_a, got_b, "both see the same vectors");
    }
    let embedded = a.engine.stats().texts_embedded + b.engine.stats().texts_embedded;
    assert_eq!(
        embedded,
        texts.len() as u64,
        "each text embedded once in all"
    );

    let client = mongodb::Client::with_uri_str(&uri).await.unwrap();
    let db = client.database(&name);
    let stored: Vec<Document> =
        collect(db.collection("textembeddings").find(doc! {}).await.unwrap()).await;
    assert_eq!(stored.len(), texts.len());
    for entry in &stored {
        assert_eq!(
            entry.get_datetime("createdAt").unwrap(),
            entry.get_datetime("updatedAt").unwrap(),
            "written once: {:?}",
            entry.get("_id")
        );
    }
    let claims = db
        .collection::<Document>("textclaims")
        .count_documents(doc! {})
        .await
        .unwrap();
    assert_eq!(
        claims, 0,
        "every claim released once its vectors were stored"
    );
    db.drop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_whose_owner_died_is_waited_for_then_taken_over() {
    let uri = std::env::var("MONGODB_URI").expect("MONGODB_URI is not set");
    let name = fresh_name();
    let p = process(&uri, &name).await;
    let client = mongodb::Client::with_uri_str(&uri).await.unwrap();
    let db = client.database(&name);
    // A process claimed "Orphan", then died before storing its vector.
    let lease_left = Duration::from_millis(1500);
    let expires = bson::DateTime::from_millis(
        bson::DateTime::now().timestamp_millis() + lease_left.as_millis() as i64,
    );
    db.collection::<Document>("textclaims")
        .insert_one(
            doc! { "_id": text_key(MODEL_NAME, "Orphan"), "owner": "dead", "expiresAt": expires },
        )
        .await
        .unwrap();

    let start = Instant::now();
    let got = p
        .vectors
        .get(&p.store, &p.engine, &["Orphan", "Other"])
        .await
        .unwrap();
    assert_eq!(&*got["Orphan"], &[6.0, f32::from(b'O')]);
    assert_eq!(&*got["Other"], &[5.0, f32::from(b'O')]);
    assert!(
        start.elapsed() >= lease_left - Duration::from_millis(100),
        "waited for the claim to expire"
    );
    assert_eq!(
        p.engine.stats().texts_embedded,
        2,
        "the free text at once, the orphan after"
    );
    db.drop().await.unwrap();
}

#[tokio::test]
async fn claims_are_exclusive_until_released_or_expired_and_never_refuse_their_owner() {
    let uri = std::env::var("MONGODB_URI").expect("MONGODB_URI is not set");
    let name = fresh_name();
    let store = Store::connect(StoreConfig::new(&uri, &name)).await.unwrap();
    let minute = chrono::Duration::seconds(60);
    let keys: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
    let set = |keys: &[&str]| keys.iter().map(|k| k.to_string()).collect::<HashSet<_>>();

    assert_eq!(
        store.claim_texts(&keys[..2], "A", minute).await.unwrap(),
        set(&["a", "b"])
    );
    assert_eq!(
        store.claim_texts(&keys, "B", minute).await.unwrap(),
        set(&["c"]),
        "a, b are A's"
    );
    assert_eq!(
        store.claim_texts(&keys, "A", minute).await.unwrap(),
        set(&["a", "b"]),
        "A renews its own"
    );
    store.release_texts(&keys, "B").await.unwrap(); // releases c only
    assert_eq!(
        store.claim_texts(&keys, "C", minute).await.unwrap(),
        set(&["c"])
    );
    store.release_texts(&keys[..1], "A").await.unwrap();
    assert_eq!(
        store.claim_texts(&keys, "B", minute).await.unwrap(),
        set(&["a"])
    );
    // An expired claim is anyone's.
    let gone = chrono::Duration::milliseconds(-1);
    assert_eq!(
        store.claim_texts(&keys[1..2], "A", gone).await.unwrap(),
        set(&["b"])
    );
    assert_eq!(
        store.claim_texts(&keys, "D", minute).await.unwrap(),
        set(&["b"])
    );

    let client = mongodb::Client::with_uri_str(&uri).await.unwrap();
    client.database(&name).drop().await.unwrap();
}

async fn collect(mut cursor: mongodb::Cursor<Document>) -> Vec<Document> {
    let mut docs = Vec::new();
    while cursor.advance().await.unwrap() {
        docs.push(cursor.deserialize_current().unwrap());
    }
    docs
}
