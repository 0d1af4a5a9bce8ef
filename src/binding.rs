//! The napi layer: converts JS arguments to core calls and core results and errors to JS.
//! Nothing else lives here.

use std::sync::OnceLock;

use napi::bindgen_prelude::{Float32Array, ToNapiValue, Unknown};
use napi::sys;
use napi_derive::napi;

use crate::domain::constants::DEFAULT_RESULT_LIMIT;
use crate::engine::{self, EngineHandle};
use crate::error::Error;
use crate::service::{self, Service};
use crate::store::StoreConfig;

fn engine() -> &'static EngineHandle {
    static ENGINE: OnceLock<EngineHandle> = OnceLock::new();
    ENGINE.get_or_init(|| EngineHandle::start(engine::default_model_dir()))
}

/// The outcome of a core call, settled on the JS thread: a value, or a JS `Error` whose `code`
/// is the core error's stable code (napi's own errors can only carry napi status names).
pub struct Coded<T>(Result<T, Error>);

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

#[napi(object)]
pub struct ModelInfo {
    pub name: String,
    pub dimension: u32,
    pub max_tokens: u32,
    pub sha256: String,
    pub threads: u32,
    pub model_dir: String,
}

/// Embeds texts with all-mpnet-base-v2: one L2-normalised 768-d `Float32Array` per text, in order.
#[napi(ts_return_type = "Promise<Float32Array[]>")]
pub async fn embed(texts: Vec<String>) -> napi::Result<Coded<Vec<Float32Array>>> {
    let vectors = engine().embed(texts).await;
    Ok(vectors.map(|v| v.into_iter().map(Float32Array::new).collect()).into())
}

/// Loads the model if it is not loaded yet and describes it.
#[napi(ts_return_type = "Promise<ModelInfo>")]
pub async fn model_info() -> napi::Result<Coded<ModelInfo>> {
    let info = engine().info().await.map(|info| ModelInfo {
        name: info.name,
        dimension: info.dimension as u32,
        max_tokens: info.max_tokens as u32,
        sha256: info.sha256,
        threads: info.threads as u32,
        model_dir: info.model_dir,
    });
    Ok(info.into())
}

#[napi(object)]
pub struct EngineStats {
    /// Distinct texts run through the model since the process started.
    pub texts_embedded: i64,
    /// Model invocations (each may batch many callers' texts).
    pub model_calls: i64,
}

/// What the model has computed so far in this process; a cache hit leaves it unchanged.
#[napi]
pub fn engine_stats() -> EngineStats {
    let stats = engine().stats();
    EngineStats { texts_embedded: stats.texts_embedded as i64, model_calls: stats.model_calls as i64 }
}

/// Token ids exactly as the model sees them (special tokens included, truncated to maxTokens).
#[napi(ts_return_type = "Promise<number[][]>")]
pub async fn tokenize(texts: Vec<String>) -> napi::Result<Coded<Vec<Vec<u32>>>> {
    Ok(engine().tokenize(texts).await.into())
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
}

/// Collection (and application field) names, when they differ from the defaults.
#[napi(object)]
pub struct CollectionOptions {
    pub resumes: Option<String>,
    pub job_postings: Option<String>,
    pub applications: Option<String>,
    pub resume_embeddings: Option<String>,
    pub resume_scores: Option<String>,
    pub job_embeddings: Option<String>,
    pub comparisons: Option<String>,
    pub text_embeddings: Option<String>,
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
}

impl From<Option<CallOptions>> for service::Options {
    fn from(opts: Option<CallOptions>) -> Self {
        service::Options { force: opts.unwrap_or_default().force.unwrap_or(false) }
    }
}

/// Points resume-ai at a database. Takes effect for the calls that start after it.
#[napi]
pub fn configure(options: ConfigureOptions) -> napi::Result<()> {
    let mut config = match options.mongo_uri {
        Some(uri) => StoreConfig::for_uri(uri, options.db_name),
        None => {
            let mut config = StoreConfig::from_env().unwrap_or_else(|_| StoreConfig::for_uri(String::new(), None));
            if let Some(db) = options.db_name {
                config.db_name = db;
            }
            config
        }
    };
    if let Some(c) = options.collections {
        let names = &mut config.collections;
        let fields = &mut config.application_fields;
        for (target, value) in [
            (&mut names.resumes, c.resumes),
            (&mut names.job_postings, c.job_postings),
            (&mut names.applications, c.applications),
            (&mut names.resume_embeddings, c.resume_embeddings),
            (&mut names.resume_scores, c.resume_scores),
            (&mut names.job_embeddings, c.job_embeddings),
            (&mut names.comparisons, c.comparisons),
            (&mut names.text_embeddings, c.text_embeddings),
            (&mut fields.user, c.application_user_field),
            (&mut fields.job, c.application_job_field),
        ] {
            if let Some(value) = value {
                *target = value;
            }
        }
    }
    services::configure(config);
    Ok(())
}

/// The process-wide service: one store (pooled client) and the shared engine, built on first
/// use from the last `configure` call or the environment.
mod services {
    use std::sync::{Arc, Mutex};

    use crate::engine::EngineHandle;
    use crate::error::{Error, Result};
    use crate::service::Service;
    use crate::store::{Store, StoreConfig};

    static CONFIG: Mutex<Option<StoreConfig>> = Mutex::new(None);
    static CURRENT: Mutex<Option<Arc<Service>>> = Mutex::new(None);

    pub fn configure(config: StoreConfig) {
        *CONFIG.lock().unwrap_or_else(|p| p.into_inner()) = Some(config);
        *CURRENT.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    pub async fn get(engine: &EngineHandle) -> Result<Arc<Service>> {
        if let Some(service) = CURRENT.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            return Ok(service);
        }
        let config = match CONFIG.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            Some(config) => config,
            None => StoreConfig::from_env()?,
        };
        if config.uri.is_empty() {
            return Err(Error::Database("no database configured: call configure({ mongoUri }) or set MONGODB_URI".into()));
        }
        let store = Store::connect(config).await?;
        store.ensure_indexes().await?;
        let service = Arc::new(Service::new(store, engine.clone()));
        // Two first calls may race here; either service is fine, the later one wins.
        *CURRENT.lock().unwrap_or_else(|p| p.into_inner()) = Some(service.clone());
        Ok(service)
    }
}

/// Runs a service call on the shared runtime; a panic becomes an `INTERNAL_ERROR` rejection
/// instead of a promise that never settles.
async fn call<T, F, Fut>(f: F) -> napi::Result<Coded<serde_json::Value>>
where
    T: serde::Serialize,
    F: FnOnce(std::sync::Arc<Service>) -> Fut,
    Fut: std::future::Future<Output = Result<T, Error>> + Send + 'static,
    T: Send + 'static,
{
    let outcome = async {
        let service = services::get(engine()).await?;
        let task = tokio::spawn(f(service));
        let value = task.await.map_err(|e| Error::Internal(e.to_string()))??;
        serde_json::to_value(value).map_err(|e| Error::Internal(e.to_string()))
    };
    Ok(outcome.await.into())
}

const DEFAULT_LIMIT: u32 = DEFAULT_RESULT_LIMIT as u32;

/// `score_resume <resume_id>`: quality score 0–100, grade, breakdown, advice.
#[napi(ts_return_type = "Promise<ResumeScore>")]
pub async fn score_resume(resume_id: String, opts: Option<CallOptions>) -> napi::Result<Coded<serde_json::Value>> {
    let opts = opts.into();
    call(move |s| async move { s.score_resume(&resume_id, opts).await }).await
}

/// `generate_resume_embeddings <resume_id>`: mean embeddings of skills, workExperience, certifications.
#[napi(ts_return_type = "Promise<ResumeEmbeddings>")]
pub async fn generate_resume_embeddings(resume_id: String, opts: Option<CallOptions>) -> napi::Result<Coded<serde_json::Value>> {
    let opts = opts.into();
    call(move |s| async move { s.resume_embeddings(&resume_id, opts).await }).await
}

/// `generate_job_embeddings <job_id>`: mean embeddings of jobTitle, skills, requirements, experienceLevel, location.
#[napi(ts_return_type = "Promise<JobEmbeddings>")]
pub async fn generate_job_embeddings(job_id: String, opts: Option<CallOptions>) -> napi::Result<Coded<serde_json::Value>> {
    let opts = opts.into();
    call(move |s| async move { s.job_embeddings(&job_id, opts).await }).await
}

/// `compare_resume_job <resume_id> <job_id>`: match percentage, level, breakdown, skills.
#[napi(ts_return_type = "Promise<Comparison>")]
pub async fn compare_resume_job(resume_id: String, job_id: String, opts: Option<CallOptions>) -> napi::Result<Coded<serde_json::Value>> {
    let opts = opts.into();
    call(move |s| async move { s.compare_resume_job(&resume_id, &job_id, opts).await }).await
}

/// `batch_compare <resume_id> <job_ids> <limit>`: comparisons with the existing postings among
/// `jobIds`, best first, at most `limit` (default 20).
#[napi(ts_return_type = "Promise<Comparison[]>")]
pub async fn batch_compare(resume_id: String, job_ids: Vec<String>, limit: Option<u32>, opts: Option<CallOptions>) -> napi::Result<Coded<serde_json::Value>> {
    let opts = opts.into();
    let limit = limit.unwrap_or(DEFAULT_LIMIT) as usize;
    call(move |s| async move { s.batch_compare(&resume_id, &job_ids, limit, opts).await }).await
}

/// `get_recommendations <user_id> <resume_id> <limit>`: active postings the user has not
/// applied to, best match first, at most `limit` (default 20).
#[napi(ts_return_type = "Promise<Comparison[]>")]
pub async fn get_recommendations(user_id: String, resume_id: String, limit: Option<u32>, opts: Option<CallOptions>) -> napi::Result<Coded<serde_json::Value>> {
    let opts = opts.into();
    let limit = limit.unwrap_or(DEFAULT_LIMIT) as usize;
    call(move |s| async move { s.recommendations(&user_id, &resume_id, limit, opts).await }).await
}

/// The webhook path: drops the resume's cached embeddings, score and comparisons.
#[napi(ts_return_type = "Promise<Invalidation>")]
pub async fn invalidate_resume(resume_id: String) -> napi::Result<Coded<serde_json::Value>> {
    call(move |s| async move { s.invalidate_resume(&resume_id).await }).await
}

/// Drops the posting's cached embeddings and comparisons.
#[napi(ts_return_type = "Promise<Invalidation>")]
pub async fn invalidate_job(job_id: String) -> napi::Result<Coded<serde_json::Value>> {
    call(move |s| async move { s.invalidate_job(&job_id).await }).await
}
