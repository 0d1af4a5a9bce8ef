//! How vectors are stored: BSON binary vectors (BinData subtype 9, dtype float32 — MongoDB's
//! own vector format, the one Atlas Vector Search indexes), 4 bytes a number where an array of
//! doubles costs ~11 (8 bytes plus a type byte and a string index key per element).
//!
//! Reads accept every form a cache may hold: binary vectors, the generic-subtype
//! little-endian f32 bytes an earlier version wrote to `textembeddings`, and the arrays of
//! numbers the Python service wrote (its caches stay valid).

use bson::binary::Vector;
use bson::spec::BinarySubtype;
use bson::{Binary, Bson, Document};

/// The cache-body field whose sections hold vectors (`meanEmbeddings.<section>`).
pub(super) const MEAN_EMBEDDINGS: &str = "meanEmbeddings";

/// A float32 binary vector.
pub(super) fn encode_vector(vector: &[f32]) -> Bson {
    Vector::Float32(vector.to_vec()).into()
}

/// The numbers of a stored vector in any of the accepted forms, when a reader may use them:
/// not empty, every number finite, not all zero (no embedding or mean of embeddings is).
/// `None` for anything else.
pub(super) fn decode_vector(value: &Bson) -> Option<Vec<f32>> {
    let vector = decode_any_form(value)?;
    let sound = !vector.is_empty()
        && vector.iter().all(|x| x.is_finite())
        && vector.iter().any(|&x| x != 0.0);
    sound.then_some(vector)
}

fn decode_any_form(value: &Bson) -> Option<Vec<f32>> {
    match value {
        Bson::Binary(binary) if binary.subtype == BinarySubtype::Vector => {
            match Vector::try_from(binary).ok()? {
                Vector::Float32(values) => Some(values),
                Vector::Int8(values) => Some(values.into_iter().map(f32::from).collect()),
                Vector::PackedBit(_) => None,
            }
        }
        Bson::Binary(Binary {
            subtype: BinarySubtype::Generic,
            bytes,
        }) if bytes.len() % 4 == 0 => Some(
            bytes
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect(),
        ),
        Bson::Array(values) => values
            .iter()
            .map(|v| match v {
                Bson::Double(x) => Some(*x as f32),
                Bson::Int32(x) => Some(*x as f32),
                Bson::Int64(x) => Some(*x as f32),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// The field of a `jobpostingembeddings` document holding the vector that a vector-search
/// index serves (see `service::catalogue`).
pub const MATCH_VECTOR: &str = "matchVector";

/// Before a cache body is written: each `meanEmbeddings.<section>` and a `matchVector`
/// become binary vectors.
pub(super) fn pack_vectors(body: &mut Document) {
    if let Ok(sections) = body.get_document_mut(MEAN_EMBEDDINGS) {
        sections.iter_mut().for_each(|(_, value)| pack(value));
    }
    if let Some(value) = body.get_mut(MATCH_VECTOR) {
        pack(value);
    }
}

fn pack(value: &mut Bson) {
    if let Some(vector) = decode_vector(value) {
        *value = encode_vector(&vector);
    }
}

/// The read rule of every result cache: a document is served only when intact, else the
/// reader treats it as a miss (recomputed and overwritten). Intact means no number anywhere in
/// it is NaN or infinite, and, where it has `meanEmbeddings`, that is a document whose every
/// section is a sound vector ([`decode_vector`]) and all sections have one length. The
/// sections of an intact document become arrays of numbers again, the shape the results have.
pub(super) fn read_intact(doc: &mut Document) -> bool {
    if doc.values().any(non_finite) {
        return false;
    }
    let Some(means) = doc.get_mut(MEAN_EMBEDDINGS) else {
        return true;
    };
    let Bson::Document(sections) = means else {
        return false;
    };
    let mut unpacked = Document::new();
    let mut length = None;
    for (name, value) in sections.iter() {
        let Some(vector) = decode_vector(value) else {
            return false;
        };
        if *length.get_or_insert(vector.len()) != vector.len() {
            return false;
        }
        let numbers = vector.into_iter().map(|x| Bson::Double(f64::from(x)));
        unpacked.insert(name.clone(), Bson::Array(numbers.collect()));
    }
    *sections = unpacked;
    true
}

/// The vectors of `sections` in a job-embeddings entry's `meanEmbeddings` (`None` where a
/// section is absent: it had no text), or `None` for the whole entry when it is damaged: a
/// present section that is not a sound vector, sections of different lengths, or
/// `meanEmbeddings` of another type.
pub(super) fn section_vectors(
    means: Option<&Bson>,
    sections: &[&str],
) -> Option<Vec<Option<Vec<f32>>>> {
    let means = match means {
        None => None,
        Some(Bson::Document(means)) => Some(means),
        Some(_) => return None,
    };
    let mut length = None;
    sections
        .iter()
        .map(|name| match means.and_then(|m| m.get(*name)) {
            None => Some(None),
            Some(value) => {
                let vector = decode_vector(value)?;
                (*length.get_or_insert(vector.len()) == vector.len()).then_some(Some(vector))
            }
        })
        .collect()
}

fn non_finite(value: &Bson) -> bool {
    match value {
        Bson::Double(x) => !x.is_finite(),
        Bson::Document(doc) => doc.values().any(non_finite),
        Bson::Array(values) => values.iter().any(non_finite),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bson::doc;

    #[test]
    fn binary_vectors_round_trip_exactly() {
        let v = vec![0.1_f32, -2.5, 3.0e-8, f32::MAX];
        assert_eq!(decode_vector(&encode_vector(&v)), Some(v.clone()));
        let Bson::Binary(b) = encode_vector(&v) else {
            panic!("not binary")
        };
        assert_eq!(b.subtype, BinarySubtype::Vector);
        assert_eq!(&b.bytes[..2], &[0x27, 0x00], "dtype float32, no padding");
        assert_eq!(b.bytes.len(), 2 + 4 * v.len());
    }

    #[test]
    fn legacy_forms_are_read() {
        let legacy_bytes = Bson::Binary(Binary {
            subtype: BinarySubtype::Generic,
            bytes: [1.5_f32, -1.0]
                .iter()
                .flat_map(|x| x.to_le_bytes())
                .collect(),
        });
        assert_eq!(decode_vector(&legacy_bytes), Some(vec![1.5, -1.0]));
        let array = Bson::Array(vec![Bson::Double(0.25), Bson::Int32(2)]);
        assert_eq!(decode_vector(&array), Some(vec![0.25, 2.0]));
        assert_eq!(
            decode_vector(&Bson::Array(vec![Bson::String("x".into())])),
            None
        );
        assert_eq!(decode_vector(&Bson::String("x".into())), None);
    }

    #[test]
    fn vectors_pack_and_unpack() {
        let mut body = doc! {
            "job_id": "x",
            MEAN_EMBEDDINGS: { "skills": [0.5, -0.25], "jobTitle": [1.0, 0.0] },
            MATCH_VECTOR: [1.0, 2.0],
        };
        pack_vectors(&mut body);
        let sections = body.get_document(MEAN_EMBEDDINGS).unwrap();
        assert!(matches!(sections.get("skills"), Some(Bson::Binary(_))));
        assert!(matches!(body.get(MATCH_VECTOR), Some(Bson::Binary(_))));
        body.remove(MATCH_VECTOR);
        assert!(read_intact(&mut body));
        assert_eq!(
            body,
            doc! { "job_id": "x", MEAN_EMBEDDINGS: { "skills": [0.5, -0.25], "jobTitle": [1.0, 0.0] } }
        );
    }

    fn entry(sections: Document) -> Document {
        doc! { "jobPosting": 1, "meanEmbeddings": sections, "updatedAt": 2 }
    }

    #[test]
    fn an_intact_entry_is_unpacked() {
        let mut doc = entry(doc! { "skills": encode_vector(&[0.5, 0.5]), "title": [0.25, 1.0] });
        assert!(read_intact(&mut doc));
        let sections = doc.get_document(MEAN_EMBEDDINGS).unwrap();
        assert_eq!(sections.get_array("skills").unwrap().len(), 2);
        assert!(read_intact(
            &mut doc! { "match_percentage": 72.5, "breakdown": { "skills": 1.0 } }
        ));
    }

    #[test]
    fn every_kind_of_damage_is_a_miss() {
        let damaged = [
            (
                "wrong length",
                entry(doc! { "a": encode_vector(&[1.0, 0.0]), "b": encode_vector(&[1.0]) }),
            ),
            ("NaN", entry(doc! { "a": encode_vector(&[f32::NAN, 1.0]) })),
            (
                "Infinity",
                entry(doc! { "a": encode_vector(&[f32::INFINITY, 1.0]) }),
            ),
            (
                "zero vector",
                entry(doc! { "a": encode_vector(&[0.0, 0.0]) }),
            ),
            ("empty vector", entry(doc! { "a": encode_vector(&[]) })),
            (
                "a section of another type",
                entry(doc! { "a": "not a vector" }),
            ),
            (
                "legacy array with NaN",
                entry(doc! { "a": [1.0, f64::NAN] }),
            ),
            ("legacy array beyond f32", entry(doc! { "a": [1.0, 1e300] })),
            (
                "meanEmbeddings of another type",
                doc! { "meanEmbeddings": [1.0, 2.0] },
            ),
            ("a NaN score", doc! { "match_percentage": f64::NAN }),
            (
                "an infinite sub-score",
                doc! { "breakdown": { "skills": f64::INFINITY } },
            ),
        ];
        for (kind, mut doc) in damaged {
            assert!(!read_intact(&mut doc), "{kind} was served");
        }
    }

    #[test]
    fn a_damaged_job_entry_is_dropped_whole_and_an_absent_section_is_no_text() {
        let good = doc! { "a": encode_vector(&[1.0, 0.0]) };
        let vectors = section_vectors(Some(&Bson::Document(good)), &["a", "b"]).unwrap();
        assert_eq!(vectors, vec![Some(vec![1.0, 0.0]), None]);
        let bad_length = doc! { "a": encode_vector(&[1.0, 0.0]), "b": encode_vector(&[1.0]) };
        assert_eq!(
            section_vectors(Some(&Bson::Document(bad_length)), &["a", "b"]),
            None
        );
        let nan = doc! { "b": [f64::NAN, 1.0] };
        assert_eq!(
            section_vectors(Some(&Bson::Document(nan)), &["a", "b"]),
            None
        );
        assert_eq!(
            section_vectors(Some(&Bson::String("x".into())), &["a"]),
            None
        );
        assert_eq!(section_vectors(None, &["a"]), Some(vec![None]));
    }

    /// A sound cache document: vectors in each stored form, scores, a nested breakdown.
    fn sound_entry_bytes() -> Vec<u8> {
        let mut entry = doc! {
            "job_id": "6a0000000000000000000001",
            "match_percentage": 72.5,
            "breakdown": { "skills_match": 80.0, "experience_match": 60.0 },
            MEAN_EMBEDDINGS: {
                "skills": encode_vector(&[0.5, -0.25, 0.125]),
                "jobTitle": [1.0, 0.0, 0.5],
                "requirements": Bson::Binary(Binary {
                    subtype: BinarySubtype::Generic,
                    bytes: [0.25_f32, 0.5, -1.0].iter().flat_map(|x| x.to_le_bytes()).collect(),
                }),
            },
        };
        let mut bytes = Vec::new();
        entry.insert("limits", "s100");
        entry.to_writer(&mut bytes).unwrap();
        bytes
    }

    /// What a reader may rely on in a document [`read_intact`] accepted.
    fn assert_servable(doc: &Document) {
        assert!(
            !doc.values().any(non_finite),
            "a non-finite number was served"
        );
        if let Some(means) = doc.get(MEAN_EMBEDDINGS) {
            let sections = means.as_document().expect("sections are a document");
            let lengths: std::collections::BTreeSet<usize> = sections
                .values()
                .map(|v| {
                    let vector = decode_vector(v).expect("a served section is a sound vector");
                    vector.len()
                })
                .collect();
            assert!(
                lengths.len() <= 1,
                "sections of different lengths: {lengths:?}"
            );
        }
    }

    proptest::proptest! {
        /// No byte sequence where a cache document was — a sound one with bytes overwritten,
        /// or arbitrary bytes — makes a read panic or serve a non-finite number or an unsound
        /// vector: it is a parse error (a miss), or a document the read rule refuses or
        /// accepts only when servable.
        #[test]
        fn no_byte_sequence_in_a_cache_document_panics_or_serves_a_non_finite_number(
            edits in proptest::collection::vec((0usize..4096, proptest::prelude::any::<u8>()), 0..12),
            noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256),
        ) {
            let mut damaged = sound_entry_bytes();
            for (at, byte) in edits {
                let len = damaged.len();
                damaged[at % len] = byte;
            }
            for bytes in [damaged, noise] {
                let Ok(mut doc) = Document::from_reader(&mut bytes.as_slice()) else {
                    continue;
                };
                let means = doc.get(MEAN_EMBEDDINGS).cloned();
                if let Some(vectors) = section_vectors(means.as_ref(), &["skills", "jobTitle"]) {
                    for vector in vectors.into_iter().flatten() {
                        proptest::prop_assert!(vector.iter().all(|x| x.is_finite()));
                        proptest::prop_assert!(vector.iter().any(|&x| x != 0.0));
                    }
                }
                if read_intact(&mut doc) {
                    assert_servable(&doc);
                }
            }
        }
    }
}
