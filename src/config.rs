//! Every environment variable resume-ai reads, read once per process and checked; the one
//! "whole number in range" rule that `configure` and the calls' numeric arguments share; and
//! the "did you mean" of a mistyped option.
//!
//! Nothing else in the crate reads the environment: the engine and the store take their
//! settings as arguments. A variable set to a value that cannot be read is an
//! `INVALID_ARGUMENT` naming it (every call that needs it rejects), never silently ignored.
//! docs/configuration.md's environment table lists the same variables.

use std::ops::RangeInclusive;
use std::path::PathBuf;
use std::sync::OnceLock;

use crate::domain::factors::MatchModel;
use crate::engine::simd::Isa;
use crate::engine::{Precision, MODEL_NAME};
use crate::error::{Error, Result};
use crate::observe::{LogLevel, LogSettings};

/// The most texts one forward pass may take when `BATCH_SIZE` says (memory, not speed).
const MAX_BATCH_SIZE: usize = 65_536;

/// What the environment says, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Environment {
    /// `MONGODB_URI`: the database when `configure` names none.
    pub mongodb_uri: Option<String>,
    /// `MONGODB_DB`: its name, when the URI's path does not give it.
    pub mongodb_db: Option<String>,
    /// `RESUME_AI_MATCHING`: `seed` or `extended`, when `configure` does not say.
    pub matching: Option<MatchModel>,
    /// `RESUME_AI_PRECISION`: `fp32`, `bf16`, `int8` or `auto`, when `configure` does not say.
    pub precision: Option<Precision>,
    /// `RESUME_AI_KERNELS`: `avx512`, `avx2` or `portable`, a cap below what the CPU has.
    pub kernels: Option<Isa>,
    /// `BATCH_SIZE`: most texts per forward pass (unset: as many as a round holds).
    pub batch_size: Option<usize>,
    /// `RESUME_AI_MODEL_DIR`, else `$XDG_CACHE_HOME/resume-ai/all-mpnet-base-v2`, else
    /// `~/.cache/resume-ai/all-mpnet-base-v2` (the rule of scripts/fetch-model.sh).
    pub model_dir: PathBuf,
    /// `RESUME_AI_LOG` (`off`, `info`, `debug`) and `RESUME_AI_LOG_IDS` (`true`/`1` or
    /// `false`/`0`): the logs, when `configure` does not say.
    pub log: LogSettings,
}

/// The process's environment, read and checked on first use.
pub fn environment() -> Result<&'static Environment> {
    static ENVIRONMENT: OnceLock<Result<Environment>> = OnceLock::new();
    ENVIRONMENT
        .get_or_init(|| Environment::read(|name| std::env::var(name).ok()))
        .as_ref()
        .map_err(Clone::clone)
}

/// The model folder the environment names (for tools and tests that load the model
/// themselves); a bad environment elsewhere does not matter to it.
pub fn model_dir() -> PathBuf {
    model_dir_from(&|name| std::env::var(name).ok())
}

/// A variable that names one of a few choices (any case), parsed by `parse`; anything else
/// is `INVALID_ARGUMENT` naming the variable and what it allows.
fn choice<T>(
    var: &dyn Fn(&str) -> Option<String>,
    name: &str,
    parse: impl Fn(&str) -> Option<T>,
    allowed: &str,
) -> Result<Option<T>> {
    var(name)
        .map(|value| {
            parse(&value.to_ascii_lowercase()).ok_or_else(|| {
                Error::InvalidArgument(format!("{name} must be {allowed}, got {value:?}"))
            })
        })
        .transpose()
}

impl Environment {
    /// Reads every variable through `var` (unset and blank are the same).
    pub fn read(var: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let var = |name: &str| {
            var(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let matching = choice(
            &var,
            "RESUME_AI_MATCHING",
            MatchModel::parse,
            "'seed' or 'extended'",
        )?;
        let precision = choice(
            &var,
            "RESUME_AI_PRECISION",
            Precision::parse,
            "'fp32', 'bf16', 'int8' or 'auto'",
        )?;
        let kernels = choice(
            &var,
            "RESUME_AI_KERNELS",
            Isa::parse,
            "'avx512', 'avx2' or 'portable'",
        )?;
        let log_level = choice(
            &var,
            "RESUME_AI_LOG",
            LogLevel::parse,
            "'off', 'info' or 'debug'",
        )?;
        let log_ids = choice(
            &var,
            "RESUME_AI_LOG_IDS",
            |v| match v {
                "true" | "1" => Some(true),
                "false" | "0" => Some(false),
                _ => None,
            },
            "'true', '1', 'false' or '0'",
        )?;
        let batch_size = var("BATCH_SIZE")
            .map(|v| {
                let n = v.parse::<f64>().map_err(|_| {
                    Error::InvalidArgument(format!(
                        "BATCH_SIZE must be a whole number from 1 to {MAX_BATCH_SIZE}, got {v:?}"
                    ))
                })?;
                whole_number("BATCH_SIZE", n, 1..=MAX_BATCH_SIZE)
            })
            .transpose()?;
        Ok(Self {
            mongodb_uri: var("MONGODB_URI"),
            mongodb_db: var("MONGODB_DB"),
            matching,
            precision,
            kernels,
            batch_size,
            model_dir: model_dir_from(&var),
            log: LogSettings {
                level: log_level,
                ids: log_ids,
            },
        })
    }
}

fn model_dir_from(var: &dyn Fn(&str) -> Option<String>) -> PathBuf {
    let set = |name: &str| var(name).filter(|v| !v.is_empty());
    if let Some(dir) = set("RESUME_AI_MODEL_DIR") {
        return PathBuf::from(dir);
    }
    let cache = set("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(set("HOME").unwrap_or_default()).join(".cache"));
    cache.join("resume-ai").join(MODEL_NAME)
}

/// `value` as a whole number within `range`, else `INVALID_ARGUMENT` "`name` must be a whole
/// number from … to …, got …" (JS hands every number over as a double).
pub fn whole_number(name: &str, value: f64, range: RangeInclusive<usize>) -> Result<usize> {
    let (min, max) = (*range.start(), *range.end());
    if value.fract() == 0.0 && (min as f64..=max as f64).contains(&value) {
        Ok(value as usize)
    } else {
        Err(Error::InvalidArgument(format!(
            "{name} must be a whole number from {min} to {max}, got {value}"
        )))
    }
}

/// For "did you mean": the option path (`catalogue.refreshSeconds`) whose last name is nearest
/// to `key` (case ignored), if near enough to be a typo or a misplaced option: at most a third of the longer name's letters differ, or two.
pub fn closest_option(paths: &[String], key: &str) -> Option<String> {
    let key = key.to_lowercase();
    paths
        .iter()
        .map(|path| {
            let last = path.rsplit('.').next().unwrap_or(path).to_lowercase();
            (edit_distance(&last, &key), last.len().max(key.len()), path)
        })
        .filter(|&(distance, longer, _)| distance <= (longer / 3).max(2))
        .min_by_key(|&(distance, _, _)| distance)
        .map(|(_, _, path)| path.clone())
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(vars: &[(&str, &str)]) -> Result<Environment> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Environment::read(|name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn reads_every_variable_and_treats_blank_as_unset() {
        let env = read(&[
            ("MONGODB_URI", "mongodb://h/app"),
            ("MONGODB_DB", "  "),
            ("RESUME_AI_MATCHING", " Extended "),
            ("RESUME_AI_PRECISION", "bf16"),
            ("RESUME_AI_KERNELS", "portable"),
            ("BATCH_SIZE", "4"),
            ("HOME", "/home/u"),
            ("RESUME_AI_LOG", "Info"),
            ("RESUME_AI_LOG_IDS", "1"),
        ])
        .unwrap();
        assert_eq!(
            env.log,
            LogSettings {
                level: Some(LogLevel::Info),
                ids: Some(true)
            }
        );
        assert_eq!(env.mongodb_uri.as_deref(), Some("mongodb://h/app"));
        assert_eq!(env.mongodb_db, None);
        assert_eq!(env.matching, Some(MatchModel::Extended));
        assert_eq!(env.precision, Some(Precision::Bf16));
        assert_eq!(env.kernels, Some(Isa::Portable));
        assert_eq!(env.batch_size, Some(4));
        assert_eq!(
            env.model_dir,
            PathBuf::from("/home/u/.cache/resume-ai/all-mpnet-base-v2")
        );
        let unset = read(&[("RESUME_AI_MODEL_DIR", "/models/m")]).unwrap();
        assert_eq!(unset.batch_size, None);
        assert_eq!(unset.kernels, None);
        assert_eq!(unset.log, LogSettings::default());
        assert_eq!(unset.model_dir, PathBuf::from("/models/m"));
    }

    #[test]
    fn a_bad_value_is_an_invalid_argument_naming_the_variable() {
        for (name, value) in [
            ("BATCH_SIZE", "0"),
            ("BATCH_SIZE", "2.5"),
            ("BATCH_SIZE", "many"),
            ("RESUME_AI_KERNELS", "avx9"),
            ("RESUME_AI_PRECISION", "fp8"),
            ("RESUME_AI_MATCHING", "fuzzy"),
            ("RESUME_AI_LOG", "verbose"),
            ("RESUME_AI_LOG_IDS", "yes"),
        ] {
            let error = read(&[(name, value)]).expect_err(value);
            assert_eq!(error.code(), "INVALID_ARGUMENT");
            assert!(error.to_string().contains(name), "{error}");
        }
    }

    #[test]
    fn whole_numbers_in_range_only() {
        assert_eq!(whole_number("k", 3.0, 1..=5).unwrap(), 3);
        for bad in [0.0, 6.0, 2.5, f64::NAN, f64::INFINITY] {
            let error = whole_number("k", bad, 1..=5).unwrap_err();
            assert_eq!(error.code(), "INVALID_ARGUMENT");
        }
    }

    #[test]
    fn the_option_meant_by_a_typo_or_a_misplaced_key() {
        let paths: Vec<String> = [
            "mongoUri",
            "catalogue",
            "catalogue.refreshSeconds",
            "limits.skills",
        ]
        .map(String::from)
        .to_vec();
        let meant = |key| closest_option(&paths, key);
        assert_eq!(
            meant("refreshSeconds").as_deref(),
            Some("catalogue.refreshSeconds")
        );
        assert_eq!(
            meant("refreshSecs").as_deref(),
            Some("catalogue.refreshSeconds")
        );
        assert_eq!(meant("skill").as_deref(), Some("limits.skills"));
        assert_eq!(meant("mongoURI").as_deref(), Some("mongoUri"));
        assert_eq!(meant("bogus"), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
