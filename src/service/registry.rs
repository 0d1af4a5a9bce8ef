//! The process-wide service behind the Node functions: the configuration `configure` set (or
//! the environment), and the one [`Service`] built from it on first use, with the shared
//! engine. Kept here, not in the binding, so that the binding only converts.
//!
//! A generation counter guards the first connect: a `configure` that lands while a service
//! is being built from the previous configuration makes that service serve only the call
//! that built it; it is never installed for later calls.

use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use super::{Service, Settings};
use crate::domain::factors::MatchModel;
use crate::engine::{default_model_dir, EngineHandle, Precision};
use crate::error::{Error, Result};
use crate::store::{IndexState, Store, StoreConfig};

/// `databaseStatus()`: the configured database and which cache indexes it has.
#[derive(Debug, Clone)]
pub struct DatabaseStatus {
    pub database: String,
    pub indexes: Vec<IndexState>,
}

/// The largest per-document limit `configure` accepts.
const MAX_LIMIT: f64 = 1_000_000.0;

/// What a `configure` call asks for; anything absent falls back to `MONGODB_URI` /
/// `MONGODB_DB` and the defaults.
#[derive(Debug, Clone, Default)]
pub struct Configuration {
    pub mongo_uri: Option<String>,
    pub db_name: Option<String>,
    pub collections: CollectionOverrides,
    pub catalogue_refresh_seconds: Option<f64>,
    pub vector_search_index: Option<String>,
    pub limits: LimitOverrides,
    /// `"seed"` or `"extended"`.
    pub matching: Option<String>,
    /// The engine's matmul arithmetic, `"fp32"` or `"bf16"`: process-wide, and kept by
    /// later `configure` calls that do not name it.
    pub precision: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct CollectionOverrides {
    pub resumes: Option<String>,
    pub job_postings: Option<String>,
    pub applications: Option<String>,
    pub resume_embeddings: Option<String>,
    pub resume_scores: Option<String>,
    pub job_embeddings: Option<String>,
    pub comparisons: Option<String>,
    pub text_embeddings: Option<String>,
    pub job_clusters: Option<String>,
    pub application_user_field: Option<String>,
    pub application_job_field: Option<String>,
}

/// Per-document limits as the caller gave them (numbers from JS; checked to be whole).
#[derive(Debug, Clone, Default)]
pub struct LimitOverrides {
    pub skills: Option<f64>,
    pub work_entries: Option<f64>,
    pub responsibilities_per_entry: Option<f64>,
    pub requirements: Option<f64>,
    pub certifications: Option<f64>,
    pub name_chars: Option<f64>,
    pub text_chars: Option<f64>,
}

impl Configuration {
    /// The store configuration and settings this asks for, every value checked.
    pub fn resolve(self) -> Result<(StoreConfig, Settings)> {
        let mut settings = Settings::default();
        if let Some(seconds) = self.catalogue_refresh_seconds {
            settings.catalogue_refresh = Duration::try_from_secs_f64(seconds).map_err(|_| {
                Error::InvalidArgument(format!(
                    "catalogue.refreshSeconds must be a number of seconds >= 0, got {seconds}"
                ))
            })?;
        }
        let (given, limits) = (self.limits, &mut settings.limits);
        for (name, target, value) in [
            ("skills", &mut limits.skills, given.skills),
            ("workEntries", &mut limits.work_entries, given.work_entries),
            (
                "responsibilitiesPerEntry",
                &mut limits.responsibilities_per_entry,
                given.responsibilities_per_entry,
            ),
            ("requirements", &mut limits.requirements, given.requirements),
            (
                "certifications",
                &mut limits.certifications,
                given.certifications,
            ),
            ("nameChars", &mut limits.name_chars, given.name_chars),
            ("textChars", &mut limits.text_chars, given.text_chars),
        ] {
            if let Some(value) = value {
                if !(value.fract() == 0.0 && (1.0..=MAX_LIMIT).contains(&value)) {
                    return Err(Error::InvalidArgument(format!(
                        "limits.{name} must be a whole number from 1 to {MAX_LIMIT}, got {value}"
                    )));
                }
                *target = value as usize;
            }
        }
        // The CLI cannot call `configure`: it reads the model from the environment.
        let matching = match self.matching {
            Some(given) => Some(("matching", given)),
            None => std::env::var("RESUME_AI_MATCHING")
                .ok()
                .filter(|v| !v.trim().is_empty())
                .map(|v| ("RESUME_AI_MATCHING", v.trim().to_lowercase())),
        };
        if let Some((source, matching)) = matching {
            settings.matching = match matching.as_str() {
                "seed" => MatchModel::Seed,
                "extended" => MatchModel::Extended,
                other => {
                    return Err(Error::InvalidArgument(format!(
                        "{source} must be 'seed' or 'extended', got {other:?}"
                    )))
                }
            };
        }
        if let Some(index) = self.vector_search_index {
            if index.trim().is_empty() {
                return Err(Error::InvalidArgument(
                    "vectorSearch.index must name an index".into(),
                ));
            }
            settings.vector_search_index = Some(index);
        }
        let mut config = match self.mongo_uri {
            Some(uri) if uri.trim().is_empty() => {
                return Err(Error::InvalidArgument("mongoUri is empty".into()));
            }
            Some(uri) => StoreConfig::for_uri(uri, self.db_name),
            None => {
                // No URI yet is allowed: calls then say that no database is configured.
                let mut config = StoreConfig::from_env()
                    .unwrap_or_else(|_| StoreConfig::for_uri(String::new(), None));
                if let Some(db) = self.db_name {
                    config.db_name = db;
                }
                config
            }
        };
        let (c, names) = (self.collections, &mut config.collections);
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
            (&mut names.job_clusters, c.job_clusters),
            (&mut fields.user, c.application_user_field),
            (&mut fields.job, c.application_job_field),
        ] {
            if let Some(value) = value {
                *target = value;
            }
        }
        config.validate()?;
        Ok((config, settings))
    }
}

pub struct Registry {
    engine: OnceLock<EngineHandle>,
    state: Mutex<State>,
}

struct State {
    /// From the last successful `configure`; `None` means the environment.
    configured: Option<(StoreConfig, Settings)>,
    /// Bumped by every successful `configure`.
    generation: u64,
    current: Option<Arc<Service>>,
}

impl Default for Registry {
    fn default() -> Self {
        Self::new()
    }
}

impl Registry {
    pub const fn new() -> Self {
        Self {
            engine: OnceLock::new(),
            state: Mutex::new(State {
                configured: None,
                generation: 0,
                current: None,
            }),
        }
    }

    /// The one engine of the process (its model loads on first use).
    pub fn engine(&self) -> &EngineHandle {
        self.engine
            .get_or_init(|| EngineHandle::start(default_model_dir()))
    }

    /// Takes effect for the calls that start after it. A bad value is an
    /// `INVALID_ARGUMENT` error and changes nothing.
    pub fn configure(&self, configuration: Configuration) -> Result<()> {
        let precision = match configuration.precision.as_deref() {
            None => None,
            Some(name) => Some(Precision::parse(name).ok_or_else(|| {
                Error::InvalidArgument(format!("precision must be 'fp32' or 'bf16', not {name:?}"))
            })?),
        };
        let resolved = configuration.resolve()?;
        if let Some(precision) = precision {
            self.engine().set_precision(precision);
        }
        let mut state = self.lock();
        state.configured = Some(resolved);
        state.generation += 1;
        state.current = None;
        Ok(())
    }

    /// The service of the current configuration, built (and its indexes ensured) on first use.
    pub async fn service(&self) -> Result<Arc<Service>> {
        let (config, settings, generation) = {
            let state = self.lock();
            if let Some(service) = &state.current {
                return Ok(service.clone());
            }
            let (config, settings) = Self::resolved(&state)?;
            (config, settings, state.generation)
        };
        let store = Store::connect(config).await?;
        store.ensure_indexes().await?;
        let service = Arc::new(Service::new(
            Arc::new(store),
            self.engine().clone(),
            settings,
        ));
        let mut state = self.lock();
        match &state.current {
            // Two first calls raced: use the one installed first.
            Some(installed) => Ok(installed.clone()),
            None if state.generation == generation => {
                state.current = Some(service.clone());
                Ok(service)
            }
            // `configure` ran while this was built: serve this call, install nothing.
            None => Ok(service),
        }
    }

    /// What a deployment check needs to know of the configured database: reachable (else
    /// the error), and which of the cache indexes exist. Creates nothing.
    pub async fn database_status(&self) -> Result<DatabaseStatus> {
        let (config, _) = Self::resolved(&self.lock())?;
        let database = config.db_name.clone();
        let store = Store::connect(config).await?;
        Ok(DatabaseStatus {
            database,
            indexes: store.index_report().await?,
        })
    }

    /// The configuration in force: `configure`'s, else the environment's.
    fn resolved(state: &State) -> Result<(StoreConfig, Settings)> {
        let (config, settings) = match &state.configured {
            Some(configured) => configured.clone(),
            // No `configure` call: everything from the environment and the defaults.
            None => Configuration::default().resolve()?,
        };
        if config.uri.is_empty() {
            return Err(Error::DatabaseRejected(
                "no database configured: call configure({ mongoUri }) or set MONGODB_URI".into(),
            ));
        }
        Ok((config, settings))
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_uri() -> Configuration {
        Configuration {
            mongo_uri: Some("mongodb://127.0.0.1:27017/app".into()),
            ..Configuration::default()
        }
    }

    #[test]
    fn resolves_names_limits_and_the_database_in_the_uri() {
        let mut c = with_uri();
        c.collections.resume_scores = Some("scores".into());
        c.limits.skills = Some(3.0);
        c.catalogue_refresh_seconds = Some(0.5);
        let (config, settings) = c.resolve().unwrap();
        assert_eq!(config.db_name, "app");
        assert_eq!(config.collections.resume_scores, "scores");
        assert_eq!(config.collections.resumes, "resumes");
        assert_eq!(settings.limits.skills, 3);
        assert_eq!(settings.catalogue_refresh, Duration::from_millis(500));
    }

    #[test]
    fn a_bad_value_is_an_invalid_argument_and_changes_nothing() {
        let registry = Registry::new();
        registry.configure(with_uri()).unwrap();
        let before = registry.lock().configured.clone();
        let generation = registry.lock().generation;
        for bad in [
            Configuration {
                limits: LimitOverrides {
                    skills: Some(0.0),
                    ..Default::default()
                },
                ..with_uri()
            },
            Configuration {
                limits: LimitOverrides {
                    text_chars: Some(2.5),
                    ..Default::default()
                },
                ..with_uri()
            },
            Configuration {
                catalogue_refresh_seconds: Some(-1.0),
                ..with_uri()
            },
            Configuration {
                vector_search_index: Some(" ".into()),
                ..with_uri()
            },
            Configuration {
                db_name: Some("a/b".into()),
                ..with_uri()
            },
            Configuration {
                mongo_uri: Some("not a uri".into()),
                ..Default::default()
            },
        ] {
            let error = registry
                .configure(bad.clone())
                .expect_err(&format!("{bad:?}"));
            assert_eq!(error.code(), "INVALID_ARGUMENT");
        }
        assert_eq!(registry.lock().configured, before);
        assert_eq!(registry.lock().generation, generation);
    }
}
