//! Strict options objects: a key that names no option is an `INVALID_ARGUMENT` naming it (with
//! the option it most likely meant), and so is an array where an object of options belongs.
//! napi's own conversion ignores both, which turns a typo into a silently kept default.

use std::ffi::CString;

use napi::bindgen_prelude::{FromNapiValue, Object, ValidateNapiValue};
use napi::sys;

use super::args::{js_type, Arg, ARRAY};
use crate::config::closest_option;
use crate::error::Error;

/// The option names an options object takes, each with the shape of its value when that is
/// an options object too. Written next to the `#[napi(object)]` struct it describes.
pub struct Shape(pub &'static [(&'static str, Option<&'static Shape>)]);

/// An options object with a [`Shape`].
pub trait Shaped {
    const SHAPE: &'static Shape;
}

/// What a strict check found wrong, reported when the argument is read (with its name).
enum Misfit {
    /// A key no option has, and the option's path it most likely meant.
    Unknown { path: String, meant: Option<String> },
    /// An array where an options object belongs.
    Array { path: String },
}

/// An options argument converted as [`Arg`] does, and checked against its [`Shape`].
pub struct Strict<T> {
    arg: Arg<T>,
    misfit: Option<Misfit>,
}

impl<T: FromNapiValue + ValidateNapiValue + Shaped> FromNapiValue for Strict<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        Ok(Strict {
            misfit: misfit(env, value, T::SHAPE, T::SHAPE, ""),
            arg: Arg::from_napi_value(env, value)?,
        })
    }
}

impl<T> Strict<T> {
    /// As [`Arg::options`], then the first key that fits no option is an error.
    pub(super) fn options(self, name: &str, expected: &str) -> Result<T, Error> {
        let value = self.arg.options(name, expected)?;
        match self.misfit {
            None => Ok(value),
            Some(Misfit::Unknown { path, meant }) => {
                let hint = meant.map_or(String::new(), |m| format!(" (did you mean `{m}`?)"));
                Err(Error::InvalidArgument(format!(
                    "{name} has no option `{path}`{hint}"
                )))
            }
            Some(Misfit::Array { path }) => Err(Error::InvalidArgument(format!(
                "{name}: `{path}` must be an options object, got an array"
            ))),
        }
    }
}

/// The first key of `value` (at `path` within the root options) that `shape` does not take.
unsafe fn misfit(
    env: sys::napi_env,
    value: sys::napi_value,
    root: &Shape,
    shape: &Shape,
    path: &str,
) -> Option<Misfit> {
    // Not an object: the conversion reports it.
    if js_type(env, value) != "an object" {
        return None;
    }
    let keys = Object::keys(&Object::from_raw(env, value)).ok()?;
    for key in keys {
        let full = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        match shape.0.iter().find(|(name, _)| *name == key) {
            None => {
                let meant = closest_option(&paths(root, ""), &key);
                return Some(Misfit::Unknown { path: full, meant });
            }
            Some((_, Some(inner))) => {
                let field = property(env, value, &key)?;
                if js_type(env, field) == ARRAY {
                    return Some(Misfit::Array { path: full });
                }
                if let Some(found) = misfit(env, field, root, inner, &full) {
                    return Some(found);
                }
            }
            Some((_, None)) => {}
        }
    }
    None
}

unsafe fn property(
    env: sys::napi_env,
    object: sys::napi_value,
    name: &str,
) -> Option<sys::napi_value> {
    let key = CString::new(name).ok()?;
    let mut value = std::ptr::null_mut();
    let status = sys::napi_get_named_property(env, object, key.as_ptr(), &mut value);
    (status == sys::Status::napi_ok).then_some(value)
}

/// Every option's full path (`catalogue.refreshSeconds`).
fn paths(shape: &Shape, prefix: &str) -> Vec<String> {
    shape
        .0
        .iter()
        .flat_map(|(name, inner)| {
            let path = format!("{prefix}{name}");
            let mut all = vec![path.clone()];
            if let Some(inner) = inner {
                all.extend(paths(inner, &format!("{path}.")));
            }
            all
        })
        .collect()
}
