//! Text → vector, cheapest source first: an in-process LRU, then the per-text collection in
//! MongoDB, then the model. "Python" is embedded once for every resume and posting, and a
//! batch embeds only the texts never seen before, in one engine call.
//!
//! Once across processes, too: before running the model on texts found in no cache, a
//! [`TextVectors`] claims them in `textclaims` (one round trip) and embeds only those it got.
//! A text another process claimed is waited for — the text cache is polled until its vector
//! appears — and claimed again should that claim end without one (its owner failed or died:
//! a failure releases the claim at once, a dead process's claim lapses after
//! [`TEXT_CLAIM_LEASE_SECONDS`]). Within one instance, a text that another of its calls is
//! embedding is waited for in the same way; an instance never waits on a claim of its own.

use std::collections::{HashMap, HashSet};
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lru::LruCache;

use crate::engine::{EngineHandle, MODEL_NAME};
use crate::error::Result;
use crate::observe::{cache_lookups, CacheKind};
use crate::store::ttl::{TEXT_CLAIM_LEASE_SECONDS, TEXT_EMBEDDING_TTL_DAYS};
use crate::store::{text_key, ObjectId, TextCache};

/// In-process vectors kept (768 f32 = 3 KB each, so ~60 MB at most).
const LRU_CAPACITY: usize = 20_000;
/// First wait before looking again for texts another process (or call) is embedding; doubled
/// after each look, up to [`CLAIM_POLL_MAX`]: a short step's texts show up within the first
/// waits, a long one costs a query a second.
const CLAIM_POLL_FIRST: Duration = Duration::from_millis(100);
const CLAIM_POLL_MAX: Duration = Duration::from_secs(1);

pub type Vector = Arc<[f32]>;

pub struct TextVectors {
    recent: Mutex<LruCache<String, Vector>>,
    /// This instance's name in `textclaims`: the process id and an ObjectId (unique across
    /// hosts), so two clients of one process claim apart, like two processes.
    owner: String,
    /// Keys this instance's calls have claimed and are embedding now.
    embedding: Mutex<HashSet<String>>,
}

impl Default for TextVectors {
    fn default() -> Self {
        Self {
            recent: Mutex::new(LruCache::new(NonZeroUsize::new(LRU_CAPACITY).unwrap())),
            owner: format!("{}-{}", std::process::id(), ObjectId::new().to_hex()),
            embedding: Mutex::new(HashSet::new()),
        }
    }
}

/// A text still without a vector, and its cache key.
type Pending<'t> = (&'t str, String);

impl TextVectors {
    /// Vectors for every distinct text in `texts`, keyed by text.
    pub async fn get(
        &self,
        store: &dyn TextCache,
        engine: &EngineHandle,
        texts: &[&str],
    ) -> Result<HashMap<String, Vector>> {
        let mut found: HashMap<String, Vector> = HashMap::new();
        let mut missing: Vec<&str> = Vec::new();
        let mut seen = HashSet::new();
        {
            let mut recent = self.lock_recent();
            for &text in texts.iter().filter(|t| seen.insert(**t)) {
                match recent.get(text) {
                    Some(v) => drop(found.insert(text.to_string(), v.clone())),
                    None => missing.push(text),
                }
            }
        }
        cache_lookups(CacheKind::TextMemory, found.len(), missing.len());
        if missing.is_empty() {
            return Ok(found);
        }

        let mut pending: Vec<Pending> = missing
            .iter()
            .map(|t| (*t, text_key(MODEL_NAME, t)))
            .collect();
        self.look_up(store, engine, &mut pending, &mut found, false)
            .await?;
        // Counted on this first look only: the looks while waiting for another process
        // find texts that were misses here.
        let stored = missing.len() - pending.len();
        cache_lookups(CacheKind::TextEmbeddings, stored, pending.len());
        let mut wait = CLAIM_POLL_FIRST;
        while !pending.is_empty() {
            let claimed = self
                .claim_and_embed(store, engine, &pending, &mut found)
                .await?;
            pending.retain(|(_, key)| !claimed.contains(key));
            if pending.is_empty() {
                break;
            }
            // Held by another process, or by another call of this instance: wait for it.
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(CLAIM_POLL_MAX);
            self.look_up(store, engine, &mut pending, &mut found, true)
                .await?;
        }
        Ok(found)
    }

    /// Moves the texts of `pending` that have a vector — in the LRU when `recent` (another
    /// call of this instance may have just embedded it), else fresh and intact in the text
    /// cache — into `found`.
    async fn look_up(
        &self,
        store: &dyn TextCache,
        engine: &EngineHandle,
        pending: &mut Vec<Pending<'_>>,
        found: &mut HashMap<String, Vector>,
        recent: bool,
    ) -> Result<()> {
        if recent {
            let mut lru = self.lock_recent();
            pending.retain(|(text, _)| match lru.get(*text) {
                Some(v) => {
                    found.insert(text.to_string(), v.clone());
                    false
                }
                None => true,
            });
        }
        if pending.is_empty() {
            return Ok(());
        }
        let keys: Vec<String> = pending.iter().map(|(_, key)| key.clone()).collect();
        let stored = intact(engine, store.text_vectors(&keys, max_age()).await?);
        let mut hits = Vec::new();
        pending.retain(|(text, key)| match stored.get(key) {
            Some(v) => {
                hits.push((text.to_string(), v.clone()));
                false
            }
            None => true,
        });
        self.remember(hits, found);
        Ok(())
    }

    /// Claims what of `pending` no call of this instance is embedding, then embeds and stores
    /// the texts claimed that still have no vector; returns the keys claimed (all resolved).
    async fn claim_and_embed(
        &self,
        store: &dyn TextCache,
        engine: &EngineHandle,
        pending: &[Pending<'_>],
        found: &mut HashMap<String, Vector>,
    ) -> Result<HashSet<String>> {
        let mut mine = Embedding::take(&self.embedding, pending);
        if mine.keys.is_empty() {
            return Ok(HashSet::new());
        }
        let lease = chrono::Duration::seconds(TEXT_CLAIM_LEASE_SECONDS);
        let claimed = store.claim_texts(&mine.keys, &self.owner, lease).await?;
        mine.keep(&claimed);
        if claimed.is_empty() {
            return Ok(claimed);
        }
        let outcome = self
            .embed_claimed(store, engine, pending, &claimed, found)
            .await;
        // On success the vectors are stored and the claims are only clutter; on failure they
        // would hold the other processes off until the lease ends. Best effort either way:
        // what stays lapses with its lease, and this instance's own claims never hold it off.
        let _ = store.release_texts(&mine.keys, &self.owner).await;
        outcome.map(|()| claimed)
    }

    async fn embed_claimed(
        &self,
        store: &dyn TextCache,
        engine: &EngineHandle,
        pending: &[Pending<'_>],
        claimed: &HashSet<String>,
        found: &mut HashMap<String, Vector>,
    ) -> Result<()> {
        let mut todo: Vec<Pending> = pending
            .iter()
            .filter(|(_, key)| claimed.contains(key))
            .cloned()
            .collect();
        // Another process may have stored some between this call's read and its claim (and
        // released its own claim since): read again rather than embed them a second time.
        self.look_up(store, engine, &mut todo, found, false).await?;
        if todo.is_empty() {
            return Ok(());
        }
        let computed = engine
            .embed(todo.iter().map(|(t, _)| t.to_string()).collect())
            .await?;
        // Remembered before the write: should the write fail, a retry finds the vectors
        // here instead of running the model again.
        let entries: Vec<(String, &[f32])> = todo
            .iter()
            .zip(&computed)
            .map(|((_, key), v)| (key.clone(), v.as_slice()))
            .collect();
        self.remember(
            todo.iter()
                .zip(&computed)
                .map(|((text, _), v)| (text.to_string(), Arc::from(v.as_slice()))),
            found,
        );
        store.put_text_vectors(MODEL_NAME, &entries).await
    }

    fn lock_recent(&self) -> std::sync::MutexGuard<'_, LruCache<String, Vector>> {
        self.recent.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn remember(
        &self,
        vectors: impl IntoIterator<Item = (String, Vector)>,
        found: &mut HashMap<String, Vector>,
    ) {
        let mut recent = self.lock_recent();
        for (text, v) in vectors {
            recent.put(text.clone(), v.clone());
            found.insert(text, v);
        }
    }
}

fn max_age() -> chrono::Duration {
    chrono::Duration::days(TEXT_EMBEDDING_TTL_DAYS)
}

/// The stored vectors of the right length. One of another length than the model's (or, before
/// the model has loaded here, than the others read) is damaged: embedded again and overwritten.
fn intact(engine: &EngineHandle, stored: HashMap<String, Vec<f32>>) -> HashMap<String, Vector> {
    let dimension = engine
        .dimension()
        .or_else(|| stored.values().next().map(Vec::len));
    stored
        .into_iter()
        .filter(|(_, v)| Some(v.len()) == dimension)
        .map(|(key, v)| (key, Arc::from(v.as_slice())))
        .collect()
}

/// Keys a call of this instance is embedding, marked in the instance's set until dropped (so
/// also when the call fails or is dropped midway).
struct Embedding<'a> {
    set: &'a Mutex<HashSet<String>>,
    keys: Vec<String>,
}

impl<'a> Embedding<'a> {
    /// Marks the keys of `pending` that no other call of the instance has marked.
    fn take(set: &'a Mutex<HashSet<String>>, pending: &[Pending<'_>]) -> Self {
        let mut marked = set.lock().unwrap_or_else(|p| p.into_inner());
        let keys = pending
            .iter()
            .filter(|(_, key)| marked.insert(key.clone()))
            .map(|(_, key)| key.clone())
            .collect();
        Self { set, keys }
    }

    /// Unmarks the keys not in `kept`.
    fn keep(&mut self, kept: &HashSet<String>) {
        let mut marked = self.set.lock().unwrap_or_else(|p| p.into_inner());
        self.keys.retain(|key| {
            let keep = kept.contains(key);
            if !keep {
                marked.remove(key);
            }
            keep
        });
    }
}

impl Drop for Embedding<'_> {
    fn drop(&mut self) {
        let mut marked = self.set.lock().unwrap_or_else(|p| p.into_inner());
        for key in &self.keys {
            marked.remove(key);
        }
    }
}
