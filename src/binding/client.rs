//! The functions, each written once in [`commands!`] and exported twice: as a method of a
//! [`Client`] (`const ai = connect({ mongoUri, dbName })`, one configuration and database
//! per client) and as a free function acting on the default client (`configure` and the
//! environment), the API every existing caller and the seed's `run()` use. Every client
//! shares the process's one model.

use std::sync::{Arc, LazyLock, OnceLock};

use napi::bindgen_prelude::Float32Array;
use napi_derive::napi;

use super::args::{optional, optional_options, Arg, JOB, RESUME, USER};
use super::options::{
    call_options, control, filter_of, filtered_call, forced_control, limit_of, long_call,
    long_call_shape, plan_options, CallOptions, ClusterOptions, ConfigureOptions,
    ExtractSkillsOptions, FilterOptions, LongCallOptions, PlanBackfillOptions, SkillGapOptions,
};
use super::results::{
    self, Backfill, BackfillPlan, CatalogueStats, Comparison, DatabaseStatus, EngineStats,
    Invalidation, JobClusters, JobEmbeddings, MarketInsights, Metrics, ModelInfo, ResumeEmbeddings,
    ResumeScore, SimilarJob, SkillExtraction, SkillGap,
};
use super::shape::Strict;
use super::{call, js_name, Coded};
use crate::error::Error;
use crate::observe;
use crate::service;
use crate::service::connection::{engine, Connection};

/// The client behind the free functions: `configure` sets its configuration; until then it
/// is the environment's.
static DEFAULT: LazyLock<Arc<Connection>> = LazyLock::new(|| Arc::new(Connection::new()));

/// A configuration of its own (database, collections, limits, matching) with every function
/// as a method. `precision` is process-wide: every client shares the one model.
#[napi]
pub struct Client {
    connection: Arc<Connection>,
}

/// A client for `options` (what `configure` takes; anything left out falls back to the
/// environment and the defaults). A bad option throws an `Error` with code
/// `INVALID_ARGUMENT`; nothing connects until the first call.
#[napi(ts_return_type = "Client", catch_unwind)]
pub fn connect(
    #[napi(ts_arg_type = "ConfigureOptions")] options: Strict<ConfigureOptions>,
) -> Coded<Client> {
    let connection = Arc::new(Connection::new());
    configure_on(&connection, options)
        .map(|()| Client { connection })
        .into()
}

/// Points the default client at a database. Takes effect for the calls that start after it. A
/// bad option throws an `Error` with code `INVALID_ARGUMENT` and changes nothing.
#[napi(ts_return_type = "void", catch_unwind)]
pub fn configure(
    #[napi(ts_arg_type = "ConfigureOptions")] options: Strict<ConfigureOptions>,
) -> Coded<()> {
    configure_on(&DEFAULT, options).into()
}

/// What the model has computed so far in this process (every client's calls); a cache hit
/// leaves it unchanged.
#[napi(ts_return_type = "EngineStats", catch_unwind)]
pub fn engine_stats() -> Coded<EngineStats> {
    engine().map(|e| EngineStats::from(e.stats())).into()
}

#[napi]
impl Client {
    /// Changes this client's configuration, as `configure` does the default client's.
    #[napi(ts_return_type = "void", catch_unwind)]
    pub fn configure(
        &self,
        #[napi(ts_arg_type = "ConfigureOptions")] options: Strict<ConfigureOptions>,
    ) -> Coded<()> {
        configure_on(&self.connection, options).into()
    }

    /// As the free `engineStats()`: the process's one model.
    #[napi(ts_return_type = "EngineStats", catch_unwind)]
    pub fn engine_stats(&self) -> Coded<EngineStats> {
        engine_stats()
    }

    /// As the free `metrics()`, with this client's catalogue.
    #[napi(ts_return_type = "Promise<Metrics>")]
    pub async fn metrics(&self) -> napi::Result<Coded<Metrics>> {
        Ok(metrics_of(self.connection.clone()).await)
    }
}

/// Counters and histograms since the process started, as a plain object: calls, rejections
/// by code and latency per function; hits and misses per cache; the model queue's depth,
/// waits and batch sizes and the texts it embeds per second; the default client's
/// catalogue (size, age, listings). Reading them connects nothing and is not counted.
#[napi(ts_return_type = "Promise<Metrics>")]
pub async fn metrics() -> napi::Result<Coded<Metrics>> {
    Ok(metrics_of(DEFAULT.clone()).await)
}

async fn metrics_of(on: Arc<Connection>) -> Coded<Metrics> {
    let read = tokio::spawn(async move {
        let engine = engine()?;
        let catalogue = match on.current_service() {
            Some(service) => Some(service.catalogue_stats().await),
            None => None,
        };
        Ok::<_, Error>(Metrics::read(
            engine.stats(),
            engine.queue_metrics(),
            catalogue,
        ))
    });
    let outcome = read
        .await
        .map_err(|e| Error::Internal(e.to_string()))
        .and_then(|r| r);
    Coded::from(outcome)
}

fn configure_on(connection: &Connection, options: Strict<ConfigureOptions>) -> Result<(), Error> {
    let options = options.options("configure's argument", "an options object")?;
    connection.configure(options.try_into()?)
}

/// Runs a function's body as one observed call (timed, counted, logged: `observe::observed`)
/// under the function's JS name; its metrics are found once per call site.
macro_rules! observed {
    ($name:ident, $body:block) => {{
        static FUNCTION: OnceLock<&'static observe::FunctionMetrics> = OnceLock::new();
        let function =
            *FUNCTION.get_or_init(|| observe::metrics::function(&js_name(stringify!($name))));
        observe::observed(function, async move $body, Coded::error_code).await
    }};
}

/// Defines each function once, from its body, as a [`Client`] method and as a free function
/// on [`DEFAULT`]. Docs are written `#[doc = "…"]`: a `///` comment passed through
/// `macro_rules!` reaches napi as a raw string, which its `index.d.ts` generator misreads. `fn name(on, arg: Type => "ts type", …) -> "ts return" Result { body }`:
/// the body sees the client's `Arc<Connection>` as `on` and returns a `Coded<Result>`.
macro_rules! commands {
    ($(
        $(#[doc = $doc:tt])*
        fn $name:ident($on:tt $(, $arg:ident: $ty:ty => $ts:tt)* $(,)?) -> $ret_ts:tt $ret:ty $body:block
    )*) => {
        #[napi]
        impl Client {
            $(
                $(#[doc = $doc])*
                #[napi(ts_return_type = $ret_ts)]
                pub async fn $name(&self, $(#[napi(ts_arg_type = $ts)] $arg: $ty),*) -> napi::Result<Coded<$ret>> {
                    let $on = self.connection.clone();
                    Ok(observed!($name, $body))
                }
            )*
        }

        $(
            $(#[doc = $doc])*
            #[napi(ts_return_type = $ret_ts)]
            pub async fn $name($(#[napi(ts_arg_type = $ts)] $arg: $ty),*) -> napi::Result<Coded<$ret>> {
                let $on = DEFAULT.clone();
                Ok(observed!($name, $body))
            }
        )*
    };
}

commands! {
    #[doc = " Embeds texts with all-mpnet-base-v2: one L2-normalised 768-d `Float32Array` per text, in order."]
    fn embed(_, texts: Arg<Vec<String>> => "string[]") -> "Promise<Float32Array[]>" Vec<Float32Array> {
        let vectors = async {
            let texts = texts.value("texts", "an array of strings")?;
            engine()?.embed(texts).await
        };
        vectors
            .await
            .map(|v| v.into_iter().map(Float32Array::new).collect())
            .into()
    }

    #[doc = " Loads the model if it is not loaded yet and describes it."]
    fn model_info(_) -> "Promise<ModelInfo>" ModelInfo {
        let info = async { engine()?.info().await };
        info.await.map(ModelInfo::from).into()
    }

    #[doc = " Token ids exactly as the model sees them (special tokens included, truncated to maxTokens)."]
    fn tokenize(_, texts: Arg<Vec<String>> => "string[]") -> "Promise<number[][]>" Vec<Vec<u32>> {
        let ids = async {
            let texts = texts.value("texts", "an array of strings")?;
            engine()?.tokenize(texts).await
        };
        ids.await.into()
    }

    #[doc = " `score_resume <resume_id>`: quality score 0–100, grade, breakdown, advice."]
    fn score_resume(
        on,
        resume_id: Arg<String> => "string",
        opts: Option<Arg<CallOptions>> => "CallOptions | undefined | null",
    ) -> "Promise<ResumeScore>" ResumeScore {
        let args = (|| Ok((resume_id.id(RESUME)?, call_options(opts)?)))();
        call(on, args, |s, (resume_id, opts)| async move {
            s.score_resume(&resume_id, opts).await
        })
        .await
        .map(ResumeScore::from)
    }

    #[doc = " `generate_resume_embeddings <resume_id>`: mean embeddings of skills, workExperience, certifications."]
    fn generate_resume_embeddings(
        on,
        resume_id: Arg<String> => "string",
        opts: Option<Arg<CallOptions>> => "CallOptions | undefined | null",
    ) -> "Promise<ResumeEmbeddings>" ResumeEmbeddings {
        let args = (|| Ok((resume_id.id(RESUME)?, call_options(opts)?)))();
        call(on, args, |s, (resume_id, opts)| async move {
            s.resume_embeddings(&resume_id, opts).await
        })
        .await
        .map(ResumeEmbeddings::from)
    }

    #[doc = " `generate_job_embeddings <job_id>`: mean embeddings of jobTitle, skills, requirements, experienceLevel, location."]
    fn generate_job_embeddings(
        on,
        job_id: Arg<String> => "string",
        opts: Option<Arg<CallOptions>> => "CallOptions | undefined | null",
    ) -> "Promise<JobEmbeddings>" JobEmbeddings {
        let args = (|| Ok((job_id.id(JOB)?, call_options(opts)?)))();
        call(on, args, |s, (job_id, opts)| async move {
            s.job_embeddings(&job_id, opts).await
        })
        .await
        .map(JobEmbeddings::from)
    }

    #[doc = " `compare_resume_job <resume_id> <job_id>`: match percentage, level, breakdown, skills."]
    fn compare_resume_job(
        on,
        resume_id: Arg<String> => "string",
        job_id: Arg<String> => "string",
        opts: Option<Arg<CallOptions>> => "CallOptions | undefined | null",
    ) -> "Promise<Comparison>" Comparison {
        let args = (|| Ok((resume_id.id(RESUME)?, job_id.id(JOB)?, call_options(opts)?)))();
        call(on, args, |s, (resume_id, job_id, opts)| async move {
            s.compare_resume_job(&resume_id, &job_id, opts).await
        })
        .await
        .map(Comparison::from)
    }

    #[doc = " `batch_compare <resume_id> <job_ids> <limit>`: comparisons with the existing postings among"]
    #[doc = " `jobIds`, best first, at most `limit` (default 20)."]
    fn batch_compare(
        on,
        resume_id: Arg<String> => "string",
        job_ids: Arg<Vec<String>> => "string[]",
        limit: Option<Arg<f64>> => "number | undefined | null",
        opts: Option<Arg<LongCallOptions>> => "LongCallOptions | undefined | null",
    ) -> "Promise<Comparison[]>" Vec<Comparison> {
        let args = (|| {
            Ok((
                resume_id.id(RESUME)?,
                job_ids.value("jobIds", "an array of id strings")?,
                limit_of(limit)?,
                long_call(opts)?,
            ))
        })();
        call(on, args, |s, (resume_id, job_ids, limit, (opts, control))| async move {
            s.batch_compare(&resume_id, &job_ids, limit, opts, &control).await
        })
        .await
        .map(results::comparisons)
    }

    #[doc = " `get_recommendations <user_id> <resume_id> <limit>`: active postings the user has not"]
    #[doc = " applied to, best match first, at most `limit` (default 20)."]
    fn get_recommendations(
        on,
        user_id: Arg<String> => "string",
        resume_id: Arg<String> => "string",
        limit: Option<Arg<f64>> => "number | undefined | null",
        opts: Option<Arg<LongCallOptions>> => "LongCallOptions | undefined | null",
    ) -> "Promise<Comparison[]>" Vec<Comparison> {
        let args = (|| {
            Ok((
                user_id.id(USER)?,
                resume_id.id(RESUME)?,
                limit_of(limit)?,
                long_call(opts)?,
            ))
        })();
        call(on, args, |s, (user_id, resume_id, limit, (opts, control))| async move {
            s.recommendations(&user_id, &resume_id, limit, opts, &control).await
        })
        .await
        .map(results::comparisons)
    }

    #[doc = " Embeds every posting matching `filter` (and among `jobIds` when given) that lacks fresh"]
    #[doc = " cached embeddings. Processes sharing the database embed each new text once: see"]
    #[doc = " `planBackfill` for a backfill split across workers."]
    fn backfill_job_embeddings(
        on,
        opts: Option<Arg<FilterOptions>> => "FilterOptions | undefined | null",
    ) -> "Promise<Backfill>" Backfill {
        call(on, filtered_call(opts), |s, (filter, (opts, control))| async move {
            s.backfill_job_embeddings(filter, opts, &control).await
        })
        .await
        .map(Backfill::from)
    }

    #[doc = " What `backfillJobEmbeddings` would embed, as chunks of posting ids (in id order, at most"]
    #[doc = " `chunkSize` each, default 200) for the jobs of a queue: a worker backfills one chunk with"]
    #[doc = " `backfillJobEmbeddings({ jobIds: chunk })`. Any number of workers, in any processes,"]
    #[doc = " embed each new text once between them. Embeds nothing."]
    fn plan_backfill(
        on,
        opts: Option<Arg<PlanBackfillOptions>> => "PlanBackfillOptions | undefined | null",
    ) -> "Promise<BackfillPlan>" BackfillPlan {
        call(on, plan_options(opts), |s, (filter, opts, chunk)| async move {
            s.plan_backfill(filter, opts, chunk).await
        })
        .await
        .map(BackfillPlan::from)
    }

    #[doc = " `cluster_jobs [k]`: families of active postings (k-means over their skills and title"]
    #[doc = " vectors), each named, with its top skills and postings. Cached in `jobclusters`."]
    fn cluster_jobs(
        on,
        opts: Option<Arg<ClusterOptions>> => "ClusterOptions | undefined | null",
    ) -> "Promise<JobClusters>" JobClusters {
        let args = (|| {
            let expected = long_call_shape!(
                "k?: number",
                "filter?: object",
                "seed?: number",
                "force?: boolean"
            );
            let Some(o) = optional_options(opts, "options", expected)? else {
                return Ok((service::ClusterRequest::default(), Default::default()));
            };
            let request = service::ClusterRequest {
                k: service::cluster_count(o.k)?,
                filter: filter_of(o.filter)?,
                seed: service::cluster_seed(o.seed)?,
            };
            Ok((request, forced_control(o.force, o.on_progress, o.signal)))
        })();
        call(on, args, |s, (request, (opts, control))| async move {
            s.cluster_jobs(request, opts, &control).await
        })
        .await
        .map(JobClusters::from)
    }

    #[doc = " `similar_jobs <job_id> [limit]`: the active postings nearest to a posting (default 10),"]
    #[doc = " most similar first."]
    fn similar_jobs(
        on,
        job_id: Arg<String> => "string",
        limit: Option<Arg<f64>> => "number | undefined | null",
        opts: Option<Arg<LongCallOptions>> => "LongCallOptions | undefined | null",
    ) -> "Promise<SimilarJob[]>" Vec<SimilarJob> {
        let args = (|| {
            Ok((
                job_id.id(JOB)?,
                service::similar_limit(optional(limit, "limit", "a number")?)?,
                long_call(opts)?.1,
            ))
        })();
        call(on, args, |s, (job_id, limit, control)| async move {
            s.similar_jobs(&job_id, limit, &control).await
        })
        .await
        .map(results::similar_jobs)
    }

    #[doc = " `market_insights`: skill demand, experience levels, locations, postings by status and the"]
    #[doc = " clusters' top skills, over the active postings."]
    fn market_insights(
        on,
        opts: Option<Arg<FilterOptions>> => "FilterOptions | undefined | null",
    ) -> "Promise<MarketInsights>" MarketInsights {
        call(on, filtered_call(opts), |s, (filter, (opts, control))| async move {
            s.market_insights(filter, opts, &control).await
        })
        .await
        .map(MarketInsights::from)
    }

    #[doc = " `extract_skills <text>`: the skills a free text names on the taxonomy (ESCO and the tool"]
    #[doc = " layer), by name and by embedding, best first."]
    fn extract_skills(
        on,
        text: Arg<String> => "string",
        opts: Option<Arg<ExtractSkillsOptions>> => "ExtractSkillsOptions | undefined | null",
    ) -> "Promise<SkillExtraction>" SkillExtraction {
        let args = (|| {
            let text = text.value("text", "a string")?;
            let expected =
                long_call_shape!("limit?: number", "minScore?: number", "embedding?: boolean");
            let opts = optional_options(opts, "options", expected)?.unwrap_or_default();
            let defaults = service::ExtractOptions::default();
            let options = service::ExtractOptions {
                limit: match opts.limit {
                    None => defaults.limit,
                    some => service::result_limit(some)?,
                },
                min_score: opts.min_score.map(|s| s as f32),
                embedding: opts.embedding.unwrap_or(defaults.embedding),
            };
            let control = control(opts.on_progress, opts.signal);
            Ok((text, options, control))
        })();
        call(on, args, |s, (text, options, control)| async move {
            s.extract_skills(&text, options, &control).await
        })
        .await
        .map(results::skill_extraction)
    }

    #[doc = " `skill_gap <resume_id> [job_id]`: the skills a posting (`{ jobId }`), a cluster of"]
    #[doc = " `clusterJobs()` (`{ clusterId }`) or, by default, the cluster nearest to the resume asks"]
    #[doc = " for that the resume lacks, most important first, each with the resume's closest skill."]
    fn skill_gap(
        on,
        resume_id: Arg<String> => "string",
        target: Option<Arg<SkillGapOptions>> => "{ jobId: string } | { clusterId: number } | undefined | null",
    ) -> "Promise<SkillGap>" SkillGap {
        let args = (|| Ok((resume_id.id(RESUME)?, gap_target(target)?)))();
        call(on, args, |s, (resume_id, target)| async move {
            s.skill_gap(&resume_id, target).await
        })
        .await
        .map(SkillGap::from)
    }

    #[doc = " The Python service's CLI as a function: `run('score_resume', [id])` returns what"]
    #[doc = " `python main.py score_resume <id>` printed. `force` applies to every command; the long"]
    #[doc = " ones also accept `onProgress` and `signal`."]
    fn run(
        on,
        command: Arg<String> => "string",
        args: Arg<Vec<String>> => "string[]",
        opts: Option<Arg<LongCallOptions>> => "LongCallOptions | undefined | null",
    ) -> "Promise<ResumeScore | ResumeEmbeddings | JobEmbeddings | Comparison | Comparison[] | JobClusters | SimilarJob[] | MarketInsights | SkillGap>" serde_json::Value {
        let parsed = (|| {
            Ok((
                command.value("command", "a command name")?,
                args.value("args", "an array of strings")?,
                long_call(opts)?,
            ))
        })();
        call(on, parsed, |s, (command, args, (opts, control))| async move {
            service::run(&s, &command, &args, opts, &control).await
        })
        .await
    }

    #[doc = " Whether the configured database answers and which cache indexes it has (for deployment"]
    #[doc = " checks: `resume-ai doctor`). Creates nothing; an unreachable server rejects with"]
    #[doc = " `DB_UNAVAILABLE`."]
    fn database_status(on) -> "Promise<DatabaseStatus>" DatabaseStatus {
        database_call(tokio::spawn(async move { on.database_status().await })).await
    }

    #[doc = " `resume-ai init`: creates the cache collections' indexes (unique keys, TTLs) in the"]
    #[doc = " configured database now instead of on the first call, and reports them. Safe to run"]
    #[doc = " again; a user without the createIndex privilege gets `DB_ERROR` with the server's"]
    #[doc = " message."]
    fn init_database(on) -> "Promise<DatabaseStatus>" DatabaseStatus {
        database_call(tokio::spawn(async move { on.init_database().await })).await
    }

    #[doc = " What the in-process catalogue of active postings holds, and what its last ranking cost."]
    fn catalogue_stats(on) -> "Promise<CatalogueStats>" CatalogueStats {
        call(on, Ok(()), |s, ()| async move { Ok(s.catalogue_stats().await) })
            .await
            .map(CatalogueStats::from)
    }

    #[doc = " Writes the catalogue of active postings to the database as its snapshot now (listing"]
    #[doc = " the postings first if this process has not), and returns the snapshot's bytes. Run it"]
    #[doc = " after a backfill so that processes started next begin from it; listings also write one"]
    #[doc = " when the database's is older than `catalogue.snapshotSeconds`."]
    fn save_catalogue_snapshot(on) -> "Promise<number>" f64 {
        call(on, Ok(()), |s, ()| async move { s.save_catalogue_snapshot().await })
            .await
            .map(|bytes| bytes as f64)
    }

    #[doc = " The webhook path: drops the resume's cached embeddings, score and comparisons."]
    fn invalidate_resume(on, resume_id: Arg<String> => "string") -> "Promise<Invalidation>" Invalidation {
        call(on, resume_id.id(RESUME), |s, resume_id| async move {
            s.invalidate_resume(&resume_id).await
        })
        .await
        .map(Invalidation::from)
    }

    #[doc = " Drops the posting's cached embeddings and comparisons."]
    fn invalidate_job(on, job_id: Arg<String> => "string") -> "Promise<Invalidation>" Invalidation {
        call(on, job_id.id(JOB), |s, job_id| async move {
            s.invalidate_job(&job_id).await
        })
        .await
        .map(Invalidation::from)
    }
}

/// `skillGap`'s target: a posting, a cluster, or (absent) the cluster nearest the resume.
fn gap_target(target: Option<Arg<SkillGapOptions>>) -> Result<service::GapTarget, Error> {
    let expected = "{ jobId: string } or { clusterId: number }";
    Ok(match optional_options(target, "target", expected)? {
        None
        | Some(SkillGapOptions {
            job_id: None,
            cluster_id: None,
        }) => service::GapTarget::NearestCluster,
        Some(SkillGapOptions {
            job_id: Some(job),
            cluster_id: None,
        }) => service::GapTarget::Job(job),
        Some(SkillGapOptions {
            job_id: None,
            cluster_id: Some(id),
        }) => service::GapTarget::Cluster(service::cluster_id(id)?),
        Some(_) => {
            return Err(Error::InvalidArgument(format!(
                "target must be {expected}, not both"
            )))
        }
    })
}

/// A database check run on its own task (no service is built for it), as a JS result.
async fn database_call(
    task: tokio::task::JoinHandle<crate::error::Result<service::connection::DatabaseStatus>>,
) -> Coded<DatabaseStatus> {
    let outcome = task
        .await
        .map_err(|e| Error::Internal(e.to_string()))
        .and_then(|r| r);
    Coded::from(outcome).map(DatabaseStatus::from)
}
