//! A minimal zip writer for OPC packages (.docx), deterministic by construction.
//!
//! Written here rather than taken from the `zip` crate because everything that varies
//! in a zip file is then fixed in one place: entries in the order given, the DOS epoch
//! (1980-01-01 00:00) as every timestamp, no extra fields, no data descriptors, no
//! permissions. Parts that never change are packed once (see `docx.rs`), and one
//! raw-deflate compressor is reused for the others (the `zip` crate
//! sets up a fresh one per entry, a large share of the cost of a small .docx). Deflate
//! is flate2 on its pure-Rust zlib-rs backend, which also compiles for wasm32, at level
//! 1: a .docx is small either way (11 KB instead of 9 KB for 20 clauses) and level 1
//! costs about half as much time as level 6.

use flate2::{Compress, Compression, FlushCompress, Status};

/// Parts smaller than this are stored: compressing them saves a few bytes at most.
const STORE_BELOW: usize = 512;
/// 1980-01-01 in MS-DOS date format: (year - 1980) << 9 | month << 5 | day.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;

/// One part, ready to be zipped: compressed (or stored) with its checksum.
#[derive(Debug, Clone)]
pub(crate) struct Packed {
    name: &'static str,
    crc: u32,
    method: u16,
    size: u32,
    data: Vec<u8>,
}

/// Compresses parts, reusing one deflate state.
pub(crate) struct Compressor {
    deflate: Compress,
    scratch: Vec<u8>,
}

impl Compressor {
    pub(crate) fn new() -> Compressor {
        Compressor {
            deflate: Compress::new(Compression::new(1), false),
            scratch: Vec::new(),
        }
    }

    /// Packs one part. Sizes beyond 4 GiB are not supported (no Zip64): a document is
    /// never near that.
    pub(crate) fn pack(&mut self, name: &'static str, bytes: &[u8]) -> Packed {
        let crc = crc32fast::hash(bytes);
        let deflated = bytes.len() >= STORE_BELOW
            && deflate(&mut self.deflate, bytes, &mut self.scratch)
            && self.scratch.len() < bytes.len();
        let (method, data) = if deflated {
            (8, self.scratch.clone())
        } else {
            (0, bytes.to_vec())
        };
        Packed {
            name,
            crc,
            method,
            size: bytes.len() as u32,
            data,
        }
    }
}

/// Zips the packed parts in the order given.
pub(crate) fn zip(parts: &[&Packed]) -> Vec<u8> {
    let total: usize = parts
        .iter()
        .map(|p| p.data.len() + 2 * p.name.len() + 76)
        .sum();
    let mut out = Vec::with_capacity(total + 22);
    let mut offsets = Vec::with_capacity(parts.len());
    for part in parts {
        offsets.push(out.len() as u32);
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common_fields(part, &mut out);
        out.extend_from_slice(part.name.as_bytes());
        out.extend_from_slice(&part.data);
    }
    let directory = out.len() as u32;
    for (part, offset) in parts.iter().zip(offsets) {
        out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes()); // made by: MS-DOS, 2.0
        common_fields(part, &mut out);
        out.extend_from_slice(&0u16.to_le_bytes()); // comment length
        out.extend_from_slice(&0u16.to_le_bytes()); // disk number
        out.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        out.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(part.name.as_bytes());
    }
    let directory_size = out.len() as u32 - directory;
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // this disk
    out.extend_from_slice(&0u16.to_le_bytes()); // disk of the central directory
    out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
    out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
    out.extend_from_slice(&directory_size.to_le_bytes());
    out.extend_from_slice(&directory.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    out
}

/// Raw deflate of `input` into `output` (cleared first). False if the compressor
/// failed, in which case the caller stores the part instead.
fn deflate(compressor: &mut Compress, input: &[u8], output: &mut Vec<u8>) -> bool {
    compressor.reset();
    output.clear();
    output.reserve(input.len() / 2 + 64);
    loop {
        let consumed = compressor.total_in() as usize;
        let Some(rest) = input.get(consumed..) else {
            return false;
        };
        match compressor.compress_vec(rest, output, FlushCompress::Finish) {
            Ok(Status::StreamEnd) => return true,
            Ok(Status::Ok | Status::BufError) => output.reserve(output.capacity().max(1024)),
            Err(_) => return false,
        }
    }
}

fn common_fields(part: &Packed, out: &mut Vec<u8>) {
    out.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0 (deflate)
    out.extend_from_slice(&0u16.to_le_bytes()); // flags
    out.extend_from_slice(&part.method.to_le_bytes());
    out.extend_from_slice(&DOS_TIME.to_le_bytes());
    out.extend_from_slice(&DOS_DATE.to_le_bytes());
    out.extend_from_slice(&part.crc.to_le_bytes());
    out.extend_from_slice(&(part.data.len() as u32).to_le_bytes());
    out.extend_from_slice(&part.size.to_le_bytes());
    out.extend_from_slice(&(part.name.len() as u16).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // extra field length
}
