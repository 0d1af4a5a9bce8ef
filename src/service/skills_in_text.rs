//! `extractSkills`: the skills a free text names, on the taxonomy (`domain::taxonomy`), by
//! name and by embedding (`domain::extraction`). The concepts' name vectors (~14,000) are
//! embedded once per machine and kept in a file beside the model (`taxonomy-vectors/`, f16,
//! 22 MB), keyed by the model's and the taxonomy's checksums; a process reads that file on
//! its first `extractSkills`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use half::f16;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::constants::{EXTRACTION_DEFAULT_LIMIT, MAX_FREE_TEXT_CHARS};
use crate::domain::extraction::{alias_context, nearest_concepts, phrases, rank, sentences};
use crate::domain::limits::Cut;
use crate::domain::taxonomy::{taxonomy, ConceptKind, Via, ESCO_TSV, TOOLS_TSV};
use crate::error::{Error, Result};

use super::vectors::Vector;
use super::{Control, Service};

/// Concept names embedded per engine call while the concept vectors are built, so progress
/// and aborts are seen between calls.
const CONCEPTS_PER_STEP: usize = 1_024;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExtractOptions {
    /// At most this many skills (1–10,000).
    pub limit: usize,
    /// `None`: the accepted skills only. A score (0–1): every candidate scoring at least
    /// that, accepted or not (names always score 1).
    pub min_score: Option<f32>,
    /// Also look for skills near the text's phrases (needs the model); names only when false.
    pub embedding: bool,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        Self {
            limit: EXTRACTION_DEFAULT_LIMIT,
            min_score: None,
            embedding: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedSkill {
    /// The concept's preferred name.
    pub name: String,
    /// ESCO's uuid, or the tool's id.
    pub id: String,
    pub kind: ConceptKind,
    /// `[start, end)` of what names the skill in the text, in UTF-16 code units (as
    /// JavaScript indexes strings: `text.slice(start, end)`).
    pub span: [usize; 2],
    /// 1 for a name, else the phrase's (and its sentence's) cosine with the concept's name
    /// (3 decimals; see `domain::extraction`).
    pub score: f64,
    pub via: Via,
    /// Reported by default: named, or a phrase's nearest concept at the threshold or above.
    pub accepted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// Best first: names in text order, then skills found by embedding by score.
    pub skills: Vec<ExtractedSkill>,
    /// Characters of the text read, when it was longer than the document limit.
    pub truncated: Option<Cut>,
}

/// A byte offset of `text` (a char boundary) in UTF-16 code units.
fn utf16_offset(text: &str, byte: usize) -> usize {
    text[..byte].encode_utf16().count()
}

impl Service {
    pub async fn extract_skills(
        &self,
        text: &str,
        opts: ExtractOptions,
        control: &Control,
    ) -> Result<Extraction> {
        if let Some(min) = opts.min_score.filter(|m| !(0.0..=1.0).contains(m)) {
            return Err(Error::InvalidArgument(format!(
                "minScore must be from 0 to 1, got {min}"
            )));
        }
        let total = text.chars().count();
        let (text, truncated) = match text.char_indices().nth(MAX_FREE_TEXT_CHARS) {
            Some((cut, _)) => (
                &text[..cut],
                Some(Cut {
                    kept: MAX_FREE_TEXT_CHARS,
                    total,
                }),
            ),
            None => (text, None),
        };
        crate::observe::call::truncations(usize::from(truncated.is_some()));
        let taxonomy = taxonomy();
        let mentions = Arc::new(taxonomy.mentions(text));
        let (near, context) = if opts.embedding {
            let concepts = self.concept_vectors(control).await?;
            let candidates = phrases(text);
            let bounds = sentences(text);
            // Straight to the model, phrases and sentences in one call: a text's phrases are
            // rarely seen again, so they are not worth a row each in the text-vector cache.
            let mut texts: Vec<String> = candidates.iter().map(|p| p.text.clone()).collect();
            let phrase_count = texts.len();
            texts.extend(bounds.iter().map(|&(s, e)| text[s..e].to_string()));
            let vectors = self.engine.embed(texts).await?;
            let named = mentions.clone();
            tokio::task::spawn_blocking(move || {
                let slices: Vec<&[f32]> = vectors.iter().map(Vec::as_slice).collect();
                let (phrase_vectors, sentence_vectors) = slices.split_at(phrase_count);
                let concepts: Vec<&[f32]> = concepts.iter().map(|v| &v[..]).collect();
                (
                    nearest_concepts(&candidates, phrase_vectors, sentence_vectors, &concepts),
                    alias_context(taxonomy, &named, &bounds, sentence_vectors, &concepts),
                )
            })
            .await
            .map_err(|e| Error::Internal(format!("skill extraction task failed: {e}")))?
        } else {
            Default::default()
        };
        let skills = rank(&mentions, &near, &context, opts.min_score, opts.limit)
            .into_iter()
            .map(|found| {
                let concept = taxonomy.concept(found.concept);
                ExtractedSkill {
                    name: concept.name.clone(),
                    id: concept.id.clone(),
                    kind: concept.kind,
                    span: [
                        utf16_offset(text, found.start),
                        utf16_offset(text, found.end),
                    ],
                    score: crate::domain::round3(f64::from(found.score)),
                    via: found.via,
                    accepted: found.accepted,
                }
            })
            .collect();
        Ok(Extraction { skills, truncated })
    }

    /// Each concept's name vector, indexed by concept id: read from the file
    /// [`concept_vectors_file`], or embedded (~14,000 short texts, about 80 s on two cores)
    /// and written there for the next process.
    async fn concept_vectors(&self, control: &Control) -> Result<Arc<Vec<Vector>>> {
        self.concepts
            .get_or_try_init(|| async {
                let info = self.engine.info().await?;
                let file = concept_vectors_file(&info.model_dir, &info.sha256);
                let names: Vec<String> = taxonomy()
                    .concepts()
                    .iter()
                    .map(|c| c.name.clone())
                    .collect();
                let read = {
                    let file = file.clone();
                    let count = names.len();
                    tokio::task::spawn_blocking(move || read_vectors(&file, count, info.dimension))
                        .await
                        .ok()
                        .flatten()
                };
                if let Some(vectors) = read {
                    return Ok(Arc::new(vectors));
                }
                let mut out: Vec<Vector> = Vec::with_capacity(names.len());
                for (step, chunk) in names.chunks(CONCEPTS_PER_STEP).enumerate() {
                    control.check()?;
                    let computed = self.engine.embed(chunk.to_vec()).await?;
                    out.extend(computed.into_iter().map(Vector::from));
                    control.report(step * CONCEPTS_PER_STEP + chunk.len(), names.len());
                }
                let out = Arc::new(out);
                let written = out.clone();
                // Best effort: a read-only model folder only means the next process embeds again.
                let _ = tokio::task::spawn_blocking(move || write_vectors(&file, &written)).await;
                Ok(out)
            })
            .await
            .cloned()
    }
}

/// `<model folder>/../taxonomy-vectors/<key>.f16`, the key naming the model's weights and the
/// taxonomy's two files, so a change of either is a new file.
fn concept_vectors_file(model_dir: &str, model_sha256: &str) -> PathBuf {
    let mut hasher = Sha256::new();
    for part in [model_sha256, ESCO_TSV, TOOLS_TSV] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    let key: String = hasher.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let dir = Path::new(model_dir);
    dir.parent()
        .unwrap_or(dir)
        .join("taxonomy-vectors")
        .join(format!("{key}.f16"))
}

/// The vectors of [`write_vectors`], when the file holds exactly `count` × `dimension` values.
fn read_vectors(file: &Path, count: usize, dimension: usize) -> Option<Vec<Vector>> {
    let bytes = std::fs::read(file).ok()?;
    if bytes.len() != count * dimension * 2 {
        return None;
    }
    let values: Vec<f32> = bytes
        .chunks_exact(2)
        .map(|b| f16::from_le_bytes([b[0], b[1]]).to_f32())
        .collect();
    Some(values.chunks_exact(dimension).map(Vector::from).collect())
}

/// Little-endian f16, row after row; written to a temporary file and renamed, so a reader
/// never sees half a file.
fn write_vectors(file: &Path, vectors: &[Vector]) -> std::io::Result<()> {
    let bytes: Vec<u8> = vectors
        .iter()
        .flat_map(|v| v.iter())
        .flat_map(|x| f16::from_f32(*x).to_le_bytes())
        .collect();
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let partial = file.with_extension(format!("partial-{}", std::process::id()));
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concept_vectors_round_trip_through_their_file_and_a_wrong_size_is_ignored() {
        let dir = std::env::temp_dir().join(format!("resume-ai-vectors-{}", std::process::id()));
        let file = dir.join("x.f16");
        let vectors: Vec<Vector> = vec![
            Vector::from(vec![0.5, -0.25, 1.0]),
            Vector::from(vec![0.0, 0.125, -1.0]),
        ];
        write_vectors(&file, &vectors).unwrap();
        assert_eq!(read_vectors(&file, 2, 3).unwrap(), vectors);
        assert!(read_vectors(&file, 3, 3).is_none());
        assert!(read_vectors(&dir.join("missing.f16"), 2, 3).is_none());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_file_name_changes_with_the_model() {
        let a = concept_vectors_file("/m/all-mpnet-base-v2", "aa");
        let b = concept_vectors_file("/m/all-mpnet-base-v2", "bb");
        assert_ne!(a, b);
        assert!(a.starts_with("/m/taxonomy-vectors"));
    }
}
