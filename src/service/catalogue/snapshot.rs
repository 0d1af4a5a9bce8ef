//! The catalogue as one blob, for `store::Snapshots`: a new process loads it instead of
//! reading every posting's embeddings and skills, then catches up on what changed since.
//!
//! Layout (little-endian), version [`LAYOUT`]:
//! `RAICAT` · u16 layout · u32 dim · i64 newest `updatedAt` seen (ms; `i64::MIN` for none) ·
//! i64 when the board was listed (ms; `i64::MIN` for never) ·
//! u32 rows · rows × (12-byte id, i64 written ms) · rows × 2·dim f16 ·
//! u32 unembedded · unembedded × 12-byte id ·
//! u32 names · names × (u16 length, UTF-8) · u32 lists · lists × (12-byte id, u16 n, n × u32 name).
//!
//! The vectors stay f16, as in memory, so a board loaded from a snapshot ranks exactly as
//! the board that wrote it (the candidates' bound in the parent module holds unchanged).

use std::collections::HashMap;

use half::f16;

use super::Board;
use crate::store::ObjectId;

const MAGIC: &[u8; 6] = b"RAICAT";
/// Bumped whenever the layout changes; part of the snapshot's tag, so an older process
/// never reads a newer layout.
pub const LAYOUT: u16 = 2;

/// The board as a blob.
pub fn encode(board: &Board) -> Vec<u8> {
    let mut out = Vec::with_capacity(board.rows.len() * 2 + board.ids.len() * 20 + 1024);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&LAYOUT.to_le_bytes());
    out.extend_from_slice(&(board.dim as u32).to_le_bytes());
    let newest = board
        .newest_seen
        .map_or(i64::MIN, |at| at.timestamp_millis());
    out.extend_from_slice(&newest.to_le_bytes());
    let listed = board
        .listed_wall
        .map_or(i64::MIN, |at| at.timestamp_millis());
    out.extend_from_slice(&listed.to_le_bytes());
    out.extend_from_slice(&(board.ids.len() as u32).to_le_bytes());
    for (id, written) in board.ids.iter().zip(&board.written) {
        out.extend_from_slice(&id.bytes());
        out.extend_from_slice(&written.timestamp_millis().to_le_bytes());
    }
    for x in &board.rows {
        out.extend_from_slice(&x.to_bits().to_le_bytes());
    }
    out.extend_from_slice(&(board.unembedded.len() as u32).to_le_bytes());
    for id in &board.unembedded {
        out.extend_from_slice(&id.bytes());
    }
    // Names are numbered in the order first met, so the blob holds each spelling once.
    let mut numbers: HashMap<&str, u32> = HashMap::new();
    let mut names: Vec<&str> = Vec::new();
    let mut lists: Vec<(ObjectId, Vec<u32>)> = Vec::new();
    for (id, list) in board.demand.lists() {
        let numbered = list
            .into_iter()
            .map(|name| {
                *numbers.entry(name).or_insert_with(|| {
                    names.push(name);
                    names.len() as u32 - 1
                })
            })
            .collect();
        lists.push((id, numbered));
    }
    out.extend_from_slice(&(names.len() as u32).to_le_bytes());
    for name in names {
        let bytes = &name.as_bytes()[..name.len().min(u16::MAX as usize)];
        out.extend_from_slice(&(bytes.len() as u16).to_le_bytes());
        out.extend_from_slice(bytes);
    }
    out.extend_from_slice(&(lists.len() as u32).to_le_bytes());
    for (id, list) in lists {
        out.extend_from_slice(&id.bytes());
        let list = &list[..list.len().min(u16::MAX as usize)];
        out.extend_from_slice(&(list.len() as u16).to_le_bytes());
        for number in list {
            out.extend_from_slice(&number.to_le_bytes());
        }
    }
    out
}

/// The board a blob holds; `None` when it is not a whole snapshot of this layout.
pub fn decode(blob: &[u8]) -> Option<Board> {
    let mut r = Reader(blob);
    if r.take(MAGIC.len())? != MAGIC || r.u16()? != LAYOUT {
        return None;
    }
    let mut board = Board {
        dim: r.u32()? as usize,
        ..Board::default()
    };
    let newest = r.i64()?;
    board.newest_seen = (newest != i64::MIN).then(|| bson::DateTime::from_millis(newest));
    let listed = r.i64()?;
    board.listed_wall = (listed != i64::MIN).then(|| bson::DateTime::from_millis(listed));
    let rows = r.u32()? as usize;
    for slot in 0..rows {
        let id = r.id()?;
        board.ids.push(id);
        board.written.push(bson::DateTime::from_millis(r.i64()?));
        board.slots.insert(id, slot);
    }
    let values = rows.checked_mul(2 * board.dim)?;
    let raw = r.take(values.checked_mul(2)?)?;
    board.rows = raw
        .chunks_exact(2)
        .map(|b| f16::from_bits(u16::from_le_bytes([b[0], b[1]])))
        .collect();
    for _ in 0..r.u32()? {
        board.unembedded.insert(r.id()?);
    }
    let mut names = Vec::new();
    for _ in 0..r.u32()? {
        let length = r.u16()? as usize;
        names.push(String::from_utf8(r.take(length)?.to_vec()).ok()?);
    }
    for _ in 0..r.u32()? {
        let id = r.id()?;
        let count = r.u16()? as usize;
        let mut list = Vec::with_capacity(count);
        for _ in 0..count {
            list.push(names.get(r.u32()? as usize)?.clone());
        }
        board.demand.insert(id, &list);
    }
    (r.0.is_empty() && board.slots.len() == rows).then_some(board)
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Some(head)
    }
    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn i64(&mut self) -> Option<i64> {
        Some(i64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn id(&mut self) -> Option<ObjectId> {
        let bytes: [u8; 12] = self.take(12)?.try_into().ok()?;
        Some(ObjectId::from_bytes(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_board_survives_its_blob_and_a_damaged_blob_is_refused() {
        let mut board = Board::default();
        let dim = 4;
        let (a, b, c) = (ObjectId::new(), ObjectId::new(), ObjectId::new());
        let written = bson::DateTime::from_millis(1_700_000_000_000);
        board.put(
            a,
            Some(&[1.0, 0.0, 0.0, 0.0]),
            Some(&[0.0, 1.0, 0.0, 0.0]),
            written,
        );
        board.put(b, Some(&[0.5, 0.5, 0.0, 0.0]), None, written);
        board.mark_unembedded(c);
        board.set_skills(a, &["Python".into(), "SQL".into()]);
        board.set_skills(c, &["python".into()]);
        board.newest_seen = Some(written);
        board.listed_wall = Some(written);
        let blob = encode(&board);
        let back = decode(&blob).expect("a whole blob decodes");
        assert_eq!(back.ids, board.ids);
        assert_eq!(back.rows, board.rows);
        assert_eq!(back.written, board.written);
        assert_eq!(back.unembedded, board.unembedded);
        assert_eq!(back.newest_seen, board.newest_seen);
        assert_eq!(back.listed_wall, board.listed_wall);
        assert_eq!(back.dim, dim);
        assert_eq!(back.demand.rank(&[]), board.demand.rank(&[]));
        assert_eq!(back.demand.len(), 2);
        assert!(decode(&blob[..blob.len() - 1]).is_none(), "cut short");
        let mut longer = blob.clone();
        longer.push(0);
        assert!(decode(&longer).is_none(), "trailing bytes");
        let mut other = blob;
        other[6] ^= 1;
        assert!(decode(&other).is_none(), "another layout");
    }
}
