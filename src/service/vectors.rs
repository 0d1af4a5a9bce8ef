//! Text → vector, cheapest source first: an in-process LRU, then the per-text collection in
//! MongoDB, then the model. "Python" is embedded once for every resume and posting, and a
//! batch embeds only the texts never seen before, in one engine call.

use std::collections::{HashMap, HashSet};
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};

use lru::LruCache;

use crate::engine::{EngineHandle, MODEL_NAME};
use crate::error::Result;
use crate::store::ttl::TEXT_EMBEDDING_TTL_DAYS;
use crate::store::{text_key, TextCache};

/// In-process vectors kept (768 f32 = 3 KB each, so ~60 MB at most).
const LRU_CAPACITY: usize = 20_000;

pub type Vector = Arc<[f32]>;

pub struct TextVectors {
    recent: Mutex<LruCache<String, Vector>>,
}

impl Default for TextVectors {
    fn default() -> Self {
        Self {
            recent: Mutex::new(LruCache::new(NonZeroUsize::new(LRU_CAPACITY).unwrap())),
        }
    }
}

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
            let mut recent = self.recent.lock().unwrap_or_else(|p| p.into_inner());
            for &text in texts.iter().filter(|t| seen.insert(**t)) {
                match recent.get(text) {
                    Some(v) => drop(found.insert(text.to_string(), v.clone())),
                    None => missing.push(text),
                }
            }
        }
        if missing.is_empty() {
            return Ok(found);
        }

        let keys: Vec<String> = missing.iter().map(|t| text_key(MODEL_NAME, t)).collect();
        let stored = store
            .text_vectors(&keys, chrono::Duration::days(TEXT_EMBEDDING_TTL_DAYS))
            .await?;
        // A stored vector of another length than the model's (or, before the model has loaded
        // here, than the others read) is damaged: embedded again and overwritten.
        let dimension = engine
            .dimension()
            .or_else(|| stored.values().next().map(Vec::len));
        let mut to_embed: Vec<(&str, &String)> = Vec::new();
        let mut fresh: Vec<(String, Vector)> = Vec::new();
        for (text, key) in missing.iter().zip(&keys) {
            match stored.get(key).filter(|v| Some(v.len()) == dimension) {
                Some(v) => fresh.push((text.to_string(), Arc::from(v.as_slice()))),
                None => to_embed.push((text, key)),
            }
        }

        if !to_embed.is_empty() {
            let computed = engine
                .embed(to_embed.iter().map(|(t, _)| t.to_string()).collect())
                .await?;
            // Remembered before the write: should the write fail, a retry finds the vectors
            // here instead of running the model again.
            let entries: Vec<(String, &[f32])> = to_embed
                .iter()
                .zip(&computed)
                .map(|((_, key), v)| ((*key).clone(), v.as_slice()))
                .collect();
            self.remember(
                to_embed
                    .iter()
                    .zip(&computed)
                    .map(|((text, _), v)| (text.to_string(), Arc::from(v.as_slice()))),
                &mut found,
            );
            store.put_text_vectors(MODEL_NAME, &entries).await?;
        }
        self.remember(fresh, &mut found);
        Ok(found)
    }

    fn remember(
        &self,
        vectors: impl IntoIterator<Item = (String, Vector)>,
        found: &mut HashMap<String, Vector>,
    ) {
        let mut recent = self.recent.lock().unwrap_or_else(|p| p.into_inner());
        for (text, v) in vectors {
            recent.put(text.clone(), v.clone());
            found.insert(text, v);
        }
    }
}
