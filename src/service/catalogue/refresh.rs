//! Keeping the catalogue fresh without a call paying for the board.
//!
//! - The first call of a process fills it from the database's last snapshot when there is
//!   one (chunks of binary, checked whole), else by listing the board once.
//! - When the refresh interval has passed, a listing runs in the background: the active
//!   postings' ids, the embeddings written since the newest one seen (a watermark on
//!   `updatedAt`, with an overlap), the postings with cached embeddings, and the skills lists
//!   of postings new or changed since. Calls go on meanwhile with the catalogue they have.
//!   With an interval of 0, every call lists before it answers (tests, tiny boards).
//! - After a listing, when the database's snapshot is older than `snapshotSeconds`, the
//!   catalogue is written as a new one, in the background.
//!
//! Why a watermark and a listing, not change streams: change streams need a replica set
//! (neither a standalone `mongod` nor the local test server has them), and the seed's
//! postings carry no `updatedAt` to watch. A posting closed between listings is caught where
//! it matters: each recommendation candidate is checked to be active before it is compared
//! (`Service::catalogue_candidates`).

use std::sync::Arc;

use super::{snapshot, Board};
use crate::engine::MODEL_NAME;
use crate::error::Result;
use crate::store::{fresh_since, Cache, Storage};

/// What a listing needs, shared with the background task that runs it.
pub struct Keeper {
    store: Arc<dyn Storage>,
    board: Arc<tokio::sync::Mutex<Board>>,
    /// Held by the listing in progress: concurrent first calls share one listing, and at
    /// most one background listing runs.
    listing: Arc<tokio::sync::Mutex<()>>,
    /// False with a vector-search index: only the skills lists are kept, not the vectors.
    with_rows: bool,
    /// The snapshot's key: the model, the limits and the layout it was made under.
    tag: String,
    snapshot_every: std::time::Duration,
    refresh_every: std::time::Duration,
    /// Set while this process writes a snapshot, so it writes one at a time.
    writing: Arc<std::sync::atomic::AtomicBool>,
    /// Listings completed (the first fill included, a start from a snapshot not).
    listings: Arc<std::sync::atomic::AtomicU64>,
}

impl Keeper {
    pub fn new(
        store: Arc<dyn Storage>,
        board: Arc<tokio::sync::Mutex<Board>>,
        settings: &super::super::Settings,
    ) -> Self {
        Self {
            store,
            board,
            listing: Arc::default(),
            with_rows: settings.vector_search_index.is_none(),
            tag: format!(
                "{MODEL_NAME} {} layout {}",
                settings.limits.fingerprint(),
                snapshot::LAYOUT
            ),
            snapshot_every: settings.catalogue_snapshot_every,
            refresh_every: settings.catalogue_refresh,
            writing: Arc::default(),
            listings: Arc::default(),
        }
    }

    fn clone_for_background(&self) -> Self {
        Self {
            store: self.store.clone(),
            board: self.board.clone(),
            listing: self.listing.clone(),
            with_rows: self.with_rows,
            tag: self.tag.clone(),
            snapshot_every: self.snapshot_every,
            refresh_every: self.refresh_every,
            writing: self.writing.clone(),
            listings: self.listings.clone(),
        }
    }

    /// Listings completed so far.
    pub fn listings(&self) -> u64 {
        self.listings.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Fills the catalogue on first use, lists again when due (in the background, or before
    /// answering when the interval is 0), and drops rows past the embeddings' TTL.
    pub async fn refresh(&self) -> Result<()> {
        let every_call = self.refresh_every.is_zero();
        let (never, due) = self.state().await;
        if never || (due && every_call) {
            let _listing = self.listing.lock().await;
            let (never, due) = self.state().await;
            // Never filled: from the snapshot if there is one. Listed before answering when
            // the snapshot is missing, or when every call lists (and another call has not
            // just done so while this one waited).
            let loaded = never && self.load_snapshot().await?;
            if !loaded && (never || (due && every_call)) {
                self.list().await?;
            }
        }
        let (_, due) = self.state().await;
        if due && !every_call {
            if let Ok(guard) = self.listing.clone().try_lock_owned() {
                let keeper = self.clone_for_background();
                tokio::spawn(async move {
                    let _listing = guard;
                    // A failed listing leaves the catalogue as it was; the next call that
                    // finds it due tries again.
                    let _ = keeper.list().await;
                });
            }
        }
        self.board
            .lock()
            .await
            .expire(fresh_since(Cache::JobEmbeddings.ttl()));
        Ok(())
    }

    async fn state(&self) -> (bool, bool) {
        let board = self.board.lock().await;
        (board.never_listed(), board.due(self.refresh_every))
    }

    /// Starts from the database's snapshot; false when there is none (or it is damaged).
    async fn load_snapshot(&self) -> Result<bool> {
        let Some(blob) = self.store.snapshot(&self.tag).await? else {
            return Ok(false);
        };
        let Some(mut loaded) = snapshot::decode(&blob) else {
            return Ok(false);
        };
        loaded.loaded_from_snapshot(blob.len());
        *self.board.lock().await = loaded;
        Ok(true)
    }

    /// Lists the active postings and what changed since the last listing, then writes a
    /// snapshot when the database's is due for one.
    async fn list(&self) -> Result<()> {
        if let Some(blob) = self.list_board(true).await? {
            self.write_in_background(blob);
        }
        Ok(())
    }

    /// The listing itself; with `snapshot_if_due`, the catalogue encoded as a snapshot when
    /// the database's is due for one.
    async fn list_board(&self, snapshot_if_due: bool) -> Result<Option<Vec<u8>>> {
        let started = std::time::Instant::now();
        let since = self.board.lock().await.changes_since();
        let ttl = Cache::JobEmbeddings.ttl();
        let store = &*self.store;
        let (active, changed, cached) = if self.with_rows {
            tokio::try_join!(
                store.active_job_ids_matching(bson::Document::new()),
                store.job_vectors(&super::MATCH_SECTIONS, since, ttl),
                store.job_embedding_ids(ttl),
            )?
        } else {
            let active = store.active_job_ids_matching(bson::Document::new()).await?;
            (active, Vec::new(), Default::default())
        };
        let wanted = self.board.lock().await.skills_to_read(&active, &changed);
        let skills = store.posting_skills(&wanted).await?;
        let snapshot_due = snapshot_if_due && self.snapshot_due().await?;
        let mut board = self.board.lock().await;
        board.apply_listing(&active, changed, &cached, skills);
        self.listings
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        tracing::debug!(
            target: "resume_ai::catalogue",
            postings = board.stats().postings,
            listingMs = (started.elapsed().as_secs_f64() * 1e6).round() / 1e3,
            "catalogue listed"
        );
        Ok(snapshot_due.then(|| snapshot::encode(&board)))
    }

    async fn snapshot_due(&self) -> Result<bool> {
        if self.writing.load(std::sync::atomic::Ordering::Acquire) {
            return Ok(false);
        }
        let written = self.store.snapshot_written_at(&self.tag).await?;
        Ok(written.is_none_or(|at| {
            let age = chrono::Utc::now() - at.to_chrono();
            age.to_std().unwrap_or_default() >= self.snapshot_every
        }))
    }

    fn write_in_background(&self, blob: Vec<u8>) {
        use std::sync::atomic::Ordering;
        if self.writing.swap(true, Ordering::AcqRel) {
            return;
        }
        let (store, tag, writing, board) = (
            self.store.clone(),
            self.tag.clone(),
            self.writing.clone(),
            self.board.clone(),
        );
        tokio::spawn(async move {
            // A failed write leaves the previous snapshot current; a later listing tries again.
            if store.put_snapshot(&tag, &blob).await.is_ok() {
                board.lock().await.snapshot_bytes = blob.len();
            }
            writing.store(false, Ordering::Release);
        });
    }

    /// Lists the board and writes the catalogue as the database's snapshot now
    /// (`saveCatalogueSnapshot`): after a backfill, so that the processes started next begin
    /// from it. Listing first means a snapshot never repeats an older one's content as new.
    /// Returns the snapshot's bytes.
    pub async fn save_snapshot(&self) -> Result<usize> {
        // The listing fills a catalogue this process has not filled yet, so no `refresh`
        // first: it would list (or load) the board once more for nothing.
        let blob = {
            let _listing = self.listing.lock().await;
            self.list_board(false).await?;
            snapshot::encode(&*self.board.lock().await)
        };
        self.store.put_snapshot(&self.tag, &blob).await?;
        self.board.lock().await.snapshot_bytes = blob.len();
        Ok(blob.len())
    }
}
