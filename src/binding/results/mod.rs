//! What the functions resolve to, as JS objects: the seed's JSON shapes (snake_case keys where
//! the Python service had them), typed here once so that `index.d.ts` is generated from them.
//! Each converts from its core result; nothing else happens here.

use std::collections::{BTreeMap, HashMap};

use napi::bindgen_prelude::{Either, Null};
use napi_derive::napi;

use crate::domain::limits::{Cut, Truncation};

mod analytics;
mod comparison;
mod documents;
mod metrics;
mod status;

pub use analytics::*;
pub use comparison::*;
pub use documents::*;
pub use metrics::*;
pub use status::*;

/// What the per-document limits cut from one field: `kept` of `total` items (characters for
/// `characters`).
#[napi(object, object_from_js = false)]
pub struct Truncated {
    pub kept: u32,
    pub total: u32,
}

/// A count as a JS number (u32 saturates; no count here comes near it).
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn truncated(t: Truncation) -> Option<HashMap<String, Truncated>> {
    (!t.is_empty()).then(|| {
        t.into_iter()
            .map(|(field, Cut { kept, total })| {
                (
                    field,
                    Truncated {
                        kept: count(kept),
                        total: count(total),
                    },
                )
            })
            .collect()
    })
}

/// A section's mean vector, when the section has text.
fn mean(sections: &mut BTreeMap<String, Vec<f32>>, name: &str) -> Option<Vec<f64>> {
    sections
        .remove(name)
        .map(|v| v.into_iter().map(f64::from).collect())
}

/// `None` as JS `null` (the CLI's JSON prints the same).
fn nullable<T>(value: Option<T>) -> Either<T, Null> {
    value.map_or(Either::B(Null), Either::A)
}
