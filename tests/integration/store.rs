//! Integration tests of the storage layer against a real server at `MONGODB_URI`
//! (`scripts/db.sh start` prints one). Each test works in its own fresh database and drops
//! it at the end (a failed test leaves it behind for a look).

use std::collections::HashSet;
use std::time::Duration;

use bson::{doc, Bson, Document};
use chrono::{TimeZone, Utc};
use mongodb::{Collection, Database};
use resume_ai::domain::demand::rank_skill_demand;
use resume_ai::domain::experience::DateInput;
use resume_ai::error::Error;
use resume_ai::store::ttl::{
    COMPARISON_TTL_DAYS, JOB_EMBEDDINGS_TTL_DAYS, RESUME_EMBEDDINGS_TTL_DAYS,
    RESUME_SCORE_TTL_DAYS, TEXT_EMBEDDING_TTL_DAYS,
};
use resume_ai::store::{
    parse_object_id, text_key, ApplicationFields, Cache, CacheKey, IdKind, ObjectId, ResumeFields,
    Store, StoreConfig,
};

fn server_uri() -> String {
    std::env::var("MONGODB_URI").expect(
        "MONGODB_URI is not set: these tests need a server (run `scripts/db.sh start` and \
         export the URI it prints)",
    )
}

/// A store on a fresh database, plus a raw handle to the same database for seeding.
struct Fixture {
    store: Store,
    db: Database,
}

async fn fixture() -> Fixture {
    fixture_with(|_| {}).await
}

async fn fixture_with(configure: impl FnOnce(&mut StoreConfig)) -> Fixture {
    let uri = server_uri();
    let name = format!("resume_ai_test_{}", ObjectId::new().to_hex());
    let mut config = StoreConfig::new(&uri, &name);
    configure(&mut config);
    let store = Store::connect(config).await.expect("connect");
    let client = mongodb::Client::with_uri_str(&uri)
        .await
        .expect("raw client");
    Fixture {
        store,
        db: client.database(&name),
    }
}

impl Fixture {
    fn raw(&self, collection: &str) -> Collection<Document> {
        self.db.collection(collection)
    }

    async fn insert(&self, collection: &str, docs: Vec<Document>) {
        self.raw(collection).insert_many(docs).await.expect("seed");
    }

    async fn drop(self) {
        self.db.drop().await.expect("drop test database");
    }
}

fn days_ago(days: i64) -> bson::DateTime {
    bson::DateTime::from_chrono(Utc::now() - chrono::Duration::days(days))
}

fn day(days: i64) -> chrono::Duration {
    chrono::Duration::days(days)
}

#[tokio::test]
async fn resume_decodes_messy_documents_leniently() {
    let f = fixture().await;
    let id = ObjectId::new();
    let started = Utc.with_ymd_and_hms(2018, 3, 1, 0, 0, 0).unwrap();
    f.insert(
        "resumes",
        vec![doc! {
            "_id": id,
            "firstName": " Ada ",
            "lastName": "Lovelace",
            "email": "ada@example.com",
            "phone": 5551234567_i64,
            "summary": Bson::Null,
            "skills": [
                "Python",
                { "name": " React ", "proficiency": "expert" },
                { "name": "" },
                Bson::Null,
                42,
                "   ",
            ],
            "workExperience": [
                {
                    "jobTitle": "Engineer",
                    "company": "Acme",
                    "startDate": bson::DateTime::from_chrono(started),
                    "endDate": "present",
                    "responsibilities": ["Built things", Bson::Null, " "],
                },
                {
                    "jobTitle": Bson::Null,
                    "startDate": "2020-01-15T00:00:00.000Z",
                    "endDate": Bson::Null,
                    "responsibilities": "One line",
                },
                "not a document",
                { "startDate": 2019 },
            ],
            "education": [{ "degree": "BSc" }, { "degree": "MSc" }, Bson::Null],
            "certifications": "AWS Certified",
        }],
    )
    .await;

    let resume = f.store.resume(&id, ResumeFields::Scoring).await.unwrap();
    assert_eq!(resume.id, id);
    let profile = &resume.profile;
    assert_eq!(profile.first_name, "Ada");
    assert_eq!(profile.last_name, "Lovelace");
    assert_eq!(profile.email, "ada@example.com");
    assert_eq!(profile.phone, "5551234567");
    assert_eq!(profile.summary, "");
    assert_eq!(profile.skills, ["Python", "React"]);
    assert_eq!(profile.education_count, 2);
    assert_eq!(profile.certifications, ["AWS Certified"]);

    let (work, periods) = (&profile.work_experience, &resume.work_periods);
    assert_eq!(work.len(), 3, "the non-document entry is skipped");
    assert_eq!(periods.len(), 3, "one period per work entry");
    assert_eq!(work[0].job_title, "Engineer");
    assert_eq!(work[0].company, "Acme");
    assert_eq!(periods[0].start, DateInput::Date(started));
    assert_eq!(periods[0].end, DateInput::Text("present".into()));
    assert_eq!(work[0].responsibilities, ["Built things"]);
    assert_eq!(work[1].job_title, "");
    assert_eq!(
        periods[1].start,
        DateInput::Text("2020-01-15T00:00:00.000Z".into())
    );
    assert_eq!(periods[1].end, DateInput::Missing);
    assert_eq!(work[1].responsibilities, ["One line"]);
    assert_eq!(periods[2].start, DateInput::Text("2019".into()));
    assert_eq!(periods[2].end, DateInput::Missing);
    f.drop().await;
}

#[tokio::test]
async fn resume_reads_only_the_fields_of_its_purpose() {
    let f = fixture().await;
    let id = ObjectId::new();
    let big = "x".repeat(1 << 20);
    f.insert(
        "resumes",
        vec![doc! {
            "_id": id,
            "firstName": "Ada",
            "email": "ada@example.com",
            "skills": ["Rust"],
            "workExperience": [{ "jobTitle": "Engineer" }],
            "education": [{ "degree": "BSc" }],
            "certifications": [{ "name": "CKA" }],
            "rawText": big,
        }],
    )
    .await;

    let record = f.store.resume(&id, ResumeFields::Matching).await.unwrap();
    let matching = &record.profile;
    assert_eq!(matching.skills, ["Rust"]);
    assert_eq!(matching.work_experience[0].job_title, "Engineer");
    assert_eq!(matching.certifications, ["CKA"]);
    // The factors read the degrees (extended matching).
    assert_eq!(record.degrees, ["BSc"]);
    // Stored, but outside the matching projection.
    assert_eq!(matching.first_name, "");
    assert_eq!(matching.email, "");

    let scoring = f
        .store
        .resume(&id, ResumeFields::Scoring)
        .await
        .unwrap()
        .profile;
    assert_eq!(scoring.first_name, "Ada");
    assert_eq!(scoring.education_count, 1);

    // The 1 MiB field never travels: a document without it is what a projected find gives.
    let projected = f
        .raw("resumes")
        .find_one(doc! { "_id": id })
        .projection(doc! { "skills": 1, "workExperience": 1, "certifications": 1 })
        .await
        .unwrap()
        .unwrap();
    assert!(!projected.contains_key("rawText"));
    f.drop().await;
}

#[tokio::test]
async fn missing_documents_and_bad_ids_give_seed_errors() {
    let f = fixture().await;
    let id = ObjectId::new();

    let error = f
        .store
        .resume(&id, ResumeFields::Scoring)
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::ResumeNotFound(hex) if *hex == id.to_hex()));
    assert_eq!(
        error.to_string(),
        format!("Resume not found: {}", id.to_hex())
    );
    assert_eq!(error.code(), "RESUME_NOT_FOUND");

    let error = f.store.job(&id).await.unwrap_err();
    assert_eq!(error.to_string(), format!("Job not found: {}", id.to_hex()));
    assert_eq!(error.code(), "JOB_NOT_FOUND");

    let cases = [
        (
            IdKind::Resume,
            "invalid_id",
            "Resume not found: invalid_id (not a 24-hex ObjectId)",
        ),
        (
            IdKind::Job,
            "123",
            "Job not found: 123 (not a 24-hex ObjectId)",
        ),
    ];
    for (kind, raw, message) in cases {
        let error = parse_object_id(kind, raw).unwrap_err();
        assert_eq!(error.code(), "INVALID_ID");
        assert_eq!(error.to_string(), message);
    }
    let padded = format!(" {} ", id.to_hex());
    assert_eq!(parse_object_id(IdKind::Resume, &padded).unwrap(), id);
    f.drop().await;
}

#[tokio::test]
async fn jobs_keep_the_requested_order_and_skip_missing_ones() {
    let f = fixture().await;
    let [a, b, c] = [ObjectId::new(), ObjectId::new(), ObjectId::new()];
    f.insert(
        "jobpostings",
        vec![
            doc! {
                "_id": a,
                "title": "Backend Developer",
                "company": "Acme",
                "location": "Remote",
                "experienceLevel": "Senior",
                "status": "active",
                "skills": [{ "name": "Rust" }, "Go"],
                "requirements": ["5 years", " "],
                "description": "long text",
            },
            doc! { "_id": b, "title": "B" },
            doc! { "_id": c, "title": "C", "skills": Bson::Null },
        ],
    )
    .await;

    let missing = ObjectId::new();
    let jobs = f.store.jobs(&[c, missing, a, c]).await.unwrap();
    let ids: Vec<ObjectId> = jobs.iter().map(|j| j.id).collect();
    assert_eq!(ids, [c, a]);
    assert!(jobs[0].skills.is_empty());
    assert!(f.store.jobs(&[]).await.unwrap().is_empty());

    let job = f.store.job(&a).await.unwrap();
    assert_eq!(job.title, "Backend Developer");
    assert_eq!(job.company, "Acme");
    assert_eq!(job.location, "Remote");
    assert_eq!(job.experience_level, "Senior");
    assert_eq!(job.status, "active");
    assert_eq!(job.skills, ["Rust", "Go"]);
    assert_eq!(job.requirements, ["5 years"]);
    f.drop().await;
}

#[tokio::test]
async fn active_jobs_filter_by_status_and_exclusions() {
    let f = fixture().await;
    let ids: Vec<ObjectId> = (0..5).map(|_| ObjectId::new()).collect();
    let statuses = [
        Bson::from("active"),
        Bson::from("Active"),
        Bson::from("closed"),
        Bson::Null,
        Bson::from("active"),
    ];
    f.insert(
        "jobpostings",
        ids.iter()
            .zip(statuses)
            .map(|(id, status)| doc! { "_id": id, "status": status })
            .collect(),
    )
    .await;

    let active: Vec<ObjectId> = f
        .store
        .active_jobs(&[])
        .await
        .unwrap()
        .iter()
        .map(|j| j.id)
        .collect();
    assert_eq!(active, [ids[0], ids[1], ids[4]]);

    let active: Vec<ObjectId> = f
        .store
        .active_jobs(&[ids[1], ObjectId::new()])
        .await
        .unwrap()
        .iter()
        .map(|j| j.id)
        .collect();
    assert_eq!(active, [ids[0], ids[4]]);
    f.drop().await;
}

#[tokio::test]
async fn applied_job_ids_match_object_id_and_string_user_ids() {
    let f = fixture().await;
    let user = ObjectId::new();
    let [j1, j2, j3] = [ObjectId::new(), ObjectId::new(), ObjectId::new()];
    f.insert(
        "applications",
        vec![
            doc! { "user": user, "jobPosting": j1 },
            doc! { "user": user.to_hex(), "jobPosting": j2.to_hex() },
            doc! { "user": user, "jobPosting": j1 },
            doc! { "user": ObjectId::new(), "jobPosting": j3 },
            doc! { "user": user, "jobPosting": "not-an-id" },
            doc! { "user": user },
            doc! { "user": "auth0|42", "jobPosting": j3 },
        ],
    )
    .await;

    let applied = f.store.applied_job_ids(&user.to_hex()).await.unwrap();
    assert_eq!(
        applied.iter().collect::<HashSet<_>>(),
        [j1, j2].iter().collect()
    );
    assert_eq!(applied.len(), 2, "each posting once");
    assert_eq!(f.store.applied_job_ids("auth0|42").await.unwrap(), [j3]);
    assert!(f.store.applied_job_ids("nobody").await.unwrap().is_empty());
    f.drop().await;
}

#[tokio::test]
async fn applied_job_ids_use_the_configured_fields() {
    let f = fixture_with(|config| {
        config.collections.applications = "jobapplications".into();
        config.application_fields = ApplicationFields {
            user: "applicant".into(),
            job: "job".into(),
        };
    })
    .await;
    let (user, job) = (ObjectId::new(), ObjectId::new());
    f.insert(
        "jobapplications",
        vec![doc! { "applicant": user, "job": job }],
    )
    .await;
    assert_eq!(
        f.store.applied_job_ids(&user.to_hex()).await.unwrap(),
        [job]
    );
    f.drop().await;
}

#[tokio::test]
async fn skill_demand_counts_postings_and_groups_spellings() {
    let f = fixture().await;
    let posting = |status: &str, skills: Bson| doc! { "status": status, "skills": skills };
    f.insert(
        "jobpostings",
        vec![
            posting("active", bson::bson!(["Python", "react"])),
            posting(
                "active",
                bson::bson!([{ "name": "React" }, "Python", "python"]),
            ),
            posting("Active", bson::bson!(["React", "Kubernetes", "Docker"])),
            posting("active", bson::bson!(["React.js", " ", Bson::Null])),
            posting("active", Bson::Null),
            posting("closed", bson::bson!(["Go", "Rust", "React"])),
        ],
    )
    .await;

    let owned = |pairs: &[(&str, usize)]| -> Vec<(String, usize)> {
        pairs
            .iter()
            .map(|(name, count)| (name.to_string(), *count))
            .collect()
    };
    // What the store reads (active postings only, names leniently decoded) ranked by the
    // domain rule. No skill in common with any posting: every active posting counts.
    let active = f
        .store
        .active_job_ids_matching(bson::Document::new())
        .await
        .unwrap();
    assert_eq!(active.len(), 5, "the closed posting is not listed");
    let postings: Vec<Vec<String>> = f
        .store
        .posting_skills(&active)
        .await
        .unwrap()
        .into_iter()
        .map(|(_, names)| names)
        .collect();
    assert_eq!(postings.len(), 5);
    let demand = rank_skill_demand(&postings, &["Nursing".to_string()]);
    let everything = owned(&[
        ("React", 4), // react, React ×2, React.js: one skill, most common spelling
        ("Python", 2),
        ("Docker", 1),
        ("Kubernetes", 1),
    ]);
    assert_eq!(demand, everything);
    assert_eq!(rank_skill_demand(&postings, &[]), everything);
    // A Python resume: only the two postings that ask for Python count.
    let demand = rank_skill_demand(&postings, &["python".to_string()]);
    assert_eq!(demand, owned(&[("Python", 2), ("React", 2)]));
    f.drop().await;
}

#[tokio::test]
async fn cached_returns_only_fresh_documents() {
    let f = fixture().await;
    let resume = ObjectId::new();
    let key = CacheKey::Resume(resume);
    assert!(f
        .store
        .cached(Cache::ResumeScores, &key, day(7))
        .await
        .unwrap()
        .is_none());

    f.store
        .put_cached(Cache::ResumeScores, &key, doc! { "overall_score": 85.5 })
        .await
        .unwrap();
    let hit = f
        .store
        .cached(Cache::ResumeScores, &key, day(7))
        .await
        .unwrap()
        .expect("fresh entry");
    assert_eq!(hit.get_f64("overall_score").unwrap(), 85.5);
    assert_eq!(hit.get_object_id("resume").unwrap(), resume);

    // Ten days old: stale for a 7-day cache even though no TTL sweep removed it yet.
    f.raw("resumescores")
        .update_one(
            doc! { "resume": resume },
            doc! { "$set": { "updatedAt": days_ago(10) } },
        )
        .await
        .unwrap();
    let cache = Cache::ResumeScores;
    assert!(f.store.cached(cache, &key, day(7)).await.unwrap().is_none());
    assert!(f
        .store
        .cached(cache, &key, day(30))
        .await
        .unwrap()
        .is_some());

    // A key of the wrong shape is a caller bug, not a silent miss.
    let error = f
        .store
        .cached(Cache::ResumeScores, &CacheKey::Job(resume), day(7))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "INVALID_ARGUMENT");
    f.drop().await;
}

#[tokio::test]
async fn job_vectors_and_clusters_skip_entries_past_their_age() {
    // Freshness is tested on the documents read by key, not by an `updatedAt` range in the
    // query (see `store::cache::is_fresh`): a stale entry is still never served.
    let f = fixture().await;
    let jobs = [ObjectId::new(), ObjectId::new()];
    for job in jobs {
        let body = doc! { "meanEmbeddings": { "skills": [0.6, 0.8], "jobTitle": [1.0, 0.0] } };
        f.store
            .put_cached(Cache::JobEmbeddings, &CacheKey::Job(job), body)
            .await
            .unwrap();
    }
    let stale = doc! { "$set": { "updatedAt": days_ago(100) } };
    f.raw("jobpostingembeddings")
        .update_one(doc! { "jobPosting": jobs[1] }, stale.clone())
        .await
        .unwrap();
    let ttl = day(JOB_EMBEDDINGS_TTL_DAYS);
    let found = f
        .store
        .job_vectors_of(&jobs, &["skills", "jobTitle"], ttl)
        .await
        .unwrap();
    assert_eq!(found.keys().collect::<Vec<_>>(), [&jobs[0]]);
    assert_eq!(
        found[&jobs[0]].sections[0].as_deref(),
        Some(&[0.6_f32, 0.8][..])
    );
    let embeddings = f.store.cached_job_embeddings(&jobs, ttl).await.unwrap();
    assert_eq!(embeddings.keys().collect::<Vec<_>>(), [&jobs[0]]);

    f.store
        .put_clusters("k", doc! { "k": 3 }, doc! { "k": 3 })
        .await
        .unwrap();
    let clusters_served = || async { f.store.cached_clusters("k", day(1)).await.unwrap() };
    assert!(clusters_served().await.is_some());
    f.raw("jobclusters")
        .update_one(doc! { "_id": "k" }, stale)
        .await
        .unwrap();
    assert!(clusters_served().await.is_none());
    f.drop().await;
}

#[tokio::test]
async fn put_cached_upserts_keeping_created_at() {
    let f = fixture().await;
    let (resume, job) = (ObjectId::new(), ObjectId::new());
    let key = CacheKey::Pair { resume, job };
    let comparisons = f.raw("resumejobcomparisons");

    f.store
        .put_cached(Cache::Comparisons, &key, doc! { "match_percentage": 50.0 })
        .await
        .unwrap();
    let first = comparisons.find_one(doc! {}).await.unwrap().unwrap();
    let created = first.get_datetime("createdAt").unwrap();
    assert_eq!(first.get_datetime("updatedAt").unwrap(), created);

    tokio::time::sleep(Duration::from_millis(20)).await;
    // Reserved fields in the body are ignored: the store owns key and timestamps.
    let body = doc! {
        "match_percentage": 72.1,
        "resume": ObjectId::new(),
        "createdAt": days_ago(100),
        "_id": "ignored",
    };
    f.store
        .put_cached(Cache::Comparisons, &key, body)
        .await
        .unwrap();

    assert_eq!(comparisons.count_documents(doc! {}).await.unwrap(), 1);
    let second = comparisons.find_one(doc! {}).await.unwrap().unwrap();
    assert_eq!(second.get_object_id("_id"), first.get_object_id("_id"));
    assert_eq!(second.get_object_id("resume").unwrap(), resume);
    assert_eq!(second.get_object_id("jobPosting").unwrap(), job);
    assert_eq!(second.get_f64("match_percentage").unwrap(), 72.1);
    assert_eq!(second.get_datetime("createdAt").unwrap(), created);
    assert!(second.get_datetime("updatedAt").unwrap() > created);
    f.drop().await;
}

#[tokio::test]
async fn concurrent_first_writes_of_one_key_all_succeed() {
    let f = fixture().await;
    f.store.ensure_indexes().await.unwrap();
    let key = CacheKey::Job(ObjectId::new());
    let writers: Vec<_> = (0..8)
        .map(|n| {
            let store = f.store.clone();
            tokio::spawn(async move {
                store
                    .put_cached(Cache::JobEmbeddings, &key, doc! { "writer": n })
                    .await
            })
        })
        .collect();
    for writer in writers {
        writer.await.unwrap().unwrap();
    }
    let count = f
        .raw("jobpostingembeddings")
        .count_documents(doc! {})
        .await
        .unwrap();
    assert_eq!(count, 1);
    f.drop().await;
}

#[tokio::test]
async fn cached_comparisons_fetch_a_batch() {
    let f = fixture().await;
    let (resume, other) = (ObjectId::new(), ObjectId::new());
    let jobs: Vec<ObjectId> = (0..4).map(|_| ObjectId::new()).collect();
    for (r, j) in [(resume, jobs[0]), (resume, jobs[1]), (other, jobs[2])] {
        let key = CacheKey::Pair { resume: r, job: j };
        let body = doc! { "job_id": j.to_hex() };
        f.store
            .put_cached(Cache::Comparisons, &key, body)
            .await
            .unwrap();
    }
    f.insert(
        "resumejobcomparisons",
        vec![doc! { "resume": resume, "jobPosting": jobs[3], "updatedAt": days_ago(31) }],
    )
    .await;

    let hits = f
        .store
        .cached_comparisons(&resume, &jobs, day(COMPARISON_TTL_DAYS))
        .await
        .unwrap();
    assert_eq!(
        hits.keys().collect::<HashSet<_>>(),
        [jobs[0], jobs[1]].iter().collect()
    );
    assert_eq!(hits[&jobs[1]].get_str("job_id").unwrap(), jobs[1].to_hex());
    f.drop().await;
}

/// `listIndexes` of a collection as (keys, unique, expireAfterSeconds).
async fn index_list(f: &Fixture, collection: &str) -> Vec<(Document, bool, Option<i64>)> {
    let mut cursor = f.raw(collection).list_indexes().await.unwrap();
    let mut found = Vec::new();
    while cursor.advance().await.unwrap() {
        let index: mongodb::IndexModel = cursor.deserialize_current().unwrap();
        let options = index.options.unwrap_or_default();
        // Directions as int32, whatever numeric type the server reports.
        let keys = index
            .keys
            .into_iter()
            .map(|(field, dir)| (field, Bson::Int32(dir.as_i32().unwrap_or(1))))
            .collect();
        let ttl = options.expire_after.map(|d| d.as_secs() as i64);
        found.push((keys, options.unique.unwrap_or(false), ttl));
    }
    found
}

#[tokio::test]
async fn ensure_indexes_creates_unique_and_ttl_indexes_idempotently() {
    let f = fixture().await;
    f.store.ensure_indexes().await.unwrap();
    f.store.ensure_indexes().await.unwrap();
    // A second store runs the work again against the existing indexes.
    let again = Store::connect(StoreConfig::new(server_uri(), f.db.name()))
        .await
        .unwrap();
    again.ensure_indexes().await.unwrap();

    let expected = [
        (
            "resumeembeddings",
            doc! { "resume": 1 },
            RESUME_EMBEDDINGS_TTL_DAYS,
        ),
        ("resumescores", doc! { "resume": 1 }, RESUME_SCORE_TTL_DAYS),
        (
            "jobpostingembeddings",
            doc! { "jobPosting": 1 },
            JOB_EMBEDDINGS_TTL_DAYS,
        ),
        (
            "resumejobcomparisons",
            doc! { "resume": 1, "jobPosting": 1 },
            COMPARISON_TTL_DAYS,
        ),
    ];
    for (collection, key, ttl_days) in expected {
        let indexes = index_list(&f, collection).await;
        assert_eq!(indexes.len(), 3, "{collection}: _id, key, TTL: {indexes:?}");
        assert!(
            indexes.contains(&(key, true, None)),
            "{collection}: {indexes:?}"
        );
        let ttl = (doc! { "updatedAt": 1 }, false, Some(ttl_days * 86_400));
        assert!(indexes.contains(&ttl), "{collection}: {indexes:?}");
    }
    let text = index_list(&f, "textembeddings").await;
    assert_eq!(text.len(), 2, "{text:?}");
    let ttl = (
        doc! { "updatedAt": 1 },
        false,
        Some(TEXT_EMBEDDING_TTL_DAYS * 86_400),
    );
    assert!(text.contains(&ttl), "{text:?}");
    // Text claims end at their own `expiresAt`.
    let claims = index_list(&f, "textclaims").await;
    assert_eq!(claims.len(), 2, "{claims:?}");
    assert!(
        claims.contains(&(doc! { "expiresAt": 1 }, false, Some(0))),
        "{claims:?}"
    );
    f.drop().await;
}

#[tokio::test]
async fn ensure_indexes_replaces_indexes_with_other_options() {
    let f = fixture().await;
    // As left by an older version: TTL of one day, and a key index that is not unique.
    let scores = f.raw("resumescores");
    let options = mongodb::options::IndexOptions::builder()
        .expire_after(Duration::from_secs(86_400))
        .build();
    let old_ttl = mongodb::IndexModel::builder()
        .keys(doc! { "updatedAt": 1 })
        .options(options)
        .build();
    let plain_key = mongodb::IndexModel::builder()
        .keys(doc! { "resume": 1 })
        .build();
    scores.create_index(old_ttl).await.unwrap();
    scores.create_index(plain_key).await.unwrap();

    f.store.ensure_indexes().await.unwrap();
    let indexes = index_list(&f, "resumescores").await;
    assert_eq!(indexes.len(), 3, "{indexes:?}");
    assert!(indexes.contains(&(doc! { "resume": 1 }, true, None)));
    let ttl = (
        doc! { "updatedAt": 1 },
        false,
        Some(RESUME_SCORE_TTL_DAYS * 86_400),
    );
    assert!(indexes.contains(&ttl), "{indexes:?}");
    f.drop().await;
}

#[tokio::test]
async fn invalidation_deletes_everything_cached_for_the_id() {
    let f = fixture().await;
    let (resume, other) = (ObjectId::new(), ObjectId::new());
    let (j1, j2) = (ObjectId::new(), ObjectId::new());
    let puts = [
        (Cache::ResumeEmbeddings, CacheKey::Resume(resume)),
        (Cache::ResumeScores, CacheKey::Resume(resume)),
        (Cache::ResumeScores, CacheKey::Resume(other)),
        (Cache::JobEmbeddings, CacheKey::Job(j1)),
        (Cache::JobEmbeddings, CacheKey::Job(j2)),
        (Cache::Comparisons, CacheKey::Pair { resume, job: j1 }),
        (Cache::Comparisons, CacheKey::Pair { resume, job: j2 }),
        (
            Cache::Comparisons,
            CacheKey::Pair {
                resume: other,
                job: j1,
            },
        ),
    ];
    for (cache, key) in puts {
        f.store.put_cached(cache, &key, doc! {}).await.unwrap();
    }

    // Embeddings, score and two comparisons of `resume`.
    assert_eq!(f.store.invalidate_resume(&resume).await.unwrap(), 4);
    assert_eq!(f.store.invalidate_resume(&resume).await.unwrap(), 0);
    // j1's embeddings and the comparison with `other`.
    assert_eq!(f.store.invalidate_job(&j1).await.unwrap(), 2);
    let other_score = CacheKey::Resume(other);
    let cache = Cache::ResumeScores;
    assert!(f
        .store
        .cached(cache, &other_score, day(7))
        .await
        .unwrap()
        .is_some());
    f.drop().await;
}

#[tokio::test]
async fn text_vectors_round_trip_bit_exact() {
    let f = fixture().await;
    let model = "all-mpnet-base-v2";
    let key = text_key(model, "Rust");
    assert_eq!(key.len(), 64);
    assert!(key.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(key, text_key(model, "Rust"));
    assert_ne!(key, text_key("other-model", "Rust"));
    assert_ne!(key, text_key(model, "rust"));

    let odd = [0.1_f32, -0.0, f32::MIN_POSITIVE / 2.0, f32::MAX, 1.0 / 3.0];
    // Over one chunk (500), to cover chunked writes and reads.
    let many: Vec<(String, Vec<f32>)> = (1..=1_200)
        .map(|n| (text_key(model, &n.to_string()), vec![n as f32; 8]))
        .collect();
    let mut entries: Vec<(String, &[f32])> = vec![(key.clone(), &odd[..])];
    entries.extend(many.iter().map(|(k, v)| (k.clone(), v.as_slice())));
    // Stored, but refused on read by the rule of every cache: a NaN and a zero vector.
    let (nan, zero) = ([1.0_f32, f32::NAN], [0.0_f32; 8]);
    let damaged = [text_key(model, "nan"), text_key(model, "zero")];
    let mut written = entries.clone();
    written.extend([
        (damaged[0].clone(), &nan[..]),
        (damaged[1].clone(), &zero[..]),
    ]);
    f.store.put_text_vectors(model, &written).await.unwrap();

    let missing = text_key(model, "never stored");
    let mut keys: Vec<String> = written.iter().map(|(k, _)| k.clone()).collect();
    keys.push(missing.clone());
    let found = f.store.text_vectors(&keys, day(90)).await.unwrap();
    assert_eq!(found.len(), entries.len());
    assert!(!found.contains_key(&missing));
    assert!(damaged.iter().all(|k| !found.contains_key(k)));
    assert_eq!(f.store.damaged_entries(), 2);
    let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&found[&key]), bits(&odd));
    assert_eq!(found[&many[1_199].0], many[1_199].1);

    // Rewriting replaces the vector and refreshes the entry.
    let texts = f.raw("textembeddings");
    let stale = doc! { "$set": { "updatedAt": days_ago(100) } };
    texts.update_one(doc! { "_id": &key }, stale).await.unwrap();
    assert!(f
        .store
        .text_vectors(std::slice::from_ref(&key), day(90))
        .await
        .unwrap()
        .is_empty());
    let newer = [1.5_f32, 2.5];
    f.store
        .put_text_vectors(model, &[(key.clone(), &newer[..])])
        .await
        .unwrap();
    let found = f
        .store
        .text_vectors(std::slice::from_ref(&key), day(90))
        .await
        .unwrap();
    assert_eq!(found[&key], newer);
    let stored = texts.find_one(doc! { "_id": &key }).await.unwrap().unwrap();
    assert_eq!(stored.get_str("model").unwrap(), model);
    assert_eq!(texts.count_documents(doc! {}).await.unwrap(), 1_203);
    f.drop().await;
}

#[tokio::test]
async fn failed_text_vector_writes_are_reported() {
    let f = fixture().await;
    // A stray unique index on `model` makes the second new entry of a model fail for good
    // (retrying a duplicate-key error once does not help here).
    let unique_model = mongodb::IndexModel::builder()
        .keys(doc! { "model": 1 })
        .options(
            mongodb::options::IndexOptions::builder()
                .unique(true)
                .build(),
        )
        .build();
    f.raw("textembeddings")
        .create_index(unique_model)
        .await
        .unwrap();
    let vector = [1.0_f32];
    let entries = [
        ("a".to_string(), &vector[..]),
        ("b".to_string(), &vector[..]),
    ];
    let error = f.store.put_text_vectors("m", &entries).await.unwrap_err();
    assert_eq!(
        error.code(),
        "DB_ERROR",
        "the server refused it: retrying cannot help"
    );
    assert!(
        error
            .to_string()
            .contains("1 of 2 writes to textembeddings failed"),
        "{error}"
    );
    f.drop().await;
}

#[tokio::test]
async fn unreachable_server_fails_fast_with_db_unavailable() {
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = StoreConfig::new(format!("mongodb://127.0.0.1:{port}"), "resume_ai_test");
    let store = Store::connect(config).await.expect("connect is lazy");

    // A guard against a hang, far above server selection's 5 s, not a speed threshold.
    let error = tokio::time::timeout(
        Duration::from_secs(120),
        store.resume(&ObjectId::new(), ResumeFields::Scoring),
    )
    .await
    .expect("the call settles instead of hanging")
    .unwrap_err();
    assert_eq!(error.code(), "DB_UNAVAILABLE");
    assert!(
        error.to_string().starts_with("MongoDB connection error: "),
        "{error}"
    );
}

#[tokio::test]
async fn malformed_uri_is_a_database_error() {
    let error = Store::connect(StoreConfig::new("not a uri", "db"))
        .await
        .err()
        .expect("rejected");
    assert_eq!(error.code(), "DB_ERROR");
    assert!(!error.is_retryable());
}
