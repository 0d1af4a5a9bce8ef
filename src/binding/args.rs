//! JS arguments: converted when a call starts, a wrong one kept as our own `INVALID_ARGUMENT`
//! / `INVALID_ID` error instead of napi's synchronous throw.

use napi::bindgen_prelude::{FromNapiValue, ValidateNapiValue};
use napi::sys;

use crate::error::Error;

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

pub(super) const ARRAY: &str = "an array";

/// What a JS value is, for "… must be …, got …" messages.
pub(super) unsafe fn js_type(env: sys::napi_env, value: sys::napi_value) -> &'static str {
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
    pub(super) fn value(self, name: &str, expected: &str) -> Result<T, Error> {
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
    pub(super) fn options(self, name: &str, expected: &str) -> Result<T, Error> {
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
    /// Noted for the call's log line (kept only when logs carry ids).
    pub(super) fn id(self, kind: IdArg) -> Result<String, Error> {
        let got = self.got;
        let id = self.value.map_err(|_| {
            Error::InvalidId(format!("{}: {got}, not an id string", kind.not_found))
        })?;
        crate::observe::call::note_id(kind.log_field, &id);
        Ok(id)
    }
}

/// An optional argument: absent (`undefined` or `null`) is `None`.
pub(super) fn optional<T>(
    arg: Option<Arg<T>>,
    name: &str,
    expected: &str,
) -> Result<Option<T>, Error> {
    arg.map(|a| a.value(name, expected)).transpose()
}

/// An optional options object: absent is `None`.
pub(super) fn optional_options<T>(
    arg: Option<Arg<T>>,
    name: &str,
    expected: &str,
) -> Result<Option<T>, Error> {
    arg.map(|a| a.options(name, expected)).transpose()
}

/// What an id argument is: the start of its `INVALID_ID` message, and its log field.
#[derive(Clone, Copy)]
pub(super) struct IdArg {
    not_found: &'static str,
    log_field: &'static str,
}

pub(super) const RESUME: IdArg = IdArg {
    not_found: "Resume not found",
    log_field: "resumeId",
};
pub(super) const JOB: IdArg = IdArg {
    not_found: "Job not found",
    log_field: "jobId",
};
pub(super) const USER: IdArg = IdArg {
    not_found: "Invalid user id",
    log_field: "userId",
};
