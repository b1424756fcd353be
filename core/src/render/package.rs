//! A minimal zip writer for OPC packages (.docx), deterministic by construction.
//!
//! Written here rather than taken from the `zip` crate because everything that varies
//! in a zip file is then fixed in one place: entries in the order given, the DOS epoch
//! (1980-01-01 00:00) as every timestamp, no extra fields, no data descriptors, no
//! permissions. One raw-deflate compressor is reused for all entries (the `zip` crate
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

struct Entry {
    name: String,
    crc: u32,
    method: u16,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// Zips `parts` (name, bytes) in order. Sizes beyond 4 GiB are not supported (no
/// Zip64): a document is never near that.
pub(crate) fn zip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let total: usize = parts.iter().map(|(_, bytes)| bytes.len()).sum();
    let mut out = Vec::with_capacity(total / 3 + 128 * parts.len());
    let mut entries = Vec::with_capacity(parts.len());
    let mut compressor = Compress::new(Compression::new(1), false);
    let mut deflated = Vec::new();
    for (name, bytes) in parts {
        let crc = crc32fast::hash(bytes);
        let (method, data) = if bytes.len() >= STORE_BELOW
            && deflate(&mut compressor, bytes, &mut deflated)
            && deflated.len() < bytes.len()
        {
            (8u16, deflated.as_slice())
        } else {
            (0u16, bytes.as_slice())
        };
        let entry = Entry {
            name: name.clone(),
            crc,
            method,
            compressed: data.len() as u32,
            size: bytes.len() as u32,
            offset: out.len() as u32,
        };
        local_header(&entry, &mut out);
        out.extend_from_slice(data);
        entries.push(entry);
    }
    let directory = out.len() as u32;
    for entry in &entries {
        central_header(entry, &mut out);
    }
    let directory_size = out.len() as u32 - directory;
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // this disk
    out.extend_from_slice(&0u16.to_le_bytes()); // disk of the central directory
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
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

fn common_fields(entry: &Entry, out: &mut Vec<u8>) {
    out.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0 (deflate)
    out.extend_from_slice(&0u16.to_le_bytes()); // flags
    out.extend_from_slice(&entry.method.to_le_bytes());
    out.extend_from_slice(&DOS_TIME.to_le_bytes());
    out.extend_from_slice(&DOS_DATE.to_le_bytes());
    out.extend_from_slice(&entry.crc.to_le_bytes());
    out.extend_from_slice(&entry.compressed.to_le_bytes());
    out.extend_from_slice(&entry.size.to_le_bytes());
    out.extend_from_slice(&(entry.name.len() as u16).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // extra field length
}

fn local_header(entry: &Entry, out: &mut Vec<u8>) {
    out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
    common_fields(entry, out);
    out.extend_from_slice(entry.name.as_bytes());
}

fn central_header(entry: &Entry, out: &mut Vec<u8>) {
    out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
    out.extend_from_slice(&20u16.to_le_bytes()); // made by: MS-DOS, 2.0
    common_fields(entry, out);
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    out.extend_from_slice(&0u16.to_le_bytes()); // disk number
    out.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
    out.extend_from_slice(&0u32.to_le_bytes()); // external attributes
    out.extend_from_slice(&entry.offset.to_le_bytes());
    out.extend_from_slice(entry.name.as_bytes());
}
