//! A connection: the configuration `configure` / `connect` set (or the environment's), and
//! the one [`Service`] built from it on first use. Every connection shares the process's one
//! engine ([`engine`]). Kept here, not in the binding, so that the binding only converts.
//!
//! A generation counter guards the first connect: a `configure` that lands while a service
//! is being built from the previous configuration makes that service serve only the call
//! that built it; it is never installed for later calls.

use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use super::{Service, Settings};
use crate::config::{self, whole_number};
use crate::domain::factors::MatchModel;
use crate::engine::{simd, EngineHandle, Precision};
use crate::error::{Error, Result};
use crate::observe::LogSettings;
use crate::store::{ApplicationFields, CollectionNames, IndexState, Store, StoreConfig};

/// `databaseStatus()`: the configured database and which cache indexes it has.
#[derive(Debug, Clone)]
pub struct DatabaseStatus {
    pub database: String,
    pub indexes: Vec<IndexState>,
    /// Whether the user may create the missing ones (`None`: the server does not say).
    pub can_create_indexes: Option<bool>,
}

/// The largest per-document limit `configure` accepts.
const MAX_LIMIT: usize = 1_000_000;

/// What a `configure` call asks for; anything absent falls back to the environment
/// (`MONGODB_URI`, `MONGODB_DB`, `RESUME_AI_MATCHING`) and the defaults.
#[derive(Debug, Clone, Default)]
pub struct Configuration {
    pub mongo_uri: Option<String>,
    pub db_name: Option<String>,
    /// The collection names, the defaults where the caller named none.
    pub collections: CollectionNames,
    pub application_fields: ApplicationFields,
    pub catalogue_refresh_seconds: Option<f64>,
    pub catalogue_snapshot_seconds: Option<f64>,
    pub vector_search_index: Option<String>,
    pub limits: LimitOverrides,
    pub matching: Option<MatchModel>,
    /// The engine's matmul arithmetic: process-wide (every connection shares the engine),
    /// and kept by later `configure` calls that do not name it.
    pub precision: Option<Precision>,
    /// The logs: process-wide too, and kept likewise.
    pub log: LogSettings,
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
        let environment = config::environment()?;
        let mut settings = Settings::default();
        for (option, target, value) in [
            (
                "refreshSeconds",
                &mut settings.catalogue_refresh,
                self.catalogue_refresh_seconds,
            ),
            (
                "snapshotSeconds",
                &mut settings.catalogue_snapshot_every,
                self.catalogue_snapshot_seconds,
            ),
        ] {
            if let Some(seconds) = value {
                *target = Duration::try_from_secs_f64(seconds).map_err(|_| {
                    Error::InvalidArgument(format!(
                        "catalogue.{option} must be a number of seconds >= 0, got {seconds}"
                    ))
                })?;
            }
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
                *target = whole_number(&format!("limits.{name}"), value, 1..=MAX_LIMIT)?;
            }
        }
        // The CLI cannot call `configure`: it chooses the model through the environment.
        if let Some(matching) = self.matching.or(environment.matching) {
            settings.matching = matching;
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
            // No URI yet is allowed: calls then say that no database is configured.
            None => StoreConfig::for_uri(
                environment.mongodb_uri.clone().unwrap_or_default(),
                self.db_name.or_else(|| environment.mongodb_db.clone()),
            ),
        };
        config.collections = self.collections;
        config.application_fields = self.application_fields;
        config.validate()?;
        Ok((config, settings))
    }
}

/// The one engine of the process, shared by every connection; started (with the
/// environment's model folder, precision, kernel cap and batch size) on first use, its model
/// loaded on the first request.
pub fn engine() -> Result<&'static EngineHandle> {
    static ENGINE: OnceLock<EngineHandle> = OnceLock::new();
    let environment = config::environment()?;
    Ok(ENGINE.get_or_init(|| {
        if let Some(cap) = environment.kernels {
            simd::cap(cap);
        }
        EngineHandle::start(
            environment.model_dir.clone(),
            environment.precision.unwrap_or_default(),
            environment.batch_size,
        )
    }))
}

/// A configuration and its service: the default one behind the free functions, or one per
/// `connect()`.
pub struct Connection {
    state: Mutex<State>,
}

struct State {
    /// From the last successful `configure`; `None` means the environment.
    configured: Option<(StoreConfig, Settings)>,
    /// Bumped by every successful `configure`.
    generation: u64,
    current: Option<Arc<Service>>,
}

impl Default for Connection {
    fn default() -> Self {
        Self::new()
    }
}

impl Connection {
    pub const fn new() -> Self {
        Self {
            state: Mutex::new(State {
                configured: None,
                generation: 0,
                current: None,
            }),
        }
    }

    /// Takes effect for the calls that start after it. A bad value is an
    /// `INVALID_ARGUMENT` error and changes nothing.
    pub fn configure(&self, configuration: Configuration) -> Result<()> {
        let (precision, log) = (configuration.precision, configuration.log);
        let resolved = configuration.resolve()?;
        if let Some(precision) = precision {
            engine()?.set_precision(precision);
        }
        crate::observe::log::configure(log);
        let mut state = self.lock();
        state.configured = Some(resolved);
        state.generation += 1;
        state.current = None;
        Ok(())
    }

    /// The service built for the current configuration, if a call has built it (connects
    /// nothing).
    pub fn current_service(&self) -> Option<Arc<Service>> {
        self.lock().current.clone()
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
        let service = Arc::new(Service::new(Arc::new(store), engine()?.clone(), settings));
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
        self.check_database(false).await
    }

    /// `init`: creates the cache indexes (unique keys and TTLs) of the configured database
    /// now, rather than on the first call; then reports them. Safe to run again.
    pub async fn init_database(&self) -> Result<DatabaseStatus> {
        self.check_database(true).await
    }

    async fn check_database(&self, create_indexes: bool) -> Result<DatabaseStatus> {
        let (config, _) = Self::resolved(&self.lock())?;
        let database = config.db_name.clone();
        let store = Store::connect(config).await?;
        if create_indexes {
            store.create_indexes().await?;
        }
        Ok(DatabaseStatus {
            database,
            indexes: store.index_report().await?,
            can_create_indexes: store.can_create_indexes().await,
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
        c.collections.resume_scores = "scores".into();
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
        let connection = Connection::new();
        connection.configure(with_uri()).unwrap();
        let before = connection.lock().configured.clone();
        let generation = connection.lock().generation;
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
            let error = connection
                .configure(bad.clone())
                .expect_err(&format!("{bad:?}"));
            assert_eq!(error.code(), "INVALID_ARGUMENT");
        }
        assert_eq!(connection.lock().configured, before);
        assert_eq!(connection.lock().generation, generation);
    }
}
