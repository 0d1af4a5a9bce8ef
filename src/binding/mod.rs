//! The napi layer: converts JS arguments to core calls and core results and errors to JS.
//! Nothing else lives here.
//!
//! - `args`: JS arguments, a wrong one kept as our own error;
//! - `options`: the options objects and their conversion to the core's; `shape`: strict
//!   options (an unknown key is an error, with the option it likely meant);
//! - `abort`: `AbortSignal` as the core's abort flag;
//! - `client`: every function, as a `Client` method and as a free function;
//! - `results`: the JS shapes of the results;
//! - `enums`: the core's labels (grade, level, role, …) as JS string unions.

use std::sync::Arc;

use napi::bindgen_prelude::{ToNapiValue, Unknown};
use napi::sys;
#[cfg(feature = "test-hooks")]
use napi_derive::napi;

use crate::error::Error;
use crate::service::connection::Connection;
use crate::service::Service;

mod abort;
mod args;
mod client;
mod enums;
mod options;
mod results;
mod shape;

/// The outcome of a core call, settled on the JS thread: a value, or a JS `Error` whose `code`
/// is the core error's stable code (napi's own errors can only carry napi status names).
pub struct Coded<T>(Result<T, Error>);

impl<T> Coded<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Coded<U> {
        Coded(self.0.map(f))
    }

    fn error_code(&self) -> Option<&'static str> {
        self.0.as_ref().err().map(Error::code)
    }
}

/// A function's JS name from its Rust one, as napi names it (`score_resume` → `scoreResume`).
fn js_name(rust_name: &str) -> String {
    let mut parts = rust_name.split('_');
    let first = parts.next().unwrap_or_default().to_string();
    parts.fold(first, |mut name, part| {
        let mut chars = part.chars();
        if let Some(c) = chars.next() {
            name.extend(c.to_uppercase());
            name.push_str(chars.as_str());
        }
        name
    })
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

/// Runs a service call of `on`'s service on the shared runtime once its arguments are known to
/// be good (a bad one rejects before the database is touched); a panic becomes an
/// `INTERNAL_ERROR` rejection instead of a promise that never settles.
async fn call<A, T, F, Fut>(on: Arc<Connection>, args: Result<A, Error>, f: F) -> Coded<T>
where
    F: FnOnce(Arc<Service>, A) -> Fut,
    Fut: std::future::Future<Output = Result<T, Error>> + Send + 'static,
    T: Send + 'static,
{
    let outcome = async {
        let args = args?;
        let service = on.service().await?;
        let turn = service.admit().await;
        // The spawned task adds to this call's tally (its cache lookups, model requests).
        let tally = crate::observe::call::current();
        let task = tokio::spawn(crate::observe::call::carried(
            tally,
            crate::service::with_turn(turn, f(service, args)),
        ));
        task.await.map_err(|e| Error::Internal(e.to_string()))?
    };
    outcome.await.into()
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
