//! Reading the taxonomy's two TSV files (ESCO's skills and the tool layer) into a
//! [`Taxonomy`].

use std::collections::HashMap;

use super::{label_key, Concept, ConceptId, ConceptKind, Taxonomy, Via, MAX_LABEL_WORDS};

impl Taxonomy {
    /// Builds the taxonomy from the two TSV files. Errors name the line at fault.
    pub fn parse(esco: &str, tools: &str) -> Result<Self, String> {
        let mut concepts: Vec<Concept> = Vec::new();
        let esco_file = EscoFile::read(esco, &mut concepts)?;
        let tool_file = ToolFile::read(tools, &esco_file, &mut concepts)?;
        add_implications(&mut concepts, &esco_file, &tool_file)?;
        let labels = claim_labels(&concepts, &esco_file, &tool_file);
        let restricted = restricted_names(tools, &concepts, &tool_file)?;
        let longest_label = labels
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(0)
            .min(MAX_LABEL_WORDS);
        Ok(Self {
            concepts,
            labels,
            restricted,
            longest_label,
        })
    }
}

/// The ESCO file, one concept per row in file order, kept while the taxonomy is built.
struct EscoFile<'a> {
    by_id: HashMap<&'a str, ConceptId>,
    by_label: HashMap<&'a str, ConceptId>,
    rows: Vec<EscoRow<'a>>,
}

/// One row of the ESCO file: its concept's alternative labels and broader skills' ids.
struct EscoRow<'a> {
    concept: ConceptId,
    alt_labels: Vec<&'a str>,
    broader: Vec<&'a str>,
}

impl<'a> EscoFile<'a> {
    /// Reads the ESCO file, adding a concept to `concepts` for each row.
    fn read(esco: &'a str, concepts: &mut Vec<Concept>) -> Result<Self, String> {
        let mut file = EscoFile {
            by_id: HashMap::new(),
            by_label: HashMap::new(),
            rows: Vec::new(),
        };
        for (line, cols) in rows(esco, "id\tpreferred\talt_labels\tbroader\ttype", 5)? {
            let idx = concepts.len() as ConceptId;
            if file.by_id.insert(cols[0], idx).is_some() {
                return Err(format!("esco line {line}: duplicate id {}", cols[0]));
            }
            file.by_label.insert(cols[1], idx);
            concepts.push(Concept {
                id: cols[0].to_string(),
                name: cols[1].to_string(),
                display: cols[1].to_string(),
                kind: ConceptKind::Esco,
                implies: Vec::new(),
            });
            file.rows.push(EscoRow {
                concept: idx,
                alt_labels: split_list(cols[2]),
                broader: split_list(cols[3]),
            });
        }
        Ok(file)
    }
}

/// The tool layer, kept while the taxonomy is built.
struct ToolFile<'a> {
    by_id: HashMap<&'a str, ConceptId>,
    rows: Vec<ToolRow<'a>>,
}

/// One row of the tool layer.
struct ToolRow<'a> {
    concept: ConceptId,
    name: &'a str,
    aliases: Vec<&'a str>,
    implies: Vec<&'a str>,
    line: usize,
}

impl<'a> ToolFile<'a> {
    /// Reads the tool layer: a row that names an ESCO skill gives that concept its display
    /// name; any other row adds a concept to `concepts`.
    fn read(tools: &'a str, esco: &EscoFile, concepts: &mut Vec<Concept>) -> Result<Self, String> {
        let mut file = ToolFile {
            by_id: HashMap::new(),
            rows: Vec::new(),
        };
        for (line, cols) in rows(tools, "id\tname\taliases\timplies\tesco", 5)? {
            let idx = match cols[4] {
                "" => {
                    concepts.push(Concept {
                        id: cols[0].to_string(),
                        name: cols[1].to_string(),
                        display: cols[1].to_string(),
                        kind: ConceptKind::Tool,
                        implies: Vec::new(),
                    });
                    (concepts.len() - 1) as ConceptId
                }
                label => *esco
                    .by_label
                    .get(label)
                    .ok_or_else(|| format!("tools line {line}: no ESCO skill {label:?}"))?,
            };
            concepts[idx as usize].display = cols[1].to_string();
            if file.by_id.insert(cols[0], idx).is_some() {
                return Err(format!("tools line {line}: duplicate id {}", cols[0]));
            }
            file.rows.push(ToolRow {
                concept: idx,
                name: cols[1],
                aliases: split_list(cols[2]),
                implies: split_list(cols[3]),
                line,
            });
        }
        Ok(file)
    }
}

/// Implications: the reviewed tool rules first, then ESCO's broader skills (a broader id that
/// is a skill group, not a skill, is not in the file and is skipped).
fn add_implications(
    concepts: &mut [Concept],
    esco: &EscoFile,
    tools: &ToolFile,
) -> Result<(), String> {
    for row in &tools.rows {
        for id in &row.implies {
            let to = *tools
                .by_id
                .get(id)
                .ok_or_else(|| format!("tools line {}: implies unknown id {id:?}", row.line))?;
            push_unique(&mut concepts[row.concept as usize].implies, to);
        }
    }
    for row in &esco.rows {
        for id in &row.broader {
            if let Some(&to) = esco.by_id.get(id) {
                push_unique(&mut concepts[row.concept as usize].implies, to);
            }
        }
    }
    Ok(())
}

/// Labels, strongest claim first: a later, weaker label never takes a key. Two ESCO
/// alternative labels that are the same words for different skills name neither.
fn claim_labels(
    concepts: &[Concept],
    esco: &EscoFile,
    tools: &ToolFile,
) -> HashMap<String, (ConceptId, Via)> {
    let mut labels: HashMap<String, (ConceptId, Via)> = HashMap::new();
    let mut claim = |key: String, idx: ConceptId, via: Via| {
        if !key.is_empty() {
            labels.entry(key).or_insert((idx, via));
        }
    };
    for row in &tools.rows {
        claim(label_key(row.name), row.concept, Via::Label);
        for alias in &row.aliases {
            claim(label_key(alias), row.concept, Via::Alias);
        }
    }
    for concept in concepts.iter().enumerate() {
        claim(
            label_key(&concept.1.name),
            concept.0 as ConceptId,
            Via::Label,
        );
    }
    let mut alt_owner: HashMap<String, Option<ConceptId>> = HashMap::new();
    for row in &esco.rows {
        for alt in &row.alt_labels {
            let key = label_key(alt);
            alt_owner
                .entry(key)
                .and_modify(|owner| {
                    if *owner != Some(row.concept) {
                        *owner = None
                    }
                })
                .or_insert(Some(row.concept));
        }
    }
    for (key, owner) in alt_owner {
        if let Some(idx) = owner {
            claim(key, idx, Via::Alias);
        }
    }
    labels
}

/// What [`Taxonomy`]'s `restricted` holds: each restricted tool name (the file's
/// `# restricted:` line) by label key, as it must be written, and each name never read in
/// free text (`# not in text:`) with an empty spelling.
fn restricted_names(
    tools_tsv: &str,
    concepts: &[Concept],
    tools: &ToolFile,
) -> Result<HashMap<String, String>, String> {
    let restricted_ids = comment_list(tools_tsv, "# restricted:");
    let mut restricted = HashMap::new();
    for id in restricted_ids {
        let idx = *tools
            .by_id
            .get(id)
            .ok_or_else(|| format!("tools: restricted id {id:?} is not a row"))?;
        let name = tools
            .rows
            .iter()
            .rev()
            .find(|row| row.concept == idx)
            .map_or(concepts[idx as usize].display.as_str(), |row| row.name);
        restricted.insert(label_key(name), name.to_string());
    }
    // Names that are never looked for in free text at all (ESCO alternative labels that
    // are everyday words: "data", "access", "assembly"): an empty spelling never matches.
    let never = comment_list(tools_tsv, "# not in text:");
    for label in never {
        restricted.insert(label_key(label), String::new());
    }
    Ok(restricted)
}

/// The `|`-separated list on the first line that starts with `prefix`; empty without one.
fn comment_list<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.lines()
        .find_map(|l| l.strip_prefix(prefix))
        .map(split_list)
        .unwrap_or_default()
}

pub(super) fn split_list(field: &str) -> Vec<&str> {
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn push_unique(list: &mut Vec<ConceptId>, id: ConceptId) {
    if !list.contains(&id) {
        list.push(id);
    }
}

/// The data rows of a TSV file with the given header, skipping `#` comments and blank lines,
/// numbered from 1.
pub(super) fn rows<'a>(
    text: &'a str,
    header: &str,
    columns: usize,
) -> Result<Vec<(usize, Vec<&'a str>)>, String> {
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    match lines.next() {
        Some((_, first)) if first == header => {}
        other => return Err(format!("expected header {header:?}, found {other:?}")),
    }
    lines
        .map(|(n, line)| {
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() != columns || cols[0].is_empty() || cols[1].is_empty() {
                return Err(format!("line {n}: expected {columns} columns, id and name"));
            }
            Ok((n, cols))
        })
        .collect()
}
