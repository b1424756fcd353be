//! Raw deflate (RFC 1951) for the parts of a .docx: LZ77 matching over a 32 KiB window,
//! coded with the fixed Huffman codes, in one block.
//!
//! A general compression library was a tenth of the WebAssembly module, for parts of a
//! few kilobytes of repetitive XML. Matching finds most of what there is to find in such
//! text, and the fixed codes need no code tables: the default agreement's .docx is
//! 13.8 KB, against 15.3 KB with zlib's fastest level, which we used before. It is
//! deterministic by construction: no levels, no strategies, no platform differences.

/// Shortest and longest match deflate can code, and how far back a match may reach.
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;
const WINDOW: usize = 32 * 1024;
/// How many earlier places with the same three bytes are tried at each position.
const MAX_CHAIN: usize = 8;
/// Matches longer than this add only their first place to the hash chains.
const MAX_INSERT: usize = 8;
/// The hash table has 2^bits entries: enough for the input, at most 2^14.
const MAX_HASH_BITS: u32 = 14;

/// Base lengths of the length codes 257..=285, and their extra bits.
const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/// Base distances of the distance codes 0..=29, and their extra bits.
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

/// Compresses `input` as raw deflate into `out` (cleared first).
pub(crate) fn deflate(input: &[u8], out: &mut Vec<u8>) {
    out.clear();
    out.reserve(input.len() / 3 + 16);
    let mut writer = BitWriter { out, acc: 0, n: 0 };
    // BFINAL = 1, BTYPE = 01 (fixed Huffman codes).
    writer.put(0b011, 3);
    // Tables sized to the input: most parts are a few kilobytes.
    let bits = (usize::BITS - input.len().leading_zeros()).clamp(8, MAX_HASH_BITS);
    let mut head = vec![u32::MAX; 1 << bits];
    // A power of two, so that a place's slot is a mask away.
    let mask = input.len().min(WINDOW).next_power_of_two() - 1;
    let mut prev = vec![u32::MAX; mask + 1];
    let mut pos = 0;
    while pos < input.len() {
        let (length, distance) = longest_match(input, pos, &head, &prev, bits);
        let step = if length >= MIN_MATCH {
            writer.length(length);
            writer.distance(distance);
            length
        } else {
            writer.literal(input[pos]);
            1
        };
        // The places inside a long match are not worth remembering: the text there will
        // be found again from where the match started.
        let remembered = if step > MAX_INSERT { 1 } else { step };
        for p in pos..(pos + remembered).min(input.len().saturating_sub(MIN_MATCH - 1)) {
            let h = hash(input, p, bits);
            prev[p & mask] = head[h];
            head[h] = p as u32;
        }
        pos += step;
    }
    writer.literal_code(256);
    writer.flush();
}

fn hash(input: &[u8], at: usize, bits: u32) -> usize {
    let [a, b, c] = [input[at], input[at + 1], input[at + 2]];
    let v = u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c);
    (v.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize
}

/// How many bytes `a` and `b` have in common from their start, up to `limit`; eight at a
/// time.
fn common_prefix(a: &[u8], b: &[u8], limit: usize) -> usize {
    let mut n = 0;
    while n + 8 <= limit {
        let x = u64::from_le_bytes(a[n..n + 8].try_into().unwrap_or_default());
        let y = u64::from_le_bytes(b[n..n + 8].try_into().unwrap_or_default());
        if x != y {
            return n + ((x ^ y).trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    while n < limit && a[n] == b[n] {
        n += 1;
    }
    n
}

/// The longest earlier occurrence of the bytes at `pos` within the window, as
/// (length, distance); length 0 when there is none of at least [`MIN_MATCH`].
fn longest_match(
    input: &[u8],
    pos: usize,
    head: &[u32],
    prev: &[u32],
    bits: u32,
) -> (usize, usize) {
    if pos + MIN_MATCH > input.len() {
        return (0, 0);
    }
    let limit = (input.len() - pos).min(MAX_MATCH);
    let mut best = (0, 0);
    let mut candidate = head[hash(input, pos, bits)];
    for _ in 0..MAX_CHAIN {
        if candidate == u32::MAX {
            break;
        }
        let at = candidate as usize;
        if at >= pos || pos - at > WINDOW {
            break;
        }
        if input[at + best.0.min(limit - 1)] == input[pos + best.0.min(limit - 1)] {
            let length = common_prefix(&input[at..], &input[pos..], limit);
            if length > best.0 {
                best = (length, pos - at);
                if length == limit {
                    break;
                }
            }
        }
        let next = prev[at & (prev.len() - 1)];
        if next != u32::MAX && next as usize >= at {
            break;
        }
        candidate = next;
    }
    if best.0 >= MIN_MATCH { best } else { (0, 0) }
}

/// Writes bits least significant first, as deflate stores them.
struct BitWriter<'a> {
    out: &'a mut Vec<u8>,
    acc: u64,
    n: u32,
}

impl BitWriter<'_> {
    fn put(&mut self, value: u32, count: u32) {
        self.acc |= u64::from(value) << self.n;
        self.n += count;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code, which deflate stores most significant bit first.
    fn code(&mut self, code: u32, length: u32) {
        self.put(code.reverse_bits() >> (32 - length), length);
    }

    /// The fixed code of a literal/length symbol (0..=287).
    fn literal_code(&mut self, symbol: u32) {
        match symbol {
            0..=143 => self.code(0x30 + symbol, 8),
            144..=255 => self.code(0x190 + symbol - 144, 9),
            256..=279 => self.code(symbol - 256, 7),
            _ => self.code(0xC0 + symbol - 280, 8),
        }
    }

    fn literal(&mut self, byte: u8) {
        self.literal_code(u32::from(byte));
    }

    fn length(&mut self, length: usize) {
        let i = LENGTH_BASE.partition_point(|&base| usize::from(base) <= length) - 1;
        self.literal_code(257 + i as u32);
        let extra = LENGTH_EXTRA[i];
        if extra > 0 {
            self.put(
                (length - usize::from(LENGTH_BASE[i])) as u32,
                u32::from(extra),
            );
        }
    }

    fn distance(&mut self, distance: usize) {
        let i = DISTANCE_BASE.partition_point(|&base| usize::from(base) <= distance) - 1;
        self.code(i as u32, 5);
        let extra = DISTANCE_EXTRA[i];
        if extra > 0 {
            self.put(
                (distance - usize::from(DISTANCE_BASE[i])) as u32,
                u32::from(extra),
            );
        }
    }

    fn flush(&mut self) {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.acc = 0;
        self.n = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Read;

    fn inflate(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::DeflateDecoder::new(data)
            .read_to_end(&mut out)
            .expect("valid deflate");
        out
    }

    fn round_trip(input: &[u8]) -> usize {
        let mut out = Vec::new();
        deflate(input, &mut out);
        assert_eq!(inflate(&out), input);
        out.len()
    }

    #[test]
    fn edge_cases_round_trip() {
        round_trip(b"");
        round_trip(b"a");
        round_trip(b"ab");
        round_trip(b"abc");
        round_trip(&[0u8; 1000]);
        round_trip(&[255u8; 40_000]);
        let long: Vec<u8> = (0..40_000u32).map(|i| (i * 7 % 251) as u8).collect();
        round_trip(&long);
    }

    #[test]
    fn repetitive_xml_shrinks() {
        let xml = "<w:p><w:pPr><w:pStyle w:val=\"Body\"/></w:pPr><w:r><w:t>Clause text.</w:t></w:r></w:p>"
            .repeat(200);
        let size = round_trip(xml.as_bytes());
        assert!(size * 20 < xml.len(), "{size} of {}", xml.len());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn any_bytes_round_trip(input in prop::collection::vec(prop_oneof![Just(b'a'), Just(b'b'), any::<u8>()], 0..5000)) {
            round_trip(&input);
        }
    }
}
