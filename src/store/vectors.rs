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

/// The numbers of a stored vector in any of the accepted forms; `None` for anything else
/// (a reader treats that as missing).
pub(super) fn decode_vector(value: &Bson) -> Option<Vec<f32>> {
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

/// After a cache document is read: each `meanEmbeddings.<section>` in any stored form becomes
/// an array of numbers again, the shape the results have. A section that cannot be read is
/// dropped (as if it had no text), never decoded into garbage.
pub(super) fn unpack_mean_embeddings(doc: &mut Document) {
    if let Ok(sections) = doc.get_document_mut(MEAN_EMBEDDINGS) {
        let unpacked: Document = sections
            .iter()
            .filter_map(|(name, value)| {
                let vector = decode_vector(value)?;
                let numbers = vector.into_iter().map(|x| Bson::Double(f64::from(x)));
                Some((name.clone(), Bson::Array(numbers.collect())))
            })
            .collect();
        *sections = unpacked;
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
        body.get_document_mut(MEAN_EMBEDDINGS)
            .unwrap()
            .insert("broken", "not a vector");
        unpack_mean_embeddings(&mut body);
        assert_eq!(
            body,
            doc! { "job_id": "x", MEAN_EMBEDDINGS: { "skills": [0.5, -0.25], "jobTitle": [1.0, 0.0] } }
        );
    }
}
