//! The board-level calls beyond the seed's six commands: `clusterJobs`, `similarJobs`,
//! `marketInsights` and `skillGap`. They read postings' vectors from the in-process
//! catalogue (see [`catalogue`]), so a board whose embeddings are cached costs no model call,
//! and run the arithmetic (`domain::clustering`, `market`, `skill_gap`) off the async
//! threads.

use std::collections::HashSet;
use std::f32::consts::FRAC_1_SQRT_2;

use serde::{Deserialize, Serialize};

use super::compare::vector_of;
use super::{catalogue, Control, Options, Service};
use crate::domain::clustering::{self, Points};
use crate::domain::constants::{
    CLUSTER_CHANGE_TOLERANCE, CLUSTER_GAP_MAX_SKILLS, CLUSTER_GAP_MIN_SHARE, CLUSTER_TOP_SKILLS,
    DEFAULT_CLUSTER_SEED, DEFAULT_SIMILAR_JOBS, INSIGHTS_TOP_LOCATIONS, INSIGHTS_TOP_SKILLS,
    MAX_CLUSTERS, MAX_RESULT_LIMIT,
};
use crate::domain::factors::tell_role;
use crate::domain::market::{cluster_label, skill_shares, value_shares, Share};
use crate::domain::round3;
use crate::domain::skill_gap::{skill_gap, Coverage, CoveredSkill, MissingSkill, TargetSkill};
use crate::error::{Error, Result};
use crate::observe::CacheKind;
use crate::store::ttl::JOB_CLUSTERS_TTL_HOURS;
use crate::store::{parse_object_id, text_key, IdKind, JobRecord, ObjectId};

/// A posting as `clusterJobs` sees it: its skills and title means, unit-normalised, weighted
/// so that squared distances weigh the sections as a match does (0.65 / 0.35): a family is
/// what its postings ask for first, what they are called second (titles vary within a
/// family: "Backend Engineer", "API Developer").
const CLUSTER_SECTION_WEIGHTS: [f32; 2] = [0.806_225_8, 0.591_608];

/// What `clusterJobs` clusters: the active postings that `filter` also selects.
#[derive(Debug, Clone)]
pub struct ClusterRequest {
    /// `None`: chosen by silhouette (see `domain::clustering`).
    pub k: Option<usize>,
    pub filter: bson::Document,
    pub seed: u32,
}

impl Default for ClusterRequest {
    fn default() -> Self {
        Self {
            k: None,
            filter: bson::Document::new(),
            seed: DEFAULT_CLUSTER_SEED,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobClusters {
    pub k: usize,
    /// Mean silhouette (−1…1, three decimals): how well the postings separate.
    pub silhouette: f64,
    pub seed: u32,
    /// Postings clustered.
    pub postings: usize,
    /// Largest first.
    pub clusters: Vec<JobCluster>,
    /// RFC 3339.
    pub computed_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobCluster {
    pub id: usize,
    pub size: usize,
    pub label: String,
    /// The skills most of its postings ask for, with the share of its postings that do.
    pub top_skills: Vec<Share>,
    /// Most central first.
    pub job_ids: Vec<String>,
    /// Where each of `job_ids` lies on the board's map (see [`clustering::project`]).
    pub positions: Vec<MapPoint>,
}

/// A posting on the board's map: its coordinates (three decimals) on the two directions in
/// which the clustered postings spread most, measured from their mean.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SimilarJob {
    pub job_id: String,
    pub job_title: String,
    pub company: String,
    pub location: String,
    /// Cosine of the postings' skills-and-title vectors (0–1 for related postings, three
    /// decimals).
    pub similarity: f64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MarketInsights {
    /// Active postings analysed.
    pub postings: usize,
    /// Every posting the filter selects, by `status`.
    pub postings_by_status: Vec<Share>,
    pub skill_demand: Vec<Share>,
    pub experience_levels: Vec<Share>,
    pub locations: Vec<Share>,
    /// Role types told from each posting's skills and title (`domain::factors`).
    pub role_types: Vec<Share>,
    pub clusters: Vec<ClusterSummary>,
    pub computed_at: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterSummary {
    pub id: usize,
    pub label: String,
    pub size: usize,
    pub top_skills: Vec<Share>,
}

/// What a skill gap is measured against.
#[derive(Debug, Clone, PartialEq)]
pub enum GapTarget {
    Job(String),
    /// A cluster of `clusterJobs()` with its default options.
    Cluster(usize),
    /// The cluster of `clusterJobs()` nearest to the resume.
    NearestCluster,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SkillGapResult {
    pub resume_id: String,
    pub target: GapTargetInfo,
    /// 0–100 (see `domain::skill_gap`).
    pub coverage: f64,
    pub covered: Vec<CoveredSkill>,
    pub missing: Vec<MissingSkill>,
}

/// What a skill gap was measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GapTargetKind {
    Job,
    Cluster,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GapTargetInfo {
    pub kind: GapTargetKind,
    /// The job id, or the cluster id as a string.
    pub id: String,
    pub label: String,
}

impl Service {
    /// K-means over the active postings `request.filter` selects (see `domain::clustering`),
    /// each posting as its skills and title means, unit-normalised, end to end: the two
    /// sections that say what a job is, where requirements and location are mostly
    /// boilerplate. Cached in `jobclusters` per request; a cached result is served while
    /// younger than [`JOB_CLUSTERS_TTL_HOURS`] and the postings changed by at most
    /// [`CLUSTER_CHANGE_TOLERANCE`].
    pub async fn cluster_jobs(
        &self,
        request: ClusterRequest,
        opts: Options,
        control: &Control,
    ) -> Result<JobClusters> {
        control.check()?;
        let ids = self
            .store
            .active_job_ids_matching(request.filter.clone())
            .await?;
        let (key, described) = request_key(&request);
        let ttl = chrono::Duration::hours(JOB_CLUSTERS_TTL_HOURS);
        if !opts.force {
            let cached = self.store.cached_clusters(&key, ttl).await?;
            let hit = cached
                .and_then(|doc| self.decode::<JobClusters>(doc))
                .filter(|hit| !changed_too_much(hit, &ids));
            let found = usize::from(hit.is_some());
            crate::observe::cache_lookups(CacheKind::JobClusters, found, 1 - found);
            if let Some(hit) = hit {
                return Ok(hit);
            }
        }
        self.ensure_in_catalogue(&ids, control).await?;
        control.check()?;
        let (held, vectors) = self
            .catalogue
            .lock()
            .await
            .section_vectors(&ids, CLUSTER_SECTION_WEIGHTS);
        let records = self
            .store
            .active_job_titles_matching(request.filter)
            .await?;
        let stop = control.stop_check();
        let (k, seed) = (request.k, u64::from(request.seed));
        let (clustering, vectors, positions) = tokio::task::spawn_blocking(move || {
            let mut vectors = vectors;
            let dim = vectors.len() / held.len().max(1);
            if dim > 0 {
                clustering::centre(&mut vectors, dim);
            }
            let result = if held.is_empty() {
                Ok(clustering::Clustering {
                    k: 0,
                    assignments: Vec::new(),
                    centroids: Vec::new(),
                    inertia: 0.0,
                    silhouette: 0.0,
                })
            } else {
                clustering::cluster(Points::new(&vectors, dim), k, seed, &stop)
            };
            let positions = match result {
                Ok(_) if dim > 0 => clustering::project(Points::new(&vectors, dim)),
                _ => Vec::new(),
            };
            (result.map(|c| (c, held)), vectors, positions)
        })
        .await
        .map_err(|e| Error::Internal(format!("clustering: {e}")))?;
        let (clustering, held) = clustering.map_err(|_| Error::Aborted)?;
        let result = JobClusters {
            k: clustering.k,
            silhouette: round3(clustering.silhouette),
            seed: request.seed,
            postings: held.len(),
            clusters: describe_clusters(&clustering, &held, &vectors, &positions, &records),
            computed_at: now(),
        };
        self.store
            .put_clusters(&key, described, self.body(&result)?)
            .await?;
        Ok(result)
    }

    /// The active postings most similar to a posting (by the vectors `cluster_jobs` uses),
    /// most similar first.
    pub async fn similar_jobs(
        &self,
        job_id: &str,
        limit: usize,
        control: &Control,
    ) -> Result<Vec<SimilarJob>> {
        let id = parse_object_id(IdKind::Job, job_id)?;
        let job = self.job_embeddings(job_id, Options::default()).await?;
        let Some(target) = catalogue::match_vector(&job.mean_embeddings) else {
            return Ok(Vec::new());
        };
        self.refresh_catalogue().await?;
        let unembedded = self.catalogue.lock().await.unembedded();
        self.ensure_in_catalogue(&unembedded, control).await?;
        loop {
            let nearest = self
                .catalogue
                .lock()
                .await
                .most_similar(&target, &id, limit);
            let ids: Vec<ObjectId> = nearest.iter().map(|(id, _)| *id).collect();
            let records = self.store.jobs(&ids).await?;
            if records.len() < ids.len() {
                // Deleted since the catalogue last listed the postings: gone, try again.
                let mut board = self.catalogue.lock().await;
                for gone in ids
                    .iter()
                    .filter(|id| !records.iter().any(|j| j.id == **id))
                {
                    board.remove(gone);
                }
                continue;
            }
            return Ok(nearest
                .iter()
                .zip(records)
                .map(|((id, similarity), job)| SimilarJob {
                    job_id: id.to_hex(),
                    job_title: job.title,
                    company: job.company,
                    location: job.location,
                    similarity: round3(f64::from(*similarity)),
                })
                .collect());
        }
    }

    /// Counts over the active postings `filter` selects: skill demand (aliases counted once),
    /// experience levels, locations, postings by status, and the clusters' top skills.
    pub async fn market_insights(
        &self,
        filter: bson::Document,
        opts: Options,
        control: &Control,
    ) -> Result<MarketInsights> {
        let (records, statuses) = tokio::try_join!(
            self.store.active_jobs_matching(filter.clone()),
            self.store.status_counts(filter.clone())
        )?;
        let clusters = self
            .cluster_jobs(
                ClusterRequest {
                    filter,
                    ..ClusterRequest::default()
                },
                opts,
                control,
            )
            .await?;
        let all: usize = statuses.iter().map(|(_, n)| n).sum();
        let skills: Vec<Vec<String>> = records.iter().map(|j| j.skills.clone()).collect();
        Ok(MarketInsights {
            postings: records.len(),
            postings_by_status: statuses
                .into_iter()
                .map(|(status, n)| Share {
                    share: round3(n as f64 / all.max(1) as f64),
                    name: status,
                    postings: n,
                })
                .collect(),
            skill_demand: skill_shares(&skills, INSIGHTS_TOP_SKILLS),
            experience_levels: value_shares(
                records.iter().map(|j| j.experience_level.as_str()),
                "Unspecified",
                usize::MAX,
            ),
            locations: value_shares(
                records.iter().map(|j| j.location.as_str()),
                "Unspecified",
                INSIGHTS_TOP_LOCATIONS,
            ),
            role_types: value_shares(
                records.iter().map(|j| {
                    let skills: Vec<&str> = j.skills.iter().map(String::as_str).collect();
                    tell_role(&skills, &[j.title.as_str()], &[]).map_or("", |(role, _)| role.name())
                }),
                "Unspecified",
                usize::MAX,
            ),
            clusters: clusters
                .clusters
                .into_iter()
                .map(|c| ClusterSummary {
                    id: c.id,
                    label: c.label,
                    size: c.size,
                    top_skills: c.top_skills,
                })
                .collect(),
            computed_at: now(),
        })
    }

    /// The skills a target asks for that the resume lacks, most important first, each with
    /// the closest skill the resume has; and the skills it covers (see `domain::skill_gap`).
    pub async fn skill_gap(&self, resume_id: &str, target: GapTarget) -> Result<SkillGapResult> {
        let id = parse_object_id(IdKind::Resume, resume_id)?;
        let resume = self.matching_resume(&id).await?;
        let (info, asked) = match target {
            GapTarget::Job(job_id) => {
                let job = self.job(&parse_object_id(IdKind::Job, &job_id)?).await?;
                let info = GapTargetInfo {
                    kind: GapTargetKind::Job,
                    id: job.id.to_hex(),
                    label: job.title.clone(),
                };
                (info, job.skills.iter().map(|s| (s.clone(), 1.0)).collect())
            }
            GapTarget::Cluster(cluster) => {
                let clusters = self.default_clusters().await?;
                let found = clusters.clusters.get(cluster).ok_or_else(|| {
                    Error::InvalidArgument(format!(
                        "no cluster {cluster}: clusterJobs() has {} (ids 0 to {})",
                        clusters.k,
                        clusters.k.saturating_sub(1)
                    ))
                })?;
                self.cluster_target(found).await?
            }
            GapTarget::NearestCluster => {
                let clusters = self.default_clusters().await?;
                let means = self.resume_means(id, &Options::default()).await?;
                let nearest = match catalogue::match_query(&means.mean_embeddings) {
                    Some(query) => self.nearest_cluster(&clusters, &query).await,
                    None => None,
                };
                let found = nearest.or(clusters.clusters.first()).ok_or_else(|| {
                    Error::InvalidArgument(
                        "skillGap needs a jobId or clusterId: there are no active postings to \
                         cluster"
                            .into(),
                    )
                })?;
                self.cluster_target(found).await?
            }
        };
        let names = resume
            .profile
            .skills
            .iter()
            .chain(asked.iter().map(|(s, _)| s));
        let vectors = self.vectors(names).await?;
        let vector = |s: &str| vector_of(&vectors, s);
        let resume_skills: Vec<(&str, &[f32])> = resume
            .profile
            .skills
            .iter()
            .map(|s| (s.as_str(), vector(s)))
            .collect();
        let target: Vec<TargetSkill> = asked
            .iter()
            .map(|(name, importance)| TargetSkill {
                name,
                importance: *importance,
                vector: vector(name),
            })
            .collect();
        let gap = skill_gap(&resume_skills, &target, Coverage::Concepts);
        Ok(SkillGapResult {
            resume_id: id.to_hex(),
            target: info,
            coverage: gap.coverage,
            covered: gap.covered,
            missing: gap.missing,
        })
    }

    async fn default_clusters(&self) -> Result<JobClusters> {
        self.cluster_jobs(
            ClusterRequest::default(),
            Options::default(),
            &Control::default(),
        )
        .await
    }

    /// A cluster's skills as a gap target: those at least [`CLUSTER_GAP_MIN_SHARE`] of its
    /// postings ask for, by share.
    async fn cluster_target(
        &self,
        cluster: &JobCluster,
    ) -> Result<(GapTargetInfo, Vec<(String, f64)>)> {
        let ids = cluster
            .job_ids
            .iter()
            .filter_map(|id| ObjectId::parse_str(id).ok())
            .collect::<Vec<_>>();
        let skills: Vec<Vec<String>> = self
            .store
            .jobs(&ids)
            .await?
            .into_iter()
            .map(|j| j.skills)
            .collect();
        let asked = skill_shares(&skills, CLUSTER_GAP_MAX_SKILLS)
            .into_iter()
            .filter(|s| s.share >= CLUSTER_GAP_MIN_SHARE)
            .map(|s| (s.name, s.share))
            .collect();
        let info = GapTargetInfo {
            kind: GapTargetKind::Cluster,
            id: cluster.id.to_string(),
            label: cluster.label.clone(),
        };
        Ok((info, asked))
    }

    /// The cluster whose centre ranks highest for a resume's match query (the order
    /// recommendations rank postings in).
    async fn nearest_cluster<'a>(
        &self,
        clusters: &'a JobClusters,
        query: &[f32],
    ) -> Option<&'a JobCluster> {
        let board = self.catalogue.lock().await;
        clusters
            .clusters
            .iter()
            .filter_map(|cluster| {
                let ids: Vec<ObjectId> = cluster
                    .job_ids
                    .iter()
                    .filter_map(|id| ObjectId::parse_str(id).ok())
                    .collect();
                let (held, vectors) = board.section_vectors(&ids, [FRAC_1_SQRT_2; 2]);
                if held.is_empty() || vectors.len() != held.len() * query.len() {
                    return None;
                }
                let score: f64 = vectors
                    .chunks_exact(query.len())
                    .map(|row| {
                        row.iter()
                            .zip(query)
                            .map(|(a, b)| f64::from(a * b))
                            .sum::<f64>()
                    })
                    .sum::<f64>()
                    / held.len() as f64;
                Some((cluster, score))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.id.cmp(&a.0.id)))
            .map(|(cluster, _)| cluster)
    }

    /// Makes sure the catalogue holds the active postings among `ids`: lists again when due,
    /// then embeds those it lacks in steps that report progress and can be aborted.
    async fn ensure_in_catalogue(&self, ids: &[ObjectId], control: &Control) -> Result<()> {
        self.refresh_catalogue().await?;
        let missing: Vec<ObjectId> = {
            let board = self.catalogue.lock().await;
            ids.iter()
                .filter(|id| !board.contains(id))
                .copied()
                .collect()
        };
        self.embed_into_catalogue(&missing, ids.len() - missing.len(), ids.len(), control)
            .await
    }
}

/// Validates a caller's cluster count: a whole number from 1 to [`MAX_CLUSTERS`].
pub fn cluster_count(raw: Option<f64>) -> Result<Option<usize>> {
    whole(raw, "k", 1, MAX_CLUSTERS)
}

/// Validates a caller's `similarJobs` limit (default [`DEFAULT_SIMILAR_JOBS`]).
pub fn similar_limit(raw: Option<f64>) -> Result<usize> {
    Ok(whole(raw, "limit", 1, MAX_RESULT_LIMIT)?.unwrap_or(DEFAULT_SIMILAR_JOBS))
}

/// Validates a caller's seed: a whole number from 0 to 2³²−1.
pub fn cluster_seed(raw: Option<f64>) -> Result<u32> {
    Ok(whole(raw, "seed", 0, u32::MAX as usize)?.map_or(DEFAULT_CLUSTER_SEED, |s| s as u32))
}

/// Validates a cluster id: a whole number from 0.
pub fn cluster_id(raw: f64) -> Result<usize> {
    Ok(whole(Some(raw), "clusterId", 0, MAX_CLUSTERS)?.unwrap_or(0))
}

fn whole(raw: Option<f64>, name: &str, min: usize, max: usize) -> Result<Option<usize>> {
    match raw {
        None => Ok(None),
        Some(n) if n.fract() == 0.0 && (min as f64..=max as f64).contains(&n) => {
            Ok(Some(n as usize))
        }
        Some(n) => Err(Error::InvalidArgument(format!(
            "{name} must be a whole number from {min} to {max}, got {n}"
        ))),
    }
}

/// Changes whenever what a cached clustering holds would change for the same request (the
/// vector, the k-means, the labels), so an upgrade recomputes instead of serving old entries.
const CLUSTERING_VERSION: u32 = 2;

/// The cache key of a request (a hash: filters can be long) and the request, readable.
fn request_key(request: &ClusterRequest) -> (String, bson::Document) {
    let filter = bson::Bson::Document(request.filter.clone())
        .into_relaxed_extjson()
        .to_string();
    let k = request.k.map_or("auto".to_string(), |k| k.to_string());
    let key = text_key(
        &format!("jobclusters/v{CLUSTERING_VERSION}"),
        &format!("{filter}\n{k}\n{}", request.seed),
    );
    let described = bson::doc! { "filter": filter, "k": k, "seed": i64::from(request.seed) };
    (key, described)
}

/// Whether the postings a cached clustering covered and those selected now differ by more
/// than [`CLUSTER_CHANGE_TOLERANCE`] of the current count.
fn changed_too_much(cached: &JobClusters, now: &[ObjectId]) -> bool {
    let before: HashSet<&str> = cached
        .clusters
        .iter()
        .flat_map(|c| c.job_ids.iter().map(String::as_str))
        .collect();
    let now_hex: Vec<String> = now.iter().map(|id| id.to_hex()).collect();
    let now_set: HashSet<&str> = now_hex.iter().map(String::as_str).collect();
    let differ = before.symmetric_difference(&now_set).count();
    differ as f64 > CLUSTER_CHANGE_TOLERANCE * now.len().max(1) as f64
}

/// Clusters as a person reads them: largest first (then by first member id), members most
/// central first, named and with their top skills and places on the map (`positions`, one
/// per point).
fn describe_clusters(
    clustering: &clustering::Clustering,
    ids: &[ObjectId],
    vectors: &[f32],
    positions: &[[f32; 2]],
    records: &[JobRecord],
) -> Vec<JobCluster> {
    let dim = if ids.is_empty() {
        0
    } else {
        vectors.len() / ids.len()
    };
    let record = |id: &ObjectId| {
        records
            .binary_search_by(|r| r.id.cmp(id))
            .ok()
            .map(|i| &records[i])
    };
    let mut members: Vec<Vec<(f32, usize)>> = vec![Vec::new(); clustering.k];
    for (i, &c) in clustering.assignments.iter().enumerate() {
        let centre = &clustering.centroids[c * dim..(c + 1) * dim];
        let distance: f32 = vectors[i * dim..(i + 1) * dim]
            .iter()
            .zip(centre)
            .map(|(x, y)| (x - y) * (x - y))
            .sum();
        members[c].push((distance, i));
    }
    for list in &mut members {
        list.sort_by(|a, b| a.0.total_cmp(&b.0).then(ids[a.1].cmp(&ids[b.1])));
    }
    members.retain(|m| !m.is_empty());
    members.sort_by(|a, b| {
        b.len().cmp(&a.len()).then_with(|| {
            let first = |m: &Vec<(f32, usize)>| m.iter().map(|(_, i)| ids[*i]).min();
            first(a).cmp(&first(b))
        })
    });
    members
        .iter()
        .enumerate()
        .map(|(id, list)| {
            let postings: Vec<&JobRecord> =
                list.iter().filter_map(|(_, i)| record(&ids[*i])).collect();
            let titles: Vec<&str> = postings.iter().map(|j| j.title.as_str()).collect();
            let skills: Vec<Vec<String>> = postings.iter().map(|j| j.skills.clone()).collect();
            JobCluster {
                id,
                size: list.len(),
                label: cluster_label(&titles),
                top_skills: skill_shares(&skills, CLUSTER_TOP_SKILLS),
                job_ids: list.iter().map(|(_, i)| ids[*i].to_hex()).collect(),
                positions: list
                    .iter()
                    .map(|(_, i)| MapPoint {
                        x: round3(f64::from(positions[*i][0])),
                        y: round3(f64::from(positions[*i][1])),
                    })
                    .collect(),
            }
        })
        .collect()
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
