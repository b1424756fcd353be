//! A minimal zip writer for OPC packages (.docx) and for archives of documents (the
//! drafting app's "download all"), deterministic by construction.
//!
//! Written here rather than taken from the `zip` crate because everything that varies
//! in a zip file is then fixed in one place: entries in the order given, the DOS epoch
//! (1980-01-01 00:00) as every timestamp, no extra fields, no data descriptors, no
//! permissions. Parts that never change are packed once (see `docx.rs`); the others are
//! compressed by our own deflate (`deflate.rs`), which is deterministic by construction
//! and keeps a compression library out of the WebAssembly module.

use super::deflate::deflate;
use std::borrow::Cow;

/// Parts smaller than this are stored: compressing them saves a few bytes at most.
const STORE_BELOW: usize = 512;
/// 1980-01-01 in MS-DOS date format: (year - 1980) << 9 | month << 5 | day.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;

/// One part, ready to be zipped: compressed (or stored) with its checksum.
#[derive(Debug, Clone)]
pub(crate) struct Packed {
    name: Cow<'static, str>,
    crc: u32,
    method: u16,
    size: u32,
    data: Vec<u8>,
}

/// Compresses parts, reusing one output buffer.
pub(crate) struct Compressor {
    scratch: Vec<u8>,
}

impl Compressor {
    pub(crate) fn new() -> Compressor {
        Compressor {
            scratch: Vec::new(),
        }
    }

    /// Packs one part. Sizes beyond 4 GiB are not supported (no Zip64): a document is
    /// never near that.
    pub(crate) fn pack(&mut self, name: impl Into<Cow<'static, str>>, bytes: &[u8]) -> Packed {
        let crc = crc32(bytes);
        let deflated = bytes.len() >= STORE_BELOW && {
            deflate(bytes, &mut self.scratch);
            self.scratch.len() < bytes.len()
        };
        let (method, data) = if deflated {
            (8, self.scratch.clone())
        } else {
            (0, bytes.to_vec())
        };
        Packed {
            name: name.into(),
            crc,
            method,
            size: bytes.len() as u32,
            data,
        }
    }
}

/// A zip archive of `files` (name, contents), in the order given: each file compressed
/// when that makes it smaller, every timestamp 1980-01-01 00:00, no permissions or extra
/// fields, so the same files give the same bytes on every run and every platform.
/// Names are stored as given (UTF-8, flagged as such when not ASCII); use `/` between
/// folders. At most 65,535 files of under 4 GiB each.
pub fn zip_files<N: AsRef<str>, B: AsRef<[u8]>>(files: &[(N, B)]) -> Vec<u8> {
    let mut compressor = Compressor::new();
    let packed: Vec<Packed> = files
        .iter()
        .map(|(name, bytes)| compressor.pack(name.as_ref().to_owned(), bytes.as_ref()))
        .collect();
    zip(&packed.iter().collect::<Vec<_>>())
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

/// The CRC-32 zip stores for each part (IEEE polynomial, reflected), a byte at a time
/// from a table made at compile time: 1 KB, where a crate's faster tables were 16 KB of
/// WebAssembly for parts of a few kilobytes.
fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    !bytes
        .iter()
        .fold(!0u32, |c, &b| TABLE[usize::from(c as u8 ^ b)] ^ (c >> 8))
}

fn common_fields(part: &Packed, out: &mut Vec<u8>) {
    out.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0 (deflate)
    // Flags: bit 11 says the name is UTF-8; an ASCII name needs no flag.
    let flags: u16 = if part.name.is_ascii() { 0 } else { 1 << 11 };
    out.extend_from_slice(&flags.to_le_bytes());
    out.extend_from_slice(&part.method.to_le_bytes());
    out.extend_from_slice(&DOS_TIME.to_le_bytes());
    out.extend_from_slice(&DOS_DATE.to_le_bytes());
    out.extend_from_slice(&part.crc.to_le_bytes());
    out.extend_from_slice(&(part.data.len() as u32).to_le_bytes());
    out.extend_from_slice(&part.size.to_le_bytes());
    out.extend_from_slice(&(part.name.len() as u16).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // extra field length
}

#[cfg(test)]
mod tests {
    use super::{crc32, zip_files};
    use std::io::Read;

    #[test]
    fn archives_read_back_with_their_names_and_contents() {
        let long = "Clause text. ".repeat(400);
        let files = [
            ("MED-1-agreement.md", long.as_bytes()),
            ("MED-1-guide.md", b"short".as_slice()),
            ("Zoë-consent.md", b"".as_slice()),
        ];
        let bytes = zip_files(&files);
        assert_eq!(bytes, zip_files(&files), "deterministic");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
        assert_eq!(archive.len(), 3);
        for (i, (name, contents)) in files.iter().enumerate() {
            let mut file = archive.by_index(i).expect("an entry");
            assert_eq!(file.name(), *name);
            let mut read = Vec::new();
            file.read_to_end(&mut read).expect("readable");
            assert_eq!(read, *contents);
        }
        assert!(archive.by_index(0).expect("an entry").compressed_size() < long.len() as u64 / 4);
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }
}
