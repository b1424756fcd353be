//! Fuzz target `options`: see `caucus_fuzz::options` (fuzz/src/lib.rs) for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    caucus_fuzz::options(data);
});
