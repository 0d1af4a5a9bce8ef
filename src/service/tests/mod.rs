//! The pipelines' rules without a database or the model: an in-memory store
//! ([`crate::store::memory`]) and a bag-of-words model. Freshness and TTL, `force`, the
//! per-document limits, aborts between steps, and recommendations against the exhaustive
//! ranking. (The same paths against MongoDB and all-mpnet-base-v2 are the Node tests.)

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use bson::{doc, Document};

use super::control::JOBS_PER_STEP;
use super::{Control, Options, Service, Settings};
use crate::engine::{EngineHandle, Model, ModelInfo};
use crate::error::{Error, Result};
use crate::store::memory::MemoryStore;
use crate::store::ttl::{COMPARISON_TTL_DAYS, RESUME_SCORE_TTL_DAYS};
use crate::store::{Cache, CacheKey, ObjectId};

mod damage;

/// Dimensions of the bag-of-words vectors.
const DIMENSION: usize = 64;

/// A model whose vector of a text counts its lowercase words, hashed into [`DIMENSION`]
/// buckets, normalised: texts that share words are similar, like a real model's. Counts the
/// texts it embeds.
struct WordModel {
    info: ModelInfo,
    embedded: Arc<AtomicUsize>,
}

impl Model for WordModel {
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        self.embedded.fetch_add(texts.len(), Ordering::SeqCst);
        Ok(texts.iter().map(|t| word_vector(t)).collect())
    }
    fn tokenize(&self, texts: &[&str]) -> Result<Vec<Vec<u32>>> {
        Ok(texts.iter().map(|t| vec![t.len() as u32]).collect())
    }
    fn info(&self) -> &ModelInfo {
        &self.info
    }
    fn forward_passes(&self) -> u64 {
        0
    }
}

fn word_vector(text: &str) -> Vec<f32> {
    let mut v = vec![0.0f32; DIMENSION];
    for word in text.to_lowercase().split(|c: char| !c.is_alphanumeric()) {
        if !word.is_empty() {
            // FNV-1a: stable across runs and platforms.
            let hash = word.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
            });
            v[(hash % DIMENSION as u64) as usize] += 1.0;
        }
    }
    v[DIMENSION - 1] += 0.01; // no zero vector for a text without words
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    v.iter().map(|x| x / norm).collect()
}

struct Fixture {
    store: Arc<MemoryStore>,
    service: Service,
    embedded: Arc<AtomicUsize>,
}

fn fixture_with(store: Arc<MemoryStore>, settings: Settings) -> Fixture {
    let embedded = Arc::new(AtomicUsize::new(0));
    let counter = embedded.clone();
    let engine = EngineHandle::start_with(Box::new(move |_| {
        Ok(Box::new(WordModel {
            info: ModelInfo::own_model("words", DIMENSION, 512),
            embedded: counter.clone(),
        }) as Box<dyn Model>)
    }));
    Fixture {
        service: Service::new(store.clone(), engine, settings),
        store,
        embedded,
    }
}

fn fixture() -> Fixture {
    fixture_with(Arc::new(MemoryStore::default()), Settings::default())
}

fn resume(skills: &[&str], title: &str) -> Document {
    doc! {
        "firstName": "Ada", "lastName": "Example", "email": "ada@example.com",
        "phone": "+44 20 7946 0000", "summary": format!("{title} who builds reliable services."),
        "skills": skills.to_vec(),
        "workExperience": [{
            "jobTitle": title, "company": "Acme",
            "startDate": "2018-01-01", "endDate": "present",
            "responsibilities": ["Built services", "Led code reviews"],
        }],
        "education": [{ "degree": "BSc Computer Science" }],
        "certifications": ["AWS Certified Developer"],
    }
}

fn posting(title: &str, skills: &[&str], status: &str) -> Document {
    doc! {
        "title": title, "company": format!("{title} Ltd"), "location": "Remote",
        "experienceLevel": "Mid", "status": status, "skills": skills.to_vec(),
        "requirements": [format!("3 years as {title}")],
        "description": format!("We hire a {title}."),
    }
}

fn hex(id: ObjectId) -> String {
    id.to_hex()
}

/// A Python + SQL backend resume and a matching open posting, stored in `f`'s store.
struct BackendPair {
    resume: ObjectId,
    job: ObjectId,
    /// Their hex ids, as the service takes them.
    r: String,
    j: String,
}

impl BackendPair {
    fn stored(f: &Fixture) -> Self {
        let resume = f
            .store
            .put_resume(resume(&["Python", "SQL"], "Backend Developer"));
        let job = f
            .store
            .put_job(posting("Backend Developer", &["Python", "SQL"], "active"));
        Self {
            resume,
            job,
            r: hex(resume),
            j: hex(job),
        }
    }
}

/// A control that aborts as soon as a report says some work is done.
fn aborting_after_first_step() -> (Control, Arc<AtomicBool>) {
    let flag = Arc::new(AtomicBool::new(false));
    let set = flag.clone();
    let control = Control::new(
        Some(flag.clone()),
        Some(Arc::new(move |p: super::Progress| {
            if p.done > 0 {
                set.store(true, Ordering::SeqCst);
            }
        })),
    );
    (control, flag)
}

#[tokio::test]
async fn a_fresh_score_is_served_from_cache_and_force_recomputes_it() {
    let f = fixture();
    let id = f
        .store
        .put_resume(resume(&["Python", "Django", "SQL"], "Backend Developer"));
    let first = f
        .service
        .score_resume(&hex(id), Options::default())
        .await
        .unwrap();
    // The resume changes; the cached score still answers until forced.
    let mut edited = resume(&[], "Backend Developer");
    edited.insert("_id", id);
    f.store.put_resume(edited);
    let cached = f
        .service
        .score_resume(&hex(id), Options::default())
        .await
        .unwrap();
    assert_eq!(cached.score.overall_score, first.score.overall_score);
    let forced = f
        .service
        .score_resume(&hex(id), Options::FORCE)
        .await
        .unwrap();
    assert!(forced.score.breakdown.skills < first.score.breakdown.skills);
    // And the forced result replaced the cached one.
    let after = f
        .service
        .score_resume(&hex(id), Options::default())
        .await
        .unwrap();
    assert_eq!(after.score.overall_score, forced.score.overall_score);
}

#[tokio::test]
async fn an_entry_older_than_its_ttl_is_a_miss() {
    let f = fixture();
    let id = f
        .store
        .put_resume(resume(&["Python", "Django", "SQL"], "Backend Developer"));
    let first = f
        .service
        .score_resume(&hex(id), Options::default())
        .await
        .unwrap();
    let mut edited = resume(&[], "Backend Developer");
    edited.insert("_id", id);
    f.store.put_resume(edited);

    f.store.age(
        Cache::ResumeScores,
        chrono::Duration::days(RESUME_SCORE_TTL_DAYS - 1),
    );
    let young = f
        .service
        .score_resume(&hex(id), Options::default())
        .await
        .unwrap();
    assert_eq!(
        young.score.breakdown.skills, first.score.breakdown.skills,
        "within the TTL"
    );

    f.store.age(Cache::ResumeScores, chrono::Duration::days(2));
    let old = f
        .service
        .score_resume(&hex(id), Options::default())
        .await
        .unwrap();
    assert!(
        old.score.breakdown.skills < first.score.breakdown.skills,
        "past the TTL"
    );
}

#[tokio::test]
async fn comparisons_are_cached_for_their_ttl_and_force_recomputes_them() {
    let f = fixture();
    let BackendPair {
        resume: resume_id,
        job,
        r,
        j,
    } = BackendPair::stored(&f);
    let first = f
        .service
        .compare_resume_job(&r, &j, Options::default())
        .await
        .unwrap();
    let embedded = f.embedded.load(Ordering::SeqCst);
    assert!(embedded > 0);

    // The posting now asks for other skills: the cache answers as before, without the model.
    let mut edited = posting("Backend Developer", &["Rust", "Kafka"], "active");
    edited.insert("_id", job);
    f.store.put_job(edited);
    let cached = f
        .service
        .compare_resume_job(&r, &j, Options::default())
        .await
        .unwrap();
    assert_eq!(cached.result.matched_skills, first.result.matched_skills);
    assert_eq!(
        f.embedded.load(Ordering::SeqCst),
        embedded,
        "no model call for a hit"
    );

    let forced = f
        .service
        .compare_resume_job(&r, &j, Options::FORCE)
        .await
        .unwrap();
    assert!(
        forced.result.matched_skills.is_empty(),
        "{:?}",
        forced.result.matched_skills
    );

    // Past the TTL the (forced, rewritten) entry is a miss too: recomputed, same answer.
    f.store.age(
        Cache::Comparisons,
        chrono::Duration::days(COMPARISON_TTL_DAYS + 1),
    );
    f.store.age(
        Cache::JobEmbeddings,
        chrono::Duration::days(COMPARISON_TTL_DAYS + 1),
    );
    let stale_key = CacheKey::Pair {
        resume: resume_id,
        job,
    };
    let before = f.store.cache_entry(Cache::Comparisons, &stale_key).unwrap();
    f.service
        .compare_resume_job(&r, &j, Options::default())
        .await
        .unwrap();
    let after = f.store.cache_entry(Cache::Comparisons, &stale_key).unwrap();
    assert!(after.get_datetime("updatedAt").unwrap() > before.get_datetime("updatedAt").unwrap());
}

#[tokio::test]
async fn limits_cut_documents_report_the_cut_and_key_the_cache() {
    let store = Arc::new(MemoryStore::default());
    let skills = ["Python", "SQL", "Django", "Docker", "Kubernetes"];
    let resume_id = store.put_resume(resume(&skills, "Backend Developer"));
    let job = store.put_job(posting("Backend Developer", &["Python"], "active"));
    let (r, j) = (hex(resume_id), hex(job));

    let whole = fixture_with(store.clone(), Settings::default());
    let full = whole
        .service
        .compare_resume_job(&r, &j, Options::default())
        .await
        .unwrap();
    assert!(full.truncated.is_empty());

    let mut settings = Settings::default();
    settings.limits.skills = 2;
    let cut = fixture_with(store.clone(), settings);
    let bounded = cut
        .service
        .compare_resume_job(&r, &j, Options::default())
        .await
        .unwrap();
    let skills_cut = bounded
        .truncated
        .get("resume.skills")
        .expect("the cut is reported");
    // Reported, so the entry cached under the default limits was not served under these.
    assert_eq!((skills_cut.kept, skills_cut.total), (2, 5));
    assert!(bounded.result.matched_skills.len() <= 2);

    // Back under the default limits, the entry the cut service wrote is not served either.
    let again = whole
        .service
        .compare_resume_job(&r, &j, Options::default())
        .await
        .unwrap();
    assert!(again.truncated.is_empty());
}

#[tokio::test]
async fn an_abort_between_steps_leaves_only_the_finished_steps_complete_entries() {
    let f = fixture();
    let resume_id = f.store.put_resume(resume(&["Python"], "Backend Developer"));
    let jobs: Vec<String> = (0..JOBS_PER_STEP * 2 + 5)
        .map(|i| {
            hex(f.store.put_job(posting(
                &format!("Engineer {i}"),
                &["Python", &format!("Tool {i}")],
                "active",
            )))
        })
        .collect();
    let (control, flag) = aborting_after_first_step();
    let error = f
        .service
        .batch_compare(&hex(resume_id), &jobs, 5, Options::default(), &control)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Aborted), "{error:?}");
    assert!(flag.load(Ordering::SeqCst));
    // One step of posting embeddings, each whole; no comparison was written.
    assert_eq!(f.store.cache_len(Cache::JobEmbeddings), JOBS_PER_STEP);
    for id in &jobs {
        let key = CacheKey::Job(id.parse().unwrap());
        if let Some(entry) = f.store.cache_entry(Cache::JobEmbeddings, &key) {
            let means = entry.get_document("meanEmbeddings").unwrap();
            for section in ["skills", "jobTitle", "requirements"] {
                assert!(means.contains_key(section), "{section} of {id}");
            }
        }
    }
    assert_eq!(f.store.cache_len(Cache::Comparisons), 0);

    // The next call finishes the rest and embeds only what is missing.
    let before = f.embedded.load(Ordering::SeqCst);
    let done = f
        .service
        .batch_compare(
            &hex(resume_id),
            &jobs,
            5,
            Options::default(),
            &Control::default(),
        )
        .await
        .unwrap();
    assert_eq!(done.len(), 5);
    assert_eq!(f.store.cache_len(Cache::JobEmbeddings), jobs.len());
    assert!(f.embedded.load(Ordering::SeqCst) > before);
}

#[tokio::test]
async fn the_last_stage_of_a_long_call_reports_progress_and_stops_on_abort() {
    let f = fixture();
    let resume_id = f.store.put_resume(resume(&["Python"], "Backend Developer"));
    let jobs: Vec<String> = (0..6)
        .map(|i| {
            hex(f
                .store
                .put_job(posting(&format!("Engineer {i}"), &["Python"], "active")))
        })
        .collect();
    // Embeddings first, so that the only work left is the comparisons.
    f.service
        .backfill_job_embeddings(Document::new(), Options::default(), &Control::default())
        .await
        .unwrap();
    let reports = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = reports.clone();
    let control = Control::new(
        None,
        Some(Arc::new(move |p: super::Progress| {
            seen.lock().unwrap().push((p.done, p.total))
        })),
    );
    f.service
        .batch_compare(&hex(resume_id), &jobs, 3, Options::default(), &control)
        .await
        .unwrap();
    let reports = reports.lock().unwrap().clone();
    let last = *reports.last().unwrap();
    assert_eq!(last.0, last.1, "ends at done == total: {reports:?}");
    assert!(
        last.1 > jobs.len(),
        "the comparisons count as work: {reports:?}"
    );
    assert!(
        reports.windows(2).all(|w| w[1].0 >= w[0].0),
        "done never goes back: {reports:?}"
    );

    // Aborted once the ranking is done: the comparisons are not computed.
    let flag = Arc::new(AtomicBool::new(false));
    let set = flag.clone();
    let total_jobs = jobs.len();
    let control = Control::new(
        Some(flag),
        Some(Arc::new(move |p: super::Progress| {
            if p.done >= total_jobs {
                set.store(true, Ordering::SeqCst);
            }
        })),
    );
    let error = f
        .service
        .batch_compare(&hex(resume_id), &jobs, 3, Options::FORCE, &control)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Aborted), "{error:?}");
}

#[tokio::test]
async fn recommendations_equal_the_exhaustive_ranking_of_open_unapplied_postings() {
    let f = fixture();
    let board = Board::new(&f);
    let recommended = board.recommend(&f).await;
    let candidates: Vec<String> = board
        .open
        .iter()
        .filter(|id| **id != board.applied)
        .map(|id| hex(*id))
        .collect();
    let exhaustive = f
        .service
        .batch_compare(
            &hex(board.resume),
            &candidates,
            5,
            Options::default(),
            &Control::default(),
        )
        .await
        .unwrap();
    assert_eq!(job_ids(&recommended), job_ids(&exhaustive));
    assert_eq!(recommended.len(), 5);
    let recommended_ids = job_ids(&recommended);
    assert!(!recommended_ids.contains(&hex(board.applied)), "applied");
    assert!(!recommended_ids.contains(&hex(board.closed)), "closed");

    // Closed and invalidated: it leaves the recommendations at once.
    let best = recommended[0].job_id.parse::<ObjectId>().unwrap();
    let mut closing = f.store.jobs_doc(&best);
    closing.insert("status", "closed");
    f.store.put_job(closing);
    f.service.invalidate_job(&hex(best)).await.unwrap();
    let after = board.recommend(&f).await;
    assert!(!job_ids(&after).contains(&hex(best)));
    assert_eq!(job_ids(&after)[..4], recommended_ids[1..]);
}

fn job_ids(comparisons: &[super::Comparison]) -> Vec<String> {
    comparisons.iter().map(|c| c.job_id.clone()).collect()
}

/// A Python backend resume, ten open postings of mixed professions (the first applied to by
/// `user-1`) and a closed one that would match best.
struct Board {
    resume: ObjectId,
    open: Vec<ObjectId>,
    applied: ObjectId,
    closed: ObjectId,
}

impl Board {
    fn new(f: &Fixture) -> Self {
        let resume = f.store.put_resume(resume(
            &["Python", "Django", "SQL", "Docker"],
            "Backend Developer",
        ));
        let titles = [
            ("Backend Developer", &["Python", "Django"][..]),
            ("Python Engineer", &["Python", "SQL"]),
            ("Data Engineer", &["SQL", "Spark"]),
            ("Frontend Developer", &["React", "CSS"]),
            ("DevOps Engineer", &["Docker", "Kubernetes"]),
            ("Nurse", &["Patient care"]),
            ("Accountant", &["Excel", "IFRS"]),
            ("Django Developer", &["Django", "Python", "Docker"]),
            ("Platform Engineer", &["Docker", "Python"]),
            ("Teacher", &["Lesson planning"]),
        ];
        let open: Vec<ObjectId> = titles
            .into_iter()
            .map(|(title, skills)| f.store.put_job(posting(title, skills, "active")))
            .collect();
        let closed = f.store.put_job(posting(
            "Senior Backend Developer",
            &["Python", "Django", "SQL", "Docker"],
            "closed",
        ));
        let applied = open[0];
        f.store.apply("user-1", applied);
        Self {
            resume,
            open,
            applied,
            closed,
        }
    }

    async fn recommend(&self, f: &Fixture) -> Vec<super::Comparison> {
        f.service
            .recommendations(
                "user-1",
                &hex(self.resume),
                5,
                Options::default(),
                &Control::default(),
            )
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn calls_are_admitted_in_arrival_order_a_bounded_number_at_once() {
    let f = fixture();
    let service = Arc::new(f.service);
    let mut running = Vec::new();
    for _ in 0..super::calls_in_flight() {
        running.push(service.admit().await);
    }
    // Every permit is taken: three later callers queue, in the order they arrive.
    let (order, mut admitted) = tokio::sync::mpsc::unbounded_channel();
    for caller in 0..3 {
        let (service, order) = (service.clone(), order.clone());
        tokio::spawn(async move {
            let _turn = service.admit().await;
            order.send(caller).unwrap();
        });
        tokio::task::yield_now().await; // caller `n` is queued before `n + 1` arrives
    }
    tokio::task::yield_now().await;
    assert!(
        admitted.try_recv().is_err(),
        "admitted while every permit was held"
    );
    running.pop(); // one call returns: the queue moves on, first come first served
    let mut seen = Vec::new();
    for _ in 0..3 {
        seen.push(admitted.recv().await.unwrap());
    }
    assert_eq!(seen, [0, 1, 2]);
}

#[tokio::test]
async fn the_skills_learn_x_ranks_follow_invalidate_job_and_force_at_once() {
    let f = fixture();
    f.store
        .put_job(posting("Backend Developer", &["Python", "Go"], "active"));
    let first = hex(f.store.put_resume(resume(&["Python"], "Developer")));
    let score = f
        .service
        .score_resume(&first, Options::default())
        .await
        .unwrap();
    assert!(!score
        .score
        .recommendations
        .contains(&"Learn Terraform".to_string()));
    // A posting asking for Terraform, announced by invalidateJob: the next score sees it.
    let opened = f.store.put_job(posting(
        "Platform Engineer",
        &["Python", "Terraform"],
        "active",
    ));
    f.service.invalidate_job(&hex(opened)).await.unwrap();
    let second = hex(f.store.put_resume(resume(&["Python"], "Developer")));
    let score = f
        .service
        .score_resume(&second, Options::default())
        .await
        .unwrap();
    assert!(score
        .score
        .recommendations
        .contains(&"Learn Terraform".to_string()));
    // One written straight to the database is seen once the catalogue lists the postings
    // again: here by a service that lists on every call.
    f.store.put_job(posting(
        "Cloud Engineer",
        &["Python", "Kubernetes"],
        "active",
    ));
    let listing_every_call = fixture_with(
        f.store.clone(),
        Settings {
            catalogue_refresh: std::time::Duration::ZERO,
            ..Settings::default()
        },
    );
    let forced = listing_every_call
        .service
        .score_resume(&second, Options::FORCE)
        .await
        .unwrap();
    assert!(forced
        .score
        .recommendations
        .contains(&"Learn Kubernetes".to_string()));
}

#[tokio::test]
async fn no_score_reads_the_board_once_the_catalogue_holds_it() {
    let f = fixture();
    for i in 0..40 {
        f.store.put_job(posting(
            &format!("Backend Developer {i}"),
            &["Python", "Go"],
            "active",
        ));
    }
    let first = hex(f.store.put_resume(resume(&["Python"], "Developer")));
    f.service
        .score_resume(&first, Options::default())
        .await
        .unwrap();
    let after_first_listing = f.store.postings_read();
    assert!(
        after_first_listing >= 40,
        "the first call lists the board once"
    );
    for _ in 0..5 {
        let score = f
            .service
            .score_resume(&first, Options::FORCE)
            .await
            .unwrap();
        assert!(score
            .score
            .recommendations
            .contains(&"Learn Go".to_string()));
    }
    let other = hex(f.store.put_resume(resume(&["Go"], "Developer")));
    f.service
        .score_resume(&other, Options::default())
        .await
        .unwrap();
    assert_eq!(
        f.store.postings_read(),
        after_first_listing,
        "uncached and forced scores read no posting"
    );
}

#[tokio::test]
async fn a_new_service_starts_from_the_snapshot_and_ranks_as_before() {
    let f = fixture();
    let board = Board::new(&f);
    let first = board.recommend(&f).await;
    let bytes = f.service.save_catalogue_snapshot().await.unwrap();
    assert!(bytes > 0);
    assert!(!f.service.catalogue_stats().await.from_snapshot);

    // A new process (a new service on the same database): the same ranking, nothing
    // embedded again, and the board's skills come with the snapshot.
    let g = fixture_with(f.store.clone(), Settings::default());
    let again = board.recommend(&g).await;
    assert_eq!(job_ids(&again), job_ids(&first));
    let stats = g.service.catalogue_stats().await;
    assert!(stats.from_snapshot);
    assert_eq!(stats.snapshot_bytes, bytes);
    assert_eq!(stats.postings, board.open.len());
    assert_eq!(
        g.embedded.load(Ordering::SeqCst),
        0,
        "nothing embedded again"
    );
    let read = f.store.postings_read();
    let score = g
        .service
        .score_resume(&hex(board.resume), Options::FORCE)
        .await
        .unwrap();
    assert!(!score.score.recommendations.is_empty());
    assert_eq!(f.store.postings_read(), read, "demand from the snapshot");

    // Closed after the snapshot, with no invalidateJob and no listing since: never
    // recommended, because each candidate is checked to be open before it is compared.
    let best = first[0].job_id.parse::<ObjectId>().unwrap();
    let mut closing = f.store.jobs_doc(&best);
    closing.insert("status", "closed");
    f.store.put_job(closing);
    let after = board.recommend(&g).await;
    assert!(!job_ids(&after).contains(&hex(best)));
    assert_eq!(job_ids(&after)[..4], job_ids(&first)[1..]);
    assert_eq!(
        g.service.catalogue_stats().await.postings,
        board.open.len() - 1
    );
}

#[tokio::test]
async fn after_a_snapshot_a_background_listing_brings_what_changed_since() {
    let f = fixture();
    let board = Board::new(&f);
    board.recommend(&f).await;
    f.service.save_catalogue_snapshot().await.unwrap();
    let refresh = std::time::Duration::from_millis(50);
    let g = fixture_with(
        f.store.clone(),
        Settings {
            catalogue_refresh: refresh,
            ..Settings::default()
        },
    );
    board.recommend(&g).await;
    assert!(g.service.catalogue_stats().await.from_snapshot);
    // Opened after the snapshot, written straight to the database: it made for this resume.
    let opened = f.store.put_job(posting(
        "Backend Developer",
        &["Python", "Django", "SQL", "Docker"],
        "active",
    ));
    tokio::time::sleep(2 * refresh).await;
    // This call finds the catalogue due and starts a listing in the background; the listing
    // marks the new posting for embedding, and the next call embeds and ranks it.
    board.recommend(&g).await;
    let mut listed = false;
    for _ in 0..100 {
        if g.service.catalogue_stats().await.unembedded == 1 {
            listed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(listed, "the background listing found the new posting");
    let after = board.recommend(&g).await;
    assert_eq!(after[0].job_id, hex(opened));
}

#[tokio::test]
async fn a_long_call_gives_its_turn_back_between_steps() {
    let f = fixture();
    for i in 0..3 * JOBS_PER_STEP {
        f.store
            .put_job(posting(&format!("Engineer {i}"), &["Rust"], "active"));
    }
    let service = Arc::new(f.service);
    // Every turn but one is taken; the backfill gets the last one.
    let mut others = Vec::new();
    for _ in 1..super::calls_in_flight() {
        others.push(service.admit().await);
    }
    let turn = service.admit().await;
    let log = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    // A call that arrives while the backfill holds the last turn.
    let (waiter_service, waiter_log) = (service.clone(), log.clone());
    let waiter = tokio::spawn(async move {
        let _turn = waiter_service.admit().await;
        waiter_log.lock().unwrap().push("other call".into());
    });
    tokio::task::yield_now().await;
    let step_log = log.clone();
    let control = Control::new(
        None,
        Some(Arc::new(move |p: super::Progress| {
            step_log.lock().unwrap().push(format!("{} done", p.done));
        })),
    );
    let backfill = super::with_turn(
        turn,
        service.backfill_job_embeddings(doc! {}, Options::default(), &control),
    );
    assert_eq!(backfill.await.unwrap().embedded, 3 * JOBS_PER_STEP);
    waiter.await.unwrap();
    let log = log.lock().unwrap().clone();
    let waited_until = log.iter().position(|e| e == "other call").unwrap();
    // It was served after the first step, not after the whole backfill.
    assert_eq!(log[..waited_until], ["0 done", "32 done"], "{log:?}");
}

#[tokio::test]
async fn a_backfill_plan_chunks_the_stale_postings_and_each_chunk_backfills_exactly_its_own() {
    let f = fixture();
    let ids: Vec<ObjectId> = (0..5)
        .map(|i| {
            f.store
                .put_job(posting(&format!("Engineer {i}"), &["Python"], "active"))
        })
        .collect();
    let plan = f
        .service
        .plan_backfill(doc! {}, Options::default(), 2)
        .await
        .unwrap();
    let mut sorted = ids.clone();
    sorted.sort();
    let hexes: Vec<String> = sorted.iter().map(|id| hex(*id)).collect();
    assert_eq!((plan.total, plan.fresh), (5, 0));
    assert_eq!(
        plan.chunks,
        vec![
            hexes[0..2].to_vec(),
            hexes[2..4].to_vec(),
            hexes[4..].to_vec()
        ]
    );

    // One chunk backfilled: those two postings and nothing else.
    let only = super::only_jobs(doc! {}, sorted[..2].to_vec());
    let done = f
        .service
        .backfill_job_embeddings(only, Options::default(), &Control::default())
        .await
        .unwrap();
    assert_eq!((done.total, done.embedded, done.fresh), (2, 2, 0));
    assert_eq!(f.store.cache_len(Cache::JobEmbeddings), 2);
    let plan = f
        .service
        .plan_backfill(doc! {}, Options::default(), 2)
        .await
        .unwrap();
    assert_eq!((plan.total, plan.fresh), (5, 2));
    assert_eq!(plan.chunks, vec![hexes[2..4].to_vec(), hexes[4..].to_vec()]);
    // Forced, every posting is planned; a filter narrows the plan as it narrows the backfill.
    let forced = f
        .service
        .plan_backfill(doc! {}, Options::FORCE, 10)
        .await
        .unwrap();
    assert_eq!(forced.chunks, vec![hexes.clone()]);
    let narrowed = f
        .service
        .plan_backfill(
            super::only_jobs(doc! { "status": "active" }, vec![sorted[4]]),
            Options::default(),
            10,
        )
        .await
        .unwrap();
    assert_eq!((narrowed.total, narrowed.chunks.len()), (1, 1));
    assert!(super::backfill_chunk_size(Some(0.0)).is_err());
    assert!(super::backfill_chunk_size(Some(2.5)).is_err());
    assert_eq!(
        super::backfill_chunk_size(None).unwrap(),
        super::DEFAULT_BACKFILL_CHUNK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_of_one_service_embed_a_new_text_once() {
    let f = fixture();
    let texts: Vec<String> = (0..40).map(|i| format!("New skill {i}")).collect();
    let reversed: Vec<String> = texts.iter().rev().cloned().collect();
    let (a, b) = tokio::join!(f.service.vectors(&texts), f.service.vectors(&reversed));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.len(), texts.len());
    assert_eq!(a, b);
    assert_eq!(f.embedded.load(Ordering::SeqCst), texts.len());
}
