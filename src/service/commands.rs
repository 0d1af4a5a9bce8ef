//! The Python service's command line, as one function: `run("score_resume", ["<id>"])`
//! returns what `python main.py score_resume <id>` printed (parsed), so a backend's
//! `runPython(command, args)` becomes `run(command, args)`. The `resume-ai` CLI prints it.

use serde::Serialize;

use super::{
    cluster_count, result_limit, similar_limit, ClusterRequest, Control, ExtractOptions, GapTarget,
    Options, Service,
};
use crate::error::{echoed, Error, Result};

/// The seed's commands and their arguments, for usage messages.
pub const COMMANDS: &[(&str, &str)] = &[
    ("score_resume", "<resume_id>"),
    ("generate_resume_embeddings", "<resume_id>"),
    ("generate_job_embeddings", "<job_id>"),
    ("compare_resume_job", "<resume_id> <job_id>"),
    (
        "batch_compare",
        "<resume_id> '<json array of job ids>' [limit]",
    ),
    ("get_recommendations", "<user_id> <resume_id> [limit]"),
    ("cluster_jobs", "[k]"),
    ("similar_jobs", "<job_id> [limit]"),
    ("market_insights", ""),
    ("skill_gap", "<resume_id> [job_id]"),
    ("extract_skills", "<text> [limit]"),
];

pub async fn run(
    service: &Service,
    command: &str,
    args: &[String],
    opts: Options,
    control: &Control,
) -> Result<serde_json::Value> {
    match (command, args) {
        ("score_resume", [resume]) => json(service.score_resume(resume, opts).await?),
        ("generate_resume_embeddings", [resume]) => {
            json(service.resume_embeddings(resume, opts).await?)
        }
        ("generate_job_embeddings", [job]) => json(service.job_embeddings(job, opts).await?),
        ("compare_resume_job", [resume, job]) => {
            json(service.compare_resume_job(resume, job, opts).await?)
        }
        ("batch_compare", [resume, jobs, rest @ ..]) if rest.len() <= 1 => {
            let jobs: Vec<String> = serde_json::from_str(jobs).map_err(|e| {
                Error::InvalidArgument(format!("job ids must be a JSON array of strings: {e}"))
            })?;
            json(
                service
                    .batch_compare(resume, &jobs, limit(rest)?, opts, control)
                    .await?,
            )
        }
        ("get_recommendations", [user, resume, rest @ ..]) if rest.len() <= 1 => json(
            service
                .recommendations(user, resume, limit(rest)?, opts, control)
                .await?,
        ),
        ("cluster_jobs", rest) if rest.len() <= 1 => {
            let request = ClusterRequest {
                k: cluster_count(number(rest, "k")?)?,
                ..ClusterRequest::default()
            };
            json(service.cluster_jobs(request, opts, control).await?)
        }
        ("similar_jobs", [job, rest @ ..]) if rest.len() <= 1 => {
            let limit = similar_limit(number(rest, "limit")?)?;
            json(service.similar_jobs(job, limit, control).await?)
        }
        ("market_insights", []) => json(
            service
                .market_insights(bson::Document::new(), opts, control)
                .await?,
        ),
        ("skill_gap", [resume, rest @ ..]) if rest.len() <= 1 => {
            let target = match rest.first() {
                Some(job) => GapTarget::Job(job.clone()),
                None => GapTarget::NearestCluster,
            };
            json(service.skill_gap(resume, target).await?)
        }
        ("extract_skills", [text, rest @ ..]) if rest.len() <= 1 => {
            let options = ExtractOptions {
                limit: match number(rest, "limit")? {
                    None => ExtractOptions::default().limit,
                    some => result_limit(some)?,
                },
                ..ExtractOptions::default()
            };
            json(service.extract_skills(text, options, control).await?)
        }
        _ => Err(Error::InvalidArgument(usage(command))),
    }
}

fn limit(rest: &[String]) -> Result<usize> {
    result_limit(number(rest, "limit")?)
}

/// The optional numeric argument `rest[0]`.
fn number(rest: &[String], name: &str) -> Result<Option<f64>> {
    rest.first()
        .map(|text| {
            text.trim().parse::<f64>().map_err(|_| {
                Error::InvalidArgument(format!("{name} must be a number, got {:?}", echoed(text)))
            })
        })
        .transpose()
}

fn usage(command: &str) -> String {
    match COMMANDS.iter().find(|(name, _)| *name == command) {
        Some((name, args)) => format!("usage: {name} {args}").trim_end().to_string(),
        None => {
            let names: Vec<&str> = COMMANDS.iter().map(|(name, _)| *name).collect();
            format!(
                "Unknown command: {:?} (commands: {})",
                echoed(command),
                names.join(", ")
            )
        }
    }
}

fn json(value: impl Serialize) -> Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| Error::Internal(e.to_string()))
}
