//! The napi layer: converts JS arguments to core calls and core results and errors to JS.
//! Nothing else lives here.

use std::sync::OnceLock;

use napi::bindgen_prelude::{Float32Array, ToNapiValue, Unknown};
use napi::sys;
use napi_derive::napi;

use crate::engine::{self, EngineHandle};
use crate::error::Error;

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

/// Token ids exactly as the model sees them (special tokens included, truncated to maxTokens).
#[napi(ts_return_type = "Promise<number[][]>")]
pub async fn tokenize(texts: Vec<String>) -> napi::Result<Coded<Vec<Vec<u32>>>> {
    Ok(engine().tokenize(texts).await.into())
}
