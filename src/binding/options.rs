//! The options objects the functions take, and how each becomes the core's options.

use std::sync::Arc;

use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi_derive::napi;

use super::abort::AbortFlag;
use super::args::{optional, optional_options, Arg};
use super::shape::{Shape, Shaped};
use crate::domain::factors::{MatchModel, Preferences, Role};
use crate::engine::Precision;
use crate::error::Error;
use crate::observe::{LogLevel, LogSettings};
use crate::service;
use crate::service::connection::{Configuration, LimitOverrides};
use crate::store::{parse_object_id, ApplicationFields, CollectionNames, IdKind};

/// Connection settings; anything left out falls back to MONGODB_URI / MONGODB_DB and the
/// seed's collection names.
#[napi(object)]
pub struct ConfigureOptions {
    pub mongo_uri: Option<String>,
    pub db_name: Option<String>,
    pub collections: Option<CollectionOptions>,
    pub catalogue: Option<CatalogueOptions>,
    pub vector_search: Option<VectorSearchOptions>,
    pub limits: Option<LimitsOptions>,
    /// How `match_percentage` is computed: `'seed'` (default, the seed's formula) or
    /// `'extended'` (blended with the factors; see docs/extended-matching.md).
    #[napi(ts_type = "MatchModel")]
    pub matching: Option<String>,
    /// The encoder's matmul arithmetic for the whole process: `'fp32'` (default, exact),
    /// `'bf16'` (AVX512_BF16 CPUs; fp32 elsewhere), `'int8'` (every CPU; its most sensitive
    /// matmuls stay fp32), or `'auto'` (the fastest of these that meets the quality bar on
    /// this CPU). `modelInfo().precision` says what runs. Changing it repacks (or maps) the
    /// weights before the next embedding. Kept when a later call leaves it out.
    #[napi(ts_type = "Precision")]
    pub precision: Option<String>,
    /// Structured logs on stderr, for the whole process (as `RESUME_AI_LOG` /
    /// `RESUME_AI_LOG_IDS`). Kept when a later call leaves it out.
    pub log: Option<LogOptions>,
}

/// What the logs say: one JSON line per call at `'info'`, also per model call and catalogue
/// listing at `'debug'`; nothing at `'off'` (the default).
#[napi(object)]
pub struct LogOptions {
    #[napi(ts_type = "LogLevel")]
    pub level: Option<String>,
    /// Whether call lines carry the ids the call was given (`resumeId`, `jobId`, `userId`):
    /// personal data in hiring, so off unless asked for.
    pub ids: Option<bool>,
}

impl Shaped for ConfigureOptions {
    /// The fields of these `#[napi(object)]` structs, as JS names them.
    const SHAPE: &'static Shape = &Shape(&[
        ("mongoUri", None),
        ("dbName", None),
        (
            "collections",
            Some(&Shape(&[
                ("resumes", None),
                ("jobPostings", None),
                ("applications", None),
                ("resumeEmbeddings", None),
                ("resumeScores", None),
                ("jobEmbeddings", None),
                ("comparisons", None),
                ("textEmbeddings", None),
                ("jobClusters", None),
                ("textClaims", None),
                ("catalogueSnapshots", None),
                ("applicationUserField", None),
                ("applicationJobField", None),
            ])),
        ),
        (
            "catalogue",
            Some(&Shape(&[
                ("refreshSeconds", None),
                ("snapshotSeconds", None),
            ])),
        ),
        ("vectorSearch", Some(&Shape(&[("index", None)]))),
        (
            "limits",
            Some(&Shape(&[
                ("skills", None),
                ("workEntries", None),
                ("responsibilitiesPerEntry", None),
                ("requirements", None),
                ("certifications", None),
                ("nameChars", None),
                ("textChars", None),
            ])),
        ),
        ("matching", None),
        ("precision", None),
        ("log", Some(&Shape(&[("level", None), ("ids", None)]))),
    ]);
}

/// How much of one document the model embeds (see docs/configuration.md, limits per
/// document); each a whole number from 1 up.
#[napi(object)]
#[derive(Default)]
pub struct LimitsOptions {
    pub skills: Option<f64>,
    pub work_entries: Option<f64>,
    pub responsibilities_per_entry: Option<f64>,
    pub requirements: Option<f64>,
    pub certifications: Option<f64>,
    pub name_chars: Option<f64>,
    pub text_chars: Option<f64>,
}

/// The in-process catalogue of active postings that recommendations rank.
#[napi(object)]
pub struct CatalogueOptions {
    /// Seconds before the active postings are listed again (default 60). Embeddings computed
    /// in this process and `invalidateJob` take effect at once regardless.
    pub refresh_seconds: Option<f64>,
    /// Seconds between snapshots of the catalogue written to the database (default 600; 0:
    /// after every listing). A new process starts from the last one. Any process writes
    /// one when the current one is older than this; several at once are safe.
    pub snapshot_seconds: Option<f64>,
}

/// MongoDB Atlas only: take recommendation candidates from a `$vectorSearch` index over
/// `jobpostingembeddings.matchVector` instead of the in-process catalogue (see docs/recommendations.md).
#[napi(object)]
pub struct VectorSearchOptions {
    pub index: String,
}

/// Collection (and application field) names, when they differ from the defaults.
#[napi(object)]
#[derive(Default)]
pub struct CollectionOptions {
    pub resumes: Option<String>,
    pub job_postings: Option<String>,
    pub applications: Option<String>,
    pub resume_embeddings: Option<String>,
    pub resume_scores: Option<String>,
    pub job_embeddings: Option<String>,
    pub comparisons: Option<String>,
    pub text_embeddings: Option<String>,
    /// Cached `clusterJobs` results (default `jobclusters`).
    pub job_clusters: Option<String>,
    /// Snapshots of the catalogue of active postings (default `cataloguesnapshots`).
    pub catalogue_snapshots: Option<String>,
    /// Leases on the texts a process is embedding, shared by every process on the database so
    /// that each new text is embedded once (default `textclaims`).
    pub text_claims: Option<String>,
    /// Field of an application document holding the applicant's user id (default `user`).
    pub application_user_field: Option<String>,
    /// Field of an application document holding the posting's id (default `jobPosting`).
    pub application_job_field: Option<String>,
}

#[napi(object)]
#[derive(Default)]
pub struct CallOptions {
    /// Recompute even when a fresh cached result exists, and overwrite it.
    pub force: Option<bool>,
    /// Comparisons: the candidate's location, instead of the resume's (computed fresh, not
    /// cached).
    pub location: Option<String>,
    /// Comparisons: the candidate wants remote work only (computed fresh, not cached).
    pub remote: Option<bool>,
}

pub(super) fn call_options(opts: Option<Arg<CallOptions>>) -> Result<service::Options, Error> {
    let expected = "{ force?: boolean, location?: string, remote?: boolean }";
    let opts = optional_options(opts, "options", expected)?.unwrap_or_default();
    Ok(service_options(opts.force, opts.location, opts.remote))
}

/// The core's options; the caller's `{ location, remote }` when either is given.
pub(super) fn service_options(
    force: Option<bool>,
    location: Option<String>,
    remote: Option<bool>,
) -> service::Options {
    // Only options that change something turn the cache off.
    let location = location.filter(|l| !l.trim().is_empty());
    let remote_only = remote.unwrap_or(false);
    let preferences = (location.is_some() || remote_only).then(|| {
        Arc::new(Preferences {
            location,
            remote_only,
        })
    });
    service::Options {
        force: force.unwrap_or(false),
        preferences,
        role: None,
    }
}

impl TryFrom<ConfigureOptions> for Configuration {
    type Error = Error;

    /// The one copy of the caller's options into the core's (which checks the values).
    fn try_from(o: ConfigureOptions) -> Result<Self, Error> {
        let c = o.collections.unwrap_or_default();
        let (mut collections, mut application_fields) =
            (CollectionNames::default(), ApplicationFields::default());
        for (target, value) in [
            (&mut collections.resumes, c.resumes),
            (&mut collections.job_postings, c.job_postings),
            (&mut collections.applications, c.applications),
            (&mut collections.resume_embeddings, c.resume_embeddings),
            (&mut collections.resume_scores, c.resume_scores),
            (&mut collections.job_embeddings, c.job_embeddings),
            (&mut collections.comparisons, c.comparisons),
            (&mut collections.text_embeddings, c.text_embeddings),
            (&mut collections.job_clusters, c.job_clusters),
            (&mut collections.catalogue_snapshots, c.catalogue_snapshots),
            (&mut collections.text_claims, c.text_claims),
            (&mut application_fields.user, c.application_user_field),
            (&mut application_fields.job, c.application_job_field),
        ] {
            if let Some(value) = value {
                *target = value;
            }
        }
        let l = o.limits.unwrap_or_default();
        Ok(Configuration {
            mongo_uri: o.mongo_uri,
            db_name: o.db_name,
            collections,
            application_fields,
            catalogue_refresh_seconds: o.catalogue.as_ref().and_then(|c| c.refresh_seconds),
            catalogue_snapshot_seconds: o.catalogue.as_ref().and_then(|c| c.snapshot_seconds),
            matching: o
                .matching
                .map(|name| {
                    MatchModel::parse(&name).ok_or_else(|| {
                        Error::InvalidArgument(format!(
                            "matching must be 'seed' or 'extended', got {name:?}"
                        ))
                    })
                })
                .transpose()?,
            precision: o
                .precision
                .map(|name| {
                    Precision::parse(&name).ok_or_else(|| {
                        Error::InvalidArgument(format!(
                            "precision must be 'fp32', 'bf16', 'int8' or 'auto', got {name:?}"
                        ))
                    })
                })
                .transpose()?,
            log: LogSettings {
                level: o
                    .log
                    .as_ref()
                    .and_then(|l| l.level.as_deref())
                    .map(|name| {
                        LogLevel::parse(name).ok_or_else(|| {
                            Error::InvalidArgument(format!(
                                "log.level must be 'off', 'info' or 'debug', got {name:?}"
                            ))
                        })
                    })
                    .transpose()?,
                ids: o.log.as_ref().and_then(|l| l.ids),
            },
            vector_search_index: o.vector_search.map(|v| v.index),
            limits: LimitOverrides {
                skills: l.skills,
                work_entries: l.work_entries,
                responsibilities_per_entry: l.responsibilities_per_entry,
                requirements: l.requirements,
                certifications: l.certifications,
                name_chars: l.name_chars,
                text_chars: l.text_chars,
            },
        })
    }
}

/// The shape of a long call's options for "options must be …" messages: its own fields, then
/// the `onProgress` and `signal` every long call takes.
macro_rules! long_call_shape {
    ($($field:literal),*) => {
        concat!("{ ", $($field, ", ",)* "onProgress?: function, signal?: AbortSignal }")
    };
}
pub(super) use long_call_shape;

/// Progress of a long call: `done` of `total` postings handled.
#[napi(object)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
}

type ProgressCallback = ThreadsafeFunction<Progress, (), Progress, napi::Status, false>;

/// Options of the long calls: `force`, plus progress reports and cancellation.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct LongCallOptions {
    /// Recompute even when fresh cached results exist, and overwrite them.
    pub force: Option<bool>,
    /// Comparisons: the candidate's location, instead of the resume's (computed fresh, not
    /// cached).
    pub location: Option<String>,
    /// Comparisons: the candidate wants remote work only (computed fresh, not cached).
    pub remote: Option<bool>,
    /// `getRecommendations` / `batchCompare`: only postings of this role type ('Backend',
    /// 'Full Stack', …; see docs/extended-matching.md).
    pub role_type: Option<String>,
    /// Called with `{ done, total }` as work proceeds (queued to the JS thread, never blocking).
    #[napi(ts_type = "(progress: Progress) => void")]
    pub on_progress: Option<ProgressCallback>,
    /// Aborting rejects the call with code `ABORTED`; caches stay consistent.
    #[napi(ts_type = "AbortSignal")]
    pub signal: Option<AbortFlag>,
}

/// Splits long-call options into the core's `Options` and `Control`.
pub(super) fn long_call(
    opts: Option<Arg<LongCallOptions>>,
) -> Result<(service::Options, service::Control), Error> {
    let expected = long_call_shape!(
        "force?: boolean",
        "location?: string",
        "remote?: boolean",
        "roleType?: string"
    );
    let Some(opts) = optional_options(opts, "options", expected)? else {
        return Ok(Default::default());
    };
    let role = match opts.role_type.as_deref() {
        None => None,
        Some(name) => Some(Role::parse(name).ok_or_else(|| {
            Error::InvalidArgument(format!(
                "roleType must be one of {}, got {name:?}",
                Role::names().join(", ")
            ))
        })?),
    };
    let (mut options, control) = long_call_parts(opts);
    options.role = role;
    Ok((options, control))
}

fn long_call_parts(opts: LongCallOptions) -> (service::Options, service::Control) {
    (
        service_options(opts.force, opts.location, opts.remote),
        control(opts.on_progress, opts.signal),
    )
}

/// The `force` of a long call without comparison preferences, and its [`control`].
pub(super) fn forced_control(
    force: Option<bool>,
    on_progress: Option<ProgressCallback>,
    signal: Option<AbortFlag>,
) -> (service::Options, service::Control) {
    (
        service_options(force, None, None),
        control(on_progress, signal),
    )
}

/// A long call's progress reports (queued to the JS thread) and abort flag, for the core.
pub(super) fn control(
    on_progress: Option<ProgressCallback>,
    signal: Option<AbortFlag>,
) -> service::Control {
    let progress = on_progress.map(|callback| {
        let callback = Arc::new(callback);
        Arc::new(move |p: service::Progress| {
            let progress = Progress {
                done: p.done as u32,
                total: p.total as u32,
            };
            callback.call(progress, ThreadsafeFunctionCallMode::NonBlocking);
        }) as Arc<dyn Fn(service::Progress) + Send + Sync>
    });
    match signal {
        Some(AbortFlag(flag, guard)) => service::Control::new(Some(flag), progress).holding(guard),
        None => service::Control::new(None, progress),
    }
}

/// Options of the calls over a set of postings (`backfillJobEmbeddings`, `marketInsights`).
#[napi(object, object_to_js = false)]
pub struct FilterOptions {
    /// MongoDB filter selecting the postings (default: all of them).
    #[napi(ts_type = "Record<string, unknown>")]
    pub filter: Option<serde_json::Value>,
    /// Only these postings (ids as hex strings), among those the filter selects: e.g. one
    /// chunk of `planBackfill()`. A malformed id rejects with `INVALID_ID`; unknown ids are
    /// skipped.
    pub job_ids: Option<Vec<String>>,
    pub force: Option<bool>,
    #[napi(ts_type = "(progress: Progress) => void")]
    pub on_progress: Option<ProgressCallback>,
    #[napi(ts_type = "AbortSignal")]
    pub signal: Option<AbortFlag>,
}

/// Splits `FilterOptions` into the filter (narrowed to `jobIds` when given) and the long-call
/// parts.
#[allow(clippy::type_complexity)]
pub(super) fn filtered_call(
    opts: Option<Arg<FilterOptions>>,
) -> Result<(bson::Document, (service::Options, service::Control)), Error> {
    let expected = long_call_shape!("filter?: object", "jobIds?: string[]", "force?: boolean");
    let Some(o) = optional_options(opts, "options", expected)? else {
        return Ok((bson::Document::new(), Default::default()));
    };
    let mut filter = filter_of(o.filter)?;
    if let Some(ids) = o.job_ids {
        let ids = ids
            .iter()
            .map(|id| parse_object_id(IdKind::Job, id))
            .collect::<Result<Vec<_>, Error>>()?;
        filter = service::only_jobs(filter, ids);
    }
    Ok((filter, forced_control(o.force, o.on_progress, o.signal)))
}

/// Options of `planBackfill`.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct PlanBackfillOptions {
    /// MongoDB filter selecting the postings (default: all of them).
    #[napi(ts_type = "Record<string, unknown>")]
    pub filter: Option<serde_json::Value>,
    /// Plan every matching posting, fresh cached embeddings or not (then backfill each chunk
    /// with `force: true` too).
    pub force: Option<bool>,
    /// Posting ids per chunk: a whole number from 1 to 10,000 (default 200).
    pub chunk_size: Option<f64>,
}

/// `planBackfill`'s filter, options and chunk size.
pub(super) fn plan_options(
    opts: Option<Arg<PlanBackfillOptions>>,
) -> Result<(bson::Document, service::Options, usize), Error> {
    let expected = "{ filter?: object, force?: boolean, chunkSize?: number }";
    let o = optional_options(opts, "options", expected)?.unwrap_or_default();
    Ok((
        filter_of(o.filter)?,
        service_options(o.force, None, None),
        service::backfill_chunk_size(o.chunk_size)?,
    ))
}

/// A caller's MongoDB filter (absent: every posting).
pub(super) fn filter_of(filter: Option<serde_json::Value>) -> Result<bson::Document, Error> {
    match filter {
        None => Ok(bson::Document::new()),
        Some(serde_json::Value::Object(filter)) => {
            bson::to_document(&filter).map_err(|e| Error::InvalidArgument(format!("filter: {e}")))
        }
        Some(_) => Err(Error::InvalidArgument("filter must be an object".into())),
    }
}

#[napi(object, object_to_js = false)]
pub struct ClusterOptions {
    /// How many clusters (1–200); absent: chosen by silhouette, 2 to 20.
    pub k: Option<f64>,
    /// MongoDB filter narrowing the active postings clustered (default: all of them).
    #[napi(ts_type = "Record<string, unknown>")]
    pub filter: Option<serde_json::Value>,
    /// Seed of every random choice (default 42): the same seed, postings and k give the same
    /// clusters.
    pub seed: Option<f64>,
    /// Recompute even when a cached result is fresh.
    pub force: Option<bool>,
    #[napi(ts_type = "(progress: Progress) => void")]
    pub on_progress: Option<ProgressCallback>,
    #[napi(ts_type = "AbortSignal")]
    pub signal: Option<AbortFlag>,
}
#[napi(object, object_to_js = false)]
pub struct SkillGapOptions {
    pub job_id: Option<String>,
    pub cluster_id: Option<f64>,
}

/// Options of `extractSkills`.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct ExtractSkillsOptions {
    /// At most this many skills (default 30).
    pub limit: Option<f64>,
    /// Also return the candidates that were not accepted, down to this score (0–1).
    pub min_score: Option<f64>,
    /// `false`: names only, no model.
    pub embedding: Option<bool>,
    /// Called with `{ done, total }` while the taxonomy's vectors are built (first call only).
    #[napi(ts_type = "(progress: Progress) => void")]
    pub on_progress: Option<ProgressCallback>,
    #[napi(ts_type = "AbortSignal")]
    pub signal: Option<AbortFlag>,
}

pub(super) fn limit_of(limit: Option<Arg<f64>>) -> Result<usize, Error> {
    service::result_limit(optional(limit, "limit", "a number")?)
}
