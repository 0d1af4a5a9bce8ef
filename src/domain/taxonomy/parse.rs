//! Reading the taxonomy's two TSV files (ESCO's skills and the tool layer) into a
//! [`Taxonomy`].

use std::collections::HashMap;

use super::{label_key, Concept, ConceptId, ConceptKind, Taxonomy, Via, MAX_LABEL_WORDS};

impl Taxonomy {
    /// Builds the taxonomy from the two TSV files. Errors name the line at fault.
    pub fn parse(esco: &str, tools: &str) -> Result<Self, String> {
        let mut concepts: Vec<Concept> = Vec::new();
        let mut by_esco_id: HashMap<&str, ConceptId> = HashMap::new();
        let mut by_esco_label: HashMap<&str, ConceptId> = HashMap::new();
        let mut esco_rows: Vec<(ConceptId, Vec<&str>, Vec<&str>)> = Vec::new();
        for (line, cols) in rows(esco, "id\tpreferred\talt_labels\tbroader\ttype", 5)? {
            let idx = concepts.len() as ConceptId;
            if by_esco_id.insert(cols[0], idx).is_some() {
                return Err(format!("esco line {line}: duplicate id {}", cols[0]));
            }
            by_esco_label.insert(cols[1], idx);
            concepts.push(Concept {
                id: cols[0].to_string(),
                name: cols[1].to_string(),
                display: cols[1].to_string(),
                kind: ConceptKind::Esco,
                implies: Vec::new(),
            });
            esco_rows.push((idx, split_list(cols[2]), split_list(cols[3])));
        }

        let mut by_tool_id: HashMap<&str, ConceptId> = HashMap::new();
        let mut tool_rows: Vec<ToolRow> = Vec::new();
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
                label => *by_esco_label
                    .get(label)
                    .ok_or_else(|| format!("tools line {line}: no ESCO skill {label:?}"))?,
            };
            concepts[idx as usize].display = cols[1].to_string();
            if by_tool_id.insert(cols[0], idx).is_some() {
                return Err(format!("tools line {line}: duplicate id {}", cols[0]));
            }
            tool_rows.push(ToolRow {
                concept: idx,
                name: cols[1],
                aliases: split_list(cols[2]),
                implies: split_list(cols[3]),
                line,
            });
        }

        // Implications: the reviewed tool rules first, then ESCO's broader skills (a broader
        // id that is a skill group, not a skill, is not in the file and is skipped).
        for row in &tool_rows {
            for id in &row.implies {
                let to = *by_tool_id
                    .get(id)
                    .ok_or_else(|| format!("tools line {}: implies unknown id {id:?}", row.line))?;
                push_unique(&mut concepts[row.concept as usize].implies, to);
            }
        }
        for (idx, _, broader) in &esco_rows {
            for id in broader {
                if let Some(&to) = by_esco_id.get(id) {
                    push_unique(&mut concepts[*idx as usize].implies, to);
                }
            }
        }

        // Labels, strongest claim first: a later, weaker label never takes a key. Two ESCO
        // alternative labels that are the same words for different skills name neither.
        let mut labels: HashMap<String, (ConceptId, Via)> = HashMap::new();
        let mut claim = |key: String, idx: ConceptId, via: Via| {
            if !key.is_empty() {
                labels.entry(key).or_insert((idx, via));
            }
        };
        for row in &tool_rows {
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
        for (idx, alts, _) in &esco_rows {
            for alt in alts {
                let key = label_key(alt);
                alt_owner
                    .entry(key)
                    .and_modify(|owner| {
                        if *owner != Some(*idx) {
                            *owner = None
                        }
                    })
                    .or_insert(Some(*idx));
            }
        }
        for (key, owner) in alt_owner {
            if let Some(idx) = owner {
                claim(key, idx, Via::Alias);
            }
        }
        let restricted_ids: Vec<&str> = tools
            .lines()
            .find_map(|l| l.strip_prefix("# restricted:"))
            .map(split_list)
            .unwrap_or_default();
        let mut restricted = HashMap::new();
        for id in restricted_ids {
            let idx = *by_tool_id
                .get(id)
                .ok_or_else(|| format!("tools: restricted id {id:?} is not a row"))?;
            let name = tool_rows
                .iter()
                .rev()
                .find(|row| row.concept == idx)
                .map_or(concepts[idx as usize].display.as_str(), |row| row.name);
            restricted.insert(label_key(name), name.to_string());
        }
        // Names that are never looked for in free text at all (ESCO alternative labels that
        // are everyday words: "data", "access", "assembly"): an empty spelling never matches.
        let never: Vec<&str> = tools
            .lines()
            .find_map(|l| l.strip_prefix("# not in text:"))
            .map(split_list)
            .unwrap_or_default();
        for label in never {
            restricted.insert(label_key(label), String::new());
        }
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

/// One row of the tool layer, kept while the taxonomy is built.
struct ToolRow<'a> {
    concept: ConceptId,
    name: &'a str,
    aliases: Vec<&'a str>,
    implies: Vec<&'a str>,
    line: usize,
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
