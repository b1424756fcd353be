//! Fuzz target `csv_rows`: see `caucus_fuzz::csv_rows` (fuzz/src/lib.rs) for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    caucus_fuzz::csv_rows(data);
});
