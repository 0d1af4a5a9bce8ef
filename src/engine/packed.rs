//! The packed-weights file: the encoder's weights exactly as the kernels read them, written
//! once per model, precision plan and layout, then mapped read-only by every process. The
//! processes of a machine share its pages (one copy of the weights for all workers), and a
//! start skips reading the safetensors and packing.
//!
//! Layout: a [`HEADER_BYTES`] header (magic, then JSON: what the file was built from, the
//! payload's length and CRC-32), then the payload: sections of 4-byte values, each a `u64`
//! count then the values, every part aligned to [`ALIGN`] bytes, in the order the model
//! writes them. A file is used only when its header names exactly what is asked for and its
//! payload has the recorded length and CRC; it is written to a temporary name and renamed,
//! so no reader ever sees half of one, and built under a lock, so processes starting at once
//! build it once.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use memmap2::{Mmap, MmapOptions};
use serde::{Deserialize, Serialize};

/// Bumped whenever what a section holds, or their order, changes.
pub const FORMAT_VERSION: u32 = 1;
const MAGIC: &[u8; 16] = b"resume-ai packed";
const HEADER_BYTES: usize = 4096;
/// Alignment of every section: a cache line, and a whole AVX-512 vector.
const ALIGN: usize = 64;

/// A 4-byte plain value, as the sections hold them (native byte order; the header records it).
pub trait Word: Copy + Default + Send + Sync + 'static {}
impl Word for f32 {}
impl Word for u32 {}
impl Word for i32 {}

/// Values the model owns, or reads in place from a mapped packed file.
pub enum Buffer<T: Word> {
    Owned(Vec<T>),
    Mapped {
        map: Arc<Mmap>,
        offset: usize,
        len: usize,
    },
}

impl<T: Word> Deref for Buffer<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match self {
            Buffer::Owned(values) => values,
            // SAFETY: the reader checked that `offset..offset + len × 4` lies inside the map
            // and that `offset` is 64-byte aligned; every bit pattern is a valid `T`; the map
            // is read-only and lives as long as `self`.
            Buffer::Mapped { map, offset, len } => unsafe {
                std::slice::from_raw_parts(map.as_ptr().add(*offset).cast::<T>(), *len)
            },
        }
    }
}

impl<T: Word> From<Vec<T>> for Buffer<T> {
    fn from(values: Vec<T>) -> Self {
        Buffer::Owned(values)
    }
}

/// Everything that decides a packed file's content: a file whose header differs in any of
/// it is foreign, and is rebuilt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub format: u32,
    pub little_endian: bool,
    /// `model.safetensors`'s size and modification time (ns since the epoch): a replaced
    /// model is a new file.
    pub weights_bytes: u64,
    pub weights_modified_ns: u128,
    /// The precision of every matmul and the int8 layout, in words.
    pub plan: String,
}

#[derive(Serialize, Deserialize)]
struct Header {
    identity: Identity,
    /// The weights' sha256, so a process started from the packed file need not hash them.
    weights_sha256: String,
    payload_bytes: u64,
    crc32: u32,
}

/// Where the packed file of `identity` lives: `<model folder>/../packed-weights/`, named by
/// a digest of the identity, so each plan has its own file.
pub fn path_for(model_dir: &Path, identity: &Identity) -> PathBuf {
    use sha2::{Digest, Sha256};
    let json = serde_json::to_string(identity).expect("an identity serialises");
    let digest = Sha256::digest(json.as_bytes());
    let key: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    let parent = model_dir.parent().unwrap_or(model_dir);
    parent.join("packed-weights").join(format!("{key}.bin"))
}

/// A checked, mapped packed file.
pub struct PackedFile {
    map: Arc<Mmap>,
    pub weights_sha256: String,
}

/// Why a packed file was not used.
#[derive(Debug, PartialEq, Eq)]
pub enum Rejected {
    Missing,
    Unreadable(String),
    Foreign,
    Damaged(String),
}

impl PackedFile {
    /// Maps `path` and checks it against `identity`: header, length and CRC.
    pub fn open(path: &Path, identity: &Identity) -> Result<Self, Rejected> {
        let file = match File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Rejected::Missing),
            Err(e) => return Err(Rejected::Unreadable(e.to_string())),
        };
        // SAFETY: read-only; files are only ever replaced by rename, never written in place,
        // so the mapped inode does not change under us (as with every mmap, we rely on no one
        // truncating it by hand).
        let map = unsafe { MmapOptions::new().populate().map(&file) }
            .map_err(|e| Rejected::Unreadable(e.to_string()))?;
        if map.len() < HEADER_BYTES || &map[..MAGIC.len()] != MAGIC {
            return Err(Rejected::Damaged("no packed-weights header".into()));
        }
        let json = &map[MAGIC.len()..HEADER_BYTES];
        let json = &json[..json.iter().position(|&b| b == 0).unwrap_or(json.len())];
        let header: Header =
            serde_json::from_slice(json).map_err(|e| Rejected::Damaged(format!("header: {e}")))?;
        if &header.identity != identity {
            return Err(Rejected::Foreign);
        }
        let payload = &map[HEADER_BYTES..];
        if payload.len() as u64 != header.payload_bytes {
            return Err(Rejected::Damaged(format!(
                "{} payload bytes, the header says {}",
                payload.len(),
                header.payload_bytes
            )));
        }
        if crc32fast::hash(payload) != header.crc32 {
            return Err(Rejected::Damaged("CRC mismatch".into()));
        }
        Ok(Self {
            map: Arc::new(map),
            weights_sha256: header.weights_sha256,
        })
    }

    pub fn reader(&self) -> PackedReader {
        PackedReader {
            map: self.map.clone(),
            position: HEADER_BYTES,
        }
    }
}

/// Reads the sections of a checked file, in order, as [`Buffer`]s into the map.
pub struct PackedReader {
    map: Arc<Mmap>,
    position: usize,
}

impl PackedReader {
    /// The next section, which must hold exactly `count` values.
    pub fn take<T: Word>(&mut self, count: usize) -> Result<Buffer<T>, String> {
        let buffer = self.take_any::<T>()?;
        if buffer.len() != count {
            return Err(format!(
                "a section of {} values where {count} were expected",
                buffer.len()
            ));
        }
        Ok(buffer)
    }

    /// The next section, whatever its length.
    fn take_any<T: Word>(&mut self) -> Result<Buffer<T>, String> {
        let at = self.position;
        let count = self
            .map
            .get(at..at + 8)
            .map(|b| u64::from_ne_bytes(b.try_into().expect("8 bytes")) as usize)
            .ok_or("the file ends before a section")?;
        let offset = at + ALIGN;
        let end = count
            .checked_mul(4)
            .and_then(|bytes| offset.checked_add(bytes))
            .filter(|&end| end <= self.map.len())
            .ok_or("a section runs past the end of the file")?;
        self.position = end.next_multiple_of(ALIGN);
        Ok(Buffer::Mapped {
            map: self.map.clone(),
            offset,
            len: count,
        })
    }

    /// The next section as one value (a tag).
    pub fn take_word(&mut self) -> Result<u32, String> {
        Ok(self.take::<u32>(1)?[0])
    }

    /// Whether every section was read: a file with sections to spare is not this model's.
    pub fn finished(&self) -> bool {
        self.position >= self.map.len()
    }
}

/// Writes sections to a temporary file, then the header, then renames it into place.
pub struct PackedWriter {
    out: BufWriter<File>,
    partial: PathBuf,
    crc: crc32fast::Hasher,
    payload_bytes: u64,
}

impl PackedWriter {
    fn create(path: &Path) -> std::io::Result<Self> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let partial = path.with_extension(format!("partial-{}-{nanos}", std::process::id()));
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&partial)?);
        out.write_all(&[0; HEADER_BYTES])?;
        Ok(Self {
            out,
            partial,
            crc: crc32fast::Hasher::new(),
            payload_bytes: 0,
        })
    }

    fn write_payload(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.crc.update(bytes);
        self.payload_bytes += bytes.len() as u64;
        self.out.write_all(bytes)
    }

    fn pad(&mut self) -> std::io::Result<()> {
        let padding =
            (self.payload_bytes as usize).next_multiple_of(ALIGN) - self.payload_bytes as usize;
        self.write_payload(&[0; ALIGN][..padding])
    }

    /// One section: its count, then its values.
    pub fn put<T: Word>(&mut self, values: &[T]) -> std::io::Result<()> {
        self.write_payload(&(values.len() as u64).to_ne_bytes())?;
        self.pad()?;
        // SAFETY: any 4-byte plain value may be read as its bytes.
        let bytes =
            unsafe { std::slice::from_raw_parts(values.as_ptr().cast::<u8>(), values.len() * 4) };
        self.write_payload(bytes)?;
        self.pad()
    }

    pub fn put_word(&mut self, value: u32) -> std::io::Result<()> {
        self.put(&[value])
    }

    fn finish(
        mut self,
        path: &Path,
        identity: &Identity,
        weights_sha256: &str,
    ) -> std::io::Result<()> {
        let header = Header {
            identity: identity.clone(),
            weights_sha256: weights_sha256.to_string(),
            payload_bytes: self.payload_bytes,
            crc32: self.crc.clone().finalize(),
        };
        let json = serde_json::to_vec(&header)?;
        if MAGIC.len() + json.len() >= HEADER_BYTES {
            return Err(std::io::Error::other(
                "the packed-weights header outgrew its block",
            ));
        }
        self.out.flush()?;
        let file = self.out.get_mut();
        file.seek(SeekFrom::Start(0))?;
        file.write_all(MAGIC)?;
        file.write_all(&json)?;
        file.sync_all()?;
        std::fs::rename(&self.partial, path)?;
        self.partial = PathBuf::new();
        Ok(())
    }
}

impl Drop for PackedWriter {
    fn drop(&mut self) {
        // A write that failed half-way leaves no partial file behind.
        if !self.partial.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.partial);
        }
    }
}

/// Opens the packed file at `path`, else builds it with `write` under a lock (a process
/// that waited for another's build then finds it done) and opens that. `Err` says why no
/// file could be used (a read-only folder, a full disk): the caller then keeps its weights
/// in its own memory.
pub fn open_or_build(
    path: &Path,
    identity: &Identity,
    weights_sha256: impl FnOnce() -> std::io::Result<String>,
    write: impl FnOnce(&mut PackedWriter) -> std::io::Result<()>,
) -> Result<PackedFile, String> {
    if let Ok(file) = PackedFile::open(path, identity) {
        return Ok(file);
    }
    let dir = path.parent().ok_or("the packed file has no folder")?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path.with_extension("lock"))
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    lock.lock()
        .map_err(|e| format!("locking {}: {e}", path.display()))?;
    // Another process may have built it while this one waited for the lock.
    if let Ok(file) = PackedFile::open(path, identity) {
        return Ok(file);
    }
    let built = (|| {
        let sha256 = weights_sha256()?;
        let mut writer = PackedWriter::create(path)?;
        write(&mut writer)?;
        writer.finish(path, identity, &sha256)
    })();
    drop(lock);
    built.map_err(|e| format!("writing {}: {e}", path.display()))?;
    PackedFile::open(path, identity)
        .map_err(|why| format!("{}: {why:?} right after writing", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity(plan: &str) -> Identity {
        Identity {
            format: FORMAT_VERSION,
            little_endian: cfg!(target_endian = "little"),
            weights_bytes: 10,
            weights_modified_ns: 20,
            plan: plan.into(),
        }
    }

    fn scratch_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("resume-ai-packed-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn build(path: &Path, id: &Identity) -> Result<PackedFile, String> {
        open_or_build(
            path,
            id,
            || Ok("ab".repeat(32)),
            |w| {
                w.put(&[1.5f32, -2.0, 3.25])?;
                w.put_word(7)?;
                w.put(&[-4i32; 100])
            },
        )
    }

    #[test]
    fn sections_come_back_in_order_and_aligned() {
        let dir = scratch_dir("order");
        let path = dir.join("x.bin");
        let file = build(&path, &identity("fp32")).unwrap();
        assert_eq!(file.weights_sha256, "ab".repeat(32));
        let mut reader = file.reader();
        let floats = reader.take::<f32>(3).unwrap();
        assert_eq!(&floats[..], &[1.5, -2.0, 3.25]);
        assert_eq!(floats.as_ptr() as usize % ALIGN, 0);
        assert_eq!(reader.take_word().unwrap(), 7);
        assert!(
            reader.take::<i32>(99).is_err(),
            "a section of another length is refused"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_damaged_or_foreign_file_is_refused_and_rebuilt() {
        let dir = scratch_dir("damaged");
        let path = dir.join("x.bin");
        let id = identity("int8");
        build(&path, &id).unwrap();
        assert_eq!(
            PackedFile::open(&path, &identity("bf16")).err(),
            Some(Rejected::Foreign)
        );
        // One flipped bit in the payload.
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[HEADER_BYTES + ALIGN + 1] ^= 0x10;
        std::fs::write(&path, &bytes).unwrap();
        assert!(matches!(
            PackedFile::open(&path, &id),
            Err(Rejected::Damaged(_))
        ));
        // Cut short.
        std::fs::write(&path, &bytes[..bytes.len() - 4]).unwrap();
        assert!(matches!(
            PackedFile::open(&path, &id),
            Err(Rejected::Damaged(_))
        ));
        // Not a packed file at all.
        std::fs::write(&path, b"garbage").unwrap();
        assert!(matches!(
            PackedFile::open(&path, &id),
            Err(Rejected::Damaged(_))
        ));
        let rebuilt = build(&path, &id).unwrap();
        assert_eq!(
            &rebuilt.reader().take::<f32>(3).unwrap()[..],
            &[1.5, -2.0, 3.25]
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn threads_building_at_once_build_one_file_and_all_read_it_whole() {
        let dir = scratch_dir("race");
        let path = dir.join("x.bin");
        let id = identity("fp32");
        let builds = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    let file = open_or_build(
                        &path,
                        &id,
                        || Ok(String::new()),
                        |w| {
                            builds.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            w.put(&vec![9u32; 1 << 16])
                        },
                    )
                    .unwrap();
                    assert!(file
                        .reader()
                        .take::<u32>(1 << 16)
                        .unwrap()
                        .iter()
                        .all(|&v| v == 9));
                });
            }
        });
        assert_eq!(builds.into_inner(), 1);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
