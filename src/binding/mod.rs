//! The napi layer: converts JS arguments to core calls and core results and errors to JS.
//! Nothing else lives here.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use napi::bindgen_prelude::{
    Float32Array, FnArgs, FromNapiValue, Function, JsObjectValue, Object, ToNapiValue, TypeName,
    Unknown, ValidateNapiValue,
};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{sys, Env};
use napi_derive::napi;

use crate::domain::factors::{Preferences, Role};
use crate::engine::EngineHandle;
use crate::error::Error;
mod results;

use crate::service::registry::{CollectionOverrides, Configuration, LimitOverrides, Registry};
use crate::service::{self, Service};
use results::{
    Backfill, CatalogueStats, Comparison, DatabaseStatus, Invalidation, JobClusters, JobEmbeddings,
    MarketInsights, ResumeEmbeddings, ResumeScore, SimilarJob, SkillGap,
};

/// The configuration and the service of the process (see `service::registry`).
static REGISTRY: Registry = Registry::new();

fn engine() -> &'static EngineHandle {
    REGISTRY.engine()
}

/// The outcome of a core call, settled on the JS thread: a value, or a JS `Error` whose `code`
/// is the core error's stable code (napi's own errors can only carry napi status names).
pub struct Coded<T>(Result<T, Error>);

impl<T> Coded<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Coded<U> {
        Coded(self.0.map(f))
    }
}

impl<T> From<Result<T, Error>> for Coded<T> {
    fn from(result: Result<T, Error>) -> Self {
        Self(result)
    }
}

impl<T: ToNapiValue> ToNapiValue for Coded<T> {
    unsafe fn to_napi_value(env: sys::napi_env, value: Self) -> napi::Result<sys::napi_value> {
        match value.0 {
            Ok(v) => T::to_napi_value(env, v),
            Err(e) => {
                let code = String::to_napi_value(env, e.code().to_string())?;
                let message = String::to_napi_value(env, e.to_string())?;
                let mut error = std::ptr::null_mut();
                napi::check_status!(sys::napi_create_error(env, code, message, &mut error))?;
                // An Err carrying a JS value rejects the promise with exactly that value.
                Err(napi::Error::from(Unknown::from_raw_unchecked(env, error)))
            }
        }
    }
}

/// A JS argument, converted when the call starts. napi's own conversion throws synchronously,
/// before a promise exists, with codes of its own (`StringExpected`); an `Arg` keeps the
/// failure instead, so the call rejects with our `INVALID_ARGUMENT` / `INVALID_ID` like every
/// other error. The declared TypeScript type is given next to each parameter.
pub struct Arg<T> {
    value: napi::Result<T>,
    /// What the JS value is ("a number", "an array", …), for messages.
    got: &'static str,
}

impl<T: FromNapiValue + ValidateNapiValue> FromNapiValue for Arg<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // The type check first: napi converts a string into an options object with every
        // field absent, where a wrong value must be an error.
        let converted = T::validate(env, value).and_then(|_| T::from_napi_value(env, value));
        Ok(Arg {
            value: converted,
            got: js_type(env, value),
        })
    }
}

const ARRAY: &str = "an array";

/// What a JS value is, for "… must be …, got …" messages.
unsafe fn js_type(env: sys::napi_env, value: sys::napi_value) -> &'static str {
    let mut kind = 0;
    if sys::napi_typeof(env, value, &mut kind) != sys::Status::napi_ok {
        return "an unreadable value";
    }
    let mut is_array = false;
    sys::napi_is_array(env, value, &mut is_array);
    match kind {
        sys::ValueType::napi_undefined => "undefined",
        sys::ValueType::napi_null => "null",
        sys::ValueType::napi_boolean => "a boolean",
        sys::ValueType::napi_number => "a number",
        sys::ValueType::napi_string => "a string",
        sys::ValueType::napi_function => "a function",
        sys::ValueType::napi_symbol => "a symbol",
        sys::ValueType::napi_object if is_array => ARRAY,
        sys::ValueType::napi_object => "an object",
        _ => "a value of another type",
    }
}

impl<T> Arg<T> {
    /// The value, or `INVALID_ARGUMENT` "`name` must be `expected`, got …".
    fn value(self, name: &str, expected: &str) -> Result<T, Error> {
        let got = self.got;
        self.value.map_err(|_| {
            // The right kind of value with a wrong part inside, or a wrong kind of value.
            let detail = match got {
                ARRAY if expected.contains("array") => "an array with an element of the wrong type",
                "an object" if expected.starts_with('{') || expected.contains("object") => {
                    "an object with a field of the wrong type"
                }
                other => other,
            };
            Error::InvalidArgument(format!("{name} must be {expected}, got {detail}"))
        })
    }

    /// An options object: as [`Arg::value`], and an array is refused too (napi reads one as
    /// an object with every option absent).
    fn options(self, name: &str, expected: &str) -> Result<T, Error> {
        if self.got == ARRAY {
            return Err(Error::InvalidArgument(format!(
                "{name} must be {expected}, got an array"
            )));
        }
        self.value(name, expected)
    }
}

impl Arg<String> {
    /// An id: a string, else `INVALID_ID` in the seed's wording (`"Resume not found: …"`).
    fn id(self, not_found: &str) -> Result<String, Error> {
        let got = self.got;
        self.value
            .map_err(|_| Error::InvalidId(format!("{not_found}: {got}, not an id string")))
    }
}

/// An optional argument: absent (`undefined` or `null`) is `None`.
fn optional<T>(arg: Option<Arg<T>>, name: &str, expected: &str) -> Result<Option<T>, Error> {
    arg.map(|a| a.value(name, expected)).transpose()
}

/// An optional options object: absent is `None`.
fn optional_options<T>(
    arg: Option<Arg<T>>,
    name: &str,
    expected: &str,
) -> Result<Option<T>, Error> {
    arg.map(|a| a.options(name, expected)).transpose()
}

const RESUME: &str = "Resume not found";
const JOB: &str = "Job not found";

#[napi(object)]
pub struct ModelInfo {
    pub name: String,
    pub dimension: u32,
    pub max_tokens: u32,
    pub sha256: String,
    pub threads: u32,
    pub model_dir: String,
    /// The weights are the published all-mpnet-base-v2 (their sha256 matches).
    pub verified: bool,
    /// SIMD features of this CPU that the kernels choose from at run time.
    pub cpu_features: Vec<String>,
    /// The kernels that run, chosen at run time: `avx512`, `avx2` or `portable`.
    #[napi(ts_type = "'avx512' | 'avx2' | 'portable'")]
    pub kernels: String,
    /// The matmuls' arithmetic that runs: `fp32`, or `bf16` where it was asked for and the
    /// CPU has AVX512_BF16.
    #[napi(ts_type = "'fp32' | 'bf16'")]
    pub precision: String,
}

/// Embeds texts with all-mpnet-base-v2: one L2-normalised 768-d `Float32Array` per text, in order.
#[napi(ts_return_type = "Promise<Float32Array[]>")]
pub async fn embed(
    #[napi(ts_arg_type = "string[]")] texts: Arg<Vec<String>>,
) -> napi::Result<Coded<Vec<Float32Array>>> {
    let vectors = async {
        let texts = texts.value("texts", "an array of strings")?;
        engine().embed(texts).await
    };
    Ok(vectors
        .await
        .map(|v| v.into_iter().map(Float32Array::new).collect())
        .into())
}

/// Loads the model if it is not loaded yet and describes it.
#[napi(ts_return_type = "Promise<ModelInfo>")]
pub async fn model_info() -> napi::Result<Coded<ModelInfo>> {
    let info = engine().info().await.map(|info| ModelInfo {
        name: info.name,
        dimension: info.dimension as u32,
        max_tokens: info.max_tokens as u32,
        threads: info.threads as u32,
        model_dir: info.model_dir,
        verified: info.sha256 == crate::engine::MODEL_SHA256,
        cpu_features: info.cpu_features.iter().map(|f| f.to_string()).collect(),
        kernels: info.kernels.to_string(),
        precision: info.precision.name().to_string(),
        sha256: info.sha256,
    });
    Ok(info.into())
}

#[napi(object)]
pub struct EngineStats {
    /// Distinct texts run through the model since the process started.
    pub texts_embedded: i64,
    /// Model invocations (each may batch many callers' texts).
    pub model_calls: i64,
    /// Forward passes of the network: an invocation runs several when its texts exceed the
    /// token budget of one pass or `BATCH_SIZE`.
    pub forward_passes: i64,
}

/// What the model has computed so far in this process; a cache hit leaves it unchanged.
#[napi]
pub fn engine_stats() -> EngineStats {
    let stats = engine().stats();
    EngineStats {
        texts_embedded: stats.texts_embedded as i64,
        model_calls: stats.model_calls as i64,
        forward_passes: stats.forward_passes as i64,
    }
}

/// Token ids exactly as the model sees them (special tokens included, truncated to maxTokens).
#[napi(ts_return_type = "Promise<number[][]>")]
pub async fn tokenize(
    #[napi(ts_arg_type = "string[]")] texts: Arg<Vec<String>>,
) -> napi::Result<Coded<Vec<Vec<u32>>>> {
    let ids = async {
        let texts = texts.value("texts", "an array of strings")?;
        engine().tokenize(texts).await
    };
    Ok(ids.await.into())
}

// ---------------------------------------------------------------------------------------------
// The seed's commands over MongoDB
// ---------------------------------------------------------------------------------------------

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
    /// `'extended'` (blended with the factors; see the README).
    #[napi(ts_type = "'seed' | 'extended'")]
    pub matching: Option<String>,
    /// The encoder's matmul arithmetic for the whole process: `'fp32'` (default) or `'bf16'`
    /// (AVX512_BF16 CPUs; fp32 elsewhere, as `modelInfo().precision` says). Changing it
    /// repacks the weights before the next embedding. Kept when a later call leaves it out.
    #[napi(ts_type = "'fp32' | 'bf16'")]
    pub precision: Option<String>,
}

/// How much of one document the model embeds (see the README's limits table); each a whole
/// number from 1 up.
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
}

/// MongoDB Atlas only: take recommendation candidates from a `$vectorSearch` index over
/// `jobpostingembeddings.matchVector` instead of the in-process catalogue (see the README).
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

fn call_options(opts: Option<Arg<CallOptions>>) -> Result<service::Options, Error> {
    let expected = "{ force?: boolean, location?: string, remote?: boolean }";
    let opts = optional_options(opts, "options", expected)?.unwrap_or_default();
    Ok(service_options(opts.force, opts.location, opts.remote))
}

/// The core's options; the caller's `{ location, remote }` when either is given.
fn service_options(
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

/// Points resume-ai at a database. Takes effect for the calls that start after it. A bad
/// option throws an `Error` with code `INVALID_ARGUMENT` and changes nothing.
#[napi(ts_return_type = "void", catch_unwind)]
pub fn configure(
    #[napi(ts_arg_type = "ConfigureOptions")] options: Arg<ConfigureOptions>,
) -> Coded<()> {
    options
        .options("configure's argument", "an options object")
        .and_then(|options| REGISTRY.configure(options.into()))
        .into()
}

impl From<ConfigureOptions> for Configuration {
    fn from(o: ConfigureOptions) -> Self {
        let c = o.collections.unwrap_or_default();
        let l = o.limits.unwrap_or_default();
        Configuration {
            mongo_uri: o.mongo_uri,
            db_name: o.db_name,
            collections: CollectionOverrides {
                resumes: c.resumes,
                job_postings: c.job_postings,
                applications: c.applications,
                resume_embeddings: c.resume_embeddings,
                resume_scores: c.resume_scores,
                job_embeddings: c.job_embeddings,
                comparisons: c.comparisons,
                text_embeddings: c.text_embeddings,
                job_clusters: c.job_clusters,
                application_user_field: c.application_user_field,
                application_job_field: c.application_job_field,
            },
            catalogue_refresh_seconds: o.catalogue.and_then(|c| c.refresh_seconds),
            matching: o.matching,
            precision: o.precision,
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
        }
    }
}

/// Runs a service call on the shared runtime once its arguments are known to be good (a bad
/// one rejects before the database is touched); a panic becomes an `INTERNAL_ERROR`
/// rejection instead of a promise that never settles.
async fn call<A, T, F, Fut>(args: Result<A, Error>, f: F) -> Coded<T>
where
    F: FnOnce(std::sync::Arc<Service>, A) -> Fut,
    Fut: std::future::Future<Output = Result<T, Error>> + Send + 'static,
    T: Send + 'static,
{
    let outcome = async {
        let args = args?;
        let service = REGISTRY.service().await?;
        let task = tokio::spawn(f(service, args));
        task.await.map_err(|e| Error::Internal(e.to_string()))?
    };
    outcome.await.into()
}

/// `score_resume <resume_id>`: quality score 0–100, grade, breakdown, advice.
#[napi(ts_return_type = "Promise<ResumeScore>")]
pub async fn score_resume(
    #[napi(ts_arg_type = "string")] resume_id: Arg<String>,
    #[napi(ts_arg_type = "CallOptions | undefined | null")] opts: Option<Arg<CallOptions>>,
) -> napi::Result<Coded<ResumeScore>> {
    let args = (|| Ok((resume_id.id(RESUME)?, call_options(opts)?)))();
    Ok(call(args, |s, (resume_id, opts)| async move {
        s.score_resume(&resume_id, opts).await
    })
    .await
    .map(ResumeScore::from))
}

/// `generate_resume_embeddings <resume_id>`: mean embeddings of skills, workExperience, certifications.
#[napi(ts_return_type = "Promise<ResumeEmbeddings>")]
pub async fn generate_resume_embeddings(
    #[napi(ts_arg_type = "string")] resume_id: Arg<String>,
    #[napi(ts_arg_type = "CallOptions | undefined | null")] opts: Option<Arg<CallOptions>>,
) -> napi::Result<Coded<ResumeEmbeddings>> {
    let args = (|| Ok((resume_id.id(RESUME)?, call_options(opts)?)))();
    Ok(call(args, |s, (resume_id, opts)| async move {
        s.resume_embeddings(&resume_id, opts).await
    })
    .await
    .map(ResumeEmbeddings::from))
}

/// `generate_job_embeddings <job_id>`: mean embeddings of jobTitle, skills, requirements, experienceLevel, location.
#[napi(ts_return_type = "Promise<JobEmbeddings>")]
pub async fn generate_job_embeddings(
    #[napi(ts_arg_type = "string")] job_id: Arg<String>,
    #[napi(ts_arg_type = "CallOptions | undefined | null")] opts: Option<Arg<CallOptions>>,
) -> napi::Result<Coded<JobEmbeddings>> {
    let args = (|| Ok((job_id.id(JOB)?, call_options(opts)?)))();
    Ok(call(args, |s, (job_id, opts)| async move {
        s.job_embeddings(&job_id, opts).await
    })
    .await
    .map(JobEmbeddings::from))
}

/// `compare_resume_job <resume_id> <job_id>`: match percentage, level, breakdown, skills.
#[napi(ts_return_type = "Promise<Comparison>")]
pub async fn compare_resume_job(
    #[napi(ts_arg_type = "string")] resume_id: Arg<String>,
    #[napi(ts_arg_type = "string")] job_id: Arg<String>,
    #[napi(ts_arg_type = "CallOptions | undefined | null")] opts: Option<Arg<CallOptions>>,
) -> napi::Result<Coded<Comparison>> {
    let args = (|| Ok((resume_id.id(RESUME)?, job_id.id(JOB)?, call_options(opts)?)))();
    Ok(call(args, |s, (resume_id, job_id, opts)| async move {
        s.compare_resume_job(&resume_id, &job_id, opts).await
    })
    .await
    .map(Comparison::from))
}

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
    /// 'Full Stack', …; see the README).
    pub role_type: Option<String>,
    /// Called with `{ done, total }` as work proceeds (queued to the JS thread, never blocking).
    #[napi(ts_type = "(progress: Progress) => void")]
    pub on_progress: Option<ProgressCallback>,
    /// Aborting rejects the call with code `ABORTED`; caches stay consistent.
    #[napi(ts_type = "AbortSignal")]
    pub signal: Option<AbortFlag>,
}

/// Splits long-call options into the core's `Options` and `Control`.
fn long_call(
    opts: Option<Arg<LongCallOptions>>,
) -> Result<(service::Options, service::Control), Error> {
    let expected = "{ force?: boolean, location?: string, remote?: boolean, roleType?: string, onProgress?: function, signal?: AbortSignal }";
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
    let progress = opts.on_progress.map(|callback| {
        let callback = Arc::new(callback);
        Arc::new(move |p: service::Progress| {
            let progress = Progress {
                done: p.done as u32,
                total: p.total as u32,
            };
            callback.call(progress, ThreadsafeFunctionCallMode::NonBlocking);
        }) as Arc<dyn Fn(service::Progress) + Send + Sync>
    });
    let options = service_options(opts.force, opts.location, opts.remote);
    (
        options,
        match opts.signal {
            Some(AbortFlag(flag, guard)) => {
                service::Control::new(Some(flag), progress).holding(guard)
            }
            None => service::Control::new(None, progress),
        },
    )
}

/// `(type, listener)` of `EventTarget.addEventListener` / `removeEventListener`.
type ListenerArgs<'a> = FnArgs<(&'a str, Function<'a, (), ()>)>;
/// `(this, type, listener)` of `Function.prototype.bind` on `removeEventListener`.
type BindArgs<'a> = FnArgs<(Object<'a>, &'a str, Function<'a, (), ()>)>;
/// `removeEventListener` bound to one signal and listener, callable from any thread; weak, so
/// it never keeps the process alive.
type DetachListener = ThreadsafeFunction<(), (), (), napi::Status, false, true>;

/// An `AbortSignal`, read on the JS thread when the call starts: a flag set by its `abort`
/// event, which the core checks between steps. The listener is removed when the call ends
/// (when the last [`ListenerGuard`] is dropped), so a signal reused across many calls does not
/// collect listeners.
pub struct AbortFlag(Arc<AtomicBool>, Arc<ListenerGuard>);

/// Removes the abort listener when dropped (queued to the JS thread, never blocking).
pub struct ListenerGuard(DetachListener);

impl Drop for ListenerGuard {
    fn drop(&mut self) {
        self.0.call((), ThreadsafeFunctionCallMode::NonBlocking);
    }
}

impl TypeName for AbortFlag {
    fn type_name() -> &'static str {
        "AbortSignal"
    }
    fn value_type() -> napi::ValueType {
        napi::ValueType::Object
    }
}

impl ValidateNapiValue for AbortFlag {}

impl FromNapiValue for AbortFlag {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        let signal = Object::from_napi_value(env, value)?;
        let flag = Arc::new(AtomicBool::new(
            signal
                .get_named_property::<bool>("aborted")
                .unwrap_or(false),
        ));
        let set = flag.clone();
        let env = Env::from_raw(env);
        let on_abort = env.create_function_from_closure::<(), (), _>("onAbort", move |_| {
            set.store(true, Ordering::Relaxed);
            Ok(())
        })?;
        let add_listener: Function<ListenerArgs, ()> =
            signal.get_named_property("addEventListener")?;
        let remove_listener: Function<ListenerArgs, ()> =
            signal.get_named_property("removeEventListener")?;
        let bind: Function<BindArgs, Function<(), ()>> =
            remove_listener.get_named_property("bind")?;
        let detach: DetachListener = bind
            .apply(remove_listener, (signal, "abort", on_abort).into())?
            .build_threadsafe_function::<()>()
            .callee_handled::<false>()
            .weak::<true>()
            .build()?;
        add_listener.apply(signal, ("abort", on_abort).into())?;
        Ok(AbortFlag(flag, Arc::new(ListenerGuard(detach))))
    }
}

/// `batch_compare <resume_id> <job_ids> <limit>`: comparisons with the existing postings among
/// `jobIds`, best first, at most `limit` (default 20).
#[napi(ts_return_type = "Promise<Comparison[]>")]
pub async fn batch_compare(
    #[napi(ts_arg_type = "string")] resume_id: Arg<String>,
    #[napi(ts_arg_type = "string[]")] job_ids: Arg<Vec<String>>,
    #[napi(ts_arg_type = "number | undefined | null")] limit: Option<Arg<f64>>,
    #[napi(ts_arg_type = "LongCallOptions | undefined | null")] opts: Option<Arg<LongCallOptions>>,
) -> napi::Result<Coded<Vec<Comparison>>> {
    let args = (|| {
        Ok((
            resume_id.id(RESUME)?,
            job_ids.value("jobIds", "an array of id strings")?,
            limit_of(limit)?,
            long_call(opts)?,
        ))
    })();
    Ok(call(
        args,
        |s, (resume_id, job_ids, limit, (opts, control))| async move {
            s.batch_compare(&resume_id, &job_ids, limit, opts, &control)
                .await
        },
    )
    .await
    .map(results::comparisons))
}

fn limit_of(limit: Option<Arg<f64>>) -> Result<usize, Error> {
    service::result_limit(optional(limit, "limit", "a number")?)
}

/// `get_recommendations <user_id> <resume_id> <limit>`: active postings the user has not
/// applied to, best match first, at most `limit` (default 20).
#[napi(ts_return_type = "Promise<Comparison[]>")]
pub async fn get_recommendations(
    #[napi(ts_arg_type = "string")] user_id: Arg<String>,
    #[napi(ts_arg_type = "string")] resume_id: Arg<String>,
    #[napi(ts_arg_type = "number | undefined | null")] limit: Option<Arg<f64>>,
    #[napi(ts_arg_type = "LongCallOptions | undefined | null")] opts: Option<Arg<LongCallOptions>>,
) -> napi::Result<Coded<Vec<Comparison>>> {
    let args = (|| {
        Ok((
            user_id.id("Invalid user id")?,
            resume_id.id(RESUME)?,
            limit_of(limit)?,
            long_call(opts)?,
        ))
    })();
    Ok(call(
        args,
        |s, (user_id, resume_id, limit, (opts, control))| async move {
            s.recommendations(&user_id, &resume_id, limit, opts, &control)
                .await
        },
    )
    .await
    .map(results::comparisons))
}

/// Options of the calls over a set of postings (`backfillJobEmbeddings`, `marketInsights`).
#[napi(object, object_to_js = false)]
pub struct FilterOptions {
    /// MongoDB filter selecting the postings (default: all of them).
    #[napi(ts_type = "Record<string, unknown>")]
    pub filter: Option<serde_json::Value>,
    pub force: Option<bool>,
    #[napi(ts_type = "(progress: Progress) => void")]
    pub on_progress: Option<ProgressCallback>,
    #[napi(ts_type = "AbortSignal")]
    pub signal: Option<AbortFlag>,
}

/// Embeds every posting matching `filter` that lacks fresh cached embeddings.
#[napi(ts_return_type = "Promise<Backfill>")]
pub async fn backfill_job_embeddings(
    #[napi(ts_arg_type = "FilterOptions | undefined | null")] opts: Option<Arg<FilterOptions>>,
) -> napi::Result<Coded<Backfill>> {
    let args = filtered_call(opts);
    Ok(call(args, |s, (filter, (opts, control))| async move {
        s.backfill_job_embeddings(filter, opts, &control).await
    })
    .await
    .map(Backfill::from))
}

/// Splits `FilterOptions` into the filter and the long-call parts.
#[allow(clippy::type_complexity)]
fn filtered_call(
    opts: Option<Arg<FilterOptions>>,
) -> Result<(bson::Document, (service::Options, service::Control)), Error> {
    let expected =
        "{ filter?: object, force?: boolean, onProgress?: function, signal?: AbortSignal }";
    let Some(o) = optional_options(opts, "options", expected)? else {
        return Ok((bson::Document::new(), Default::default()));
    };
    let long = LongCallOptions {
        force: o.force,
        on_progress: o.on_progress,
        signal: o.signal,
        ..Default::default()
    };
    Ok((filter_of(o.filter)?, long_call_parts(long)))
}

/// A caller's MongoDB filter (absent: every posting).
fn filter_of(filter: Option<serde_json::Value>) -> Result<bson::Document, Error> {
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

/// `cluster_jobs [k]`: families of active postings (k-means over their skills and title
/// vectors), each named, with its top skills and postings. Cached in `jobclusters`.
#[napi(ts_return_type = "Promise<JobClusters>")]
pub async fn cluster_jobs(
    #[napi(ts_arg_type = "ClusterOptions | undefined | null")] opts: Option<Arg<ClusterOptions>>,
) -> napi::Result<Coded<JobClusters>> {
    let args = (|| {
        let expected = "{ k?: number, filter?: object, seed?: number, force?: boolean, onProgress?: function, signal?: AbortSignal }";
        let Some(o) = optional_options(opts, "options", expected)? else {
            return Ok((service::ClusterRequest::default(), Default::default()));
        };
        let request = service::ClusterRequest {
            k: service::cluster_count(o.k)?,
            filter: filter_of(o.filter)?,
            seed: service::cluster_seed(o.seed)?,
        };
        let long = LongCallOptions {
            force: o.force,
            on_progress: o.on_progress,
            signal: o.signal,
            ..Default::default()
        };
        Ok((request, long_call_parts(long)))
    })();
    Ok(call(args, |s, (request, (opts, control))| async move {
        s.cluster_jobs(request, opts, &control).await
    })
    .await
    .map(JobClusters::from))
}

/// `similar_jobs <job_id> [limit]`: the active postings nearest to a posting (default 10),
/// most similar first.
#[napi(ts_return_type = "Promise<SimilarJob[]>")]
pub async fn similar_jobs(
    #[napi(ts_arg_type = "string")] job_id: Arg<String>,
    #[napi(ts_arg_type = "number | undefined | null")] limit: Option<Arg<f64>>,
    #[napi(ts_arg_type = "LongCallOptions | undefined | null")] opts: Option<Arg<LongCallOptions>>,
) -> napi::Result<Coded<Vec<SimilarJob>>> {
    let args = (|| {
        Ok((
            job_id.id(JOB)?,
            service::similar_limit(optional(limit, "limit", "a number")?)?,
            long_call(opts)?.1,
        ))
    })();
    Ok(call(args, |s, (job_id, limit, control)| async move {
        s.similar_jobs(&job_id, limit, &control).await
    })
    .await
    .map(results::similar_jobs))
}

/// `market_insights`: skill demand, experience levels, locations, postings by status and the
/// clusters' top skills, over the active postings.
#[napi(ts_return_type = "Promise<MarketInsights>")]
pub async fn market_insights(
    #[napi(ts_arg_type = "FilterOptions | undefined | null")] opts: Option<Arg<FilterOptions>>,
) -> napi::Result<Coded<MarketInsights>> {
    let args = filtered_call(opts);
    Ok(call(args, |s, (filter, (opts, control))| async move {
        s.market_insights(filter, opts, &control).await
    })
    .await
    .map(MarketInsights::from))
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

/// `extract_skills <text>`: the skills a free text names on the taxonomy (ESCO and the tool
/// layer), by name and by embedding, best first.
#[napi(ts_return_type = "Promise<SkillExtraction>")]
pub async fn extract_skills(
    #[napi(ts_arg_type = "string")] text: Arg<String>,
    #[napi(ts_arg_type = "ExtractSkillsOptions | undefined | null")] opts: Option<
        Arg<ExtractSkillsOptions>,
    >,
) -> napi::Result<Coded<results::SkillExtraction>> {
    let args = (|| {
        let text = text.value("text", "a string")?;
        let expected = "{ limit?: number, minScore?: number, embedding?: boolean, onProgress?: function, signal?: AbortSignal }";
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
        let (_, control) = long_call_parts(LongCallOptions {
            on_progress: opts.on_progress,
            signal: opts.signal,
            ..Default::default()
        });
        Ok((text, options, control))
    })();
    Ok(call(args, |s, (text, options, control)| async move {
        s.extract_skills(&text, options, &control).await
    })
    .await
    .map(results::skill_extraction))
}

/// `skill_gap <resume_id> [job_id]`: the skills a posting (`{ jobId }`), a cluster of
/// `clusterJobs()` (`{ clusterId }`) or, by default, the cluster nearest to the resume asks
/// for that the resume lacks, most important first, each with the resume's closest skill.
#[napi(ts_return_type = "Promise<SkillGap>")]
pub async fn skill_gap(
    #[napi(ts_arg_type = "string")] resume_id: Arg<String>,
    #[napi(ts_arg_type = "{ jobId: string } | { clusterId: number } | undefined | null")]
    target: Option<Arg<SkillGapOptions>>,
) -> napi::Result<Coded<SkillGap>> {
    let args = (|| {
        let expected = "{ jobId: string } or { clusterId: number }";
        let target = match optional_options(target, "target", expected)? {
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
        };
        Ok((resume_id.id(RESUME)?, target))
    })();
    Ok(call(args, |s, (resume_id, target)| async move {
        s.skill_gap(&resume_id, target).await
    })
    .await
    .map(SkillGap::from))
}

/// The Python service's CLI as a function: `run('score_resume', [id])` returns what
/// `python main.py score_resume <id>` printed. `force` applies to every command; the long
/// ones also accept `onProgress` and `signal`.
#[napi(
    ts_return_type = "Promise<ResumeScore | ResumeEmbeddings | JobEmbeddings | Comparison | Comparison[] | JobClusters | SimilarJob[] | MarketInsights | SkillGap>"
)]
pub async fn run(
    #[napi(ts_arg_type = "string")] command: Arg<String>,
    #[napi(ts_arg_type = "string[]")] args: Arg<Vec<String>>,
    #[napi(ts_arg_type = "LongCallOptions | undefined | null")] opts: Option<Arg<LongCallOptions>>,
) -> napi::Result<Coded<serde_json::Value>> {
    let parsed = (|| {
        Ok((
            command.value("command", "a command name")?,
            args.value("args", "an array of strings")?,
            long_call(opts)?,
        ))
    })();
    Ok(
        call(parsed, |s, (command, args, (opts, control))| async move {
            service::run(&s, &command, &args, opts, &control).await
        })
        .await,
    )
}

/// Whether the configured database answers and which cache indexes it has (for deployment
/// checks: `resume-ai doctor`). Creates nothing; an unreachable server rejects with
/// `DB_UNAVAILABLE`.
#[napi(ts_return_type = "Promise<DatabaseStatus>")]
pub async fn database_status() -> napi::Result<Coded<DatabaseStatus>> {
    let task = tokio::spawn(async { REGISTRY.database_status().await });
    let outcome = task
        .await
        .map_err(|e| Error::Internal(e.to_string()))
        .and_then(|r| r);
    Ok(Coded::from(outcome).map(DatabaseStatus::from))
}

/// What the in-process catalogue of active postings holds, and what its last ranking cost.
#[napi(ts_return_type = "Promise<CatalogueStats>")]
pub async fn catalogue_stats() -> napi::Result<Coded<CatalogueStats>> {
    Ok(
        call(Ok(()), |s, ()| async move { Ok(s.catalogue_stats().await) })
            .await
            .map(CatalogueStats::from),
    )
}

/// The webhook path: drops the resume's cached embeddings, score and comparisons.
#[napi(ts_return_type = "Promise<Invalidation>")]
pub async fn invalidate_resume(
    #[napi(ts_arg_type = "string")] resume_id: Arg<String>,
) -> napi::Result<Coded<Invalidation>> {
    Ok(call(resume_id.id(RESUME), |s, resume_id| async move {
        s.invalidate_resume(&resume_id).await
    })
    .await
    .map(Invalidation::from))
}

/// Drops the posting's cached embeddings and comparisons.
#[napi(ts_return_type = "Promise<Invalidation>")]
pub async fn invalidate_job(
    #[napi(ts_arg_type = "string")] job_id: Arg<String>,
) -> napi::Result<Coded<Invalidation>> {
    Ok(call(job_id.id(JOB), |s, job_id| async move {
        s.invalidate_job(&job_id).await
    })
    .await
    .map(Invalidation::from))
}

/// Test hooks (src/testing.rs), present only in the addon `npm test` builds; not typed.
#[cfg(feature = "test-hooks")]
#[napi(js_name = "__holdStepsUntilAbort", skip_typescript)]
pub fn hold_steps_until_abort(on: bool) {
    crate::testing::hold_steps_until_abort(on);
}

#[cfg(feature = "test-hooks")]
#[napi(js_name = "__panicInNextModelCall", skip_typescript)]
pub fn panic_in_next_model_call() {
    crate::testing::panic_in_next_model_call();
}
