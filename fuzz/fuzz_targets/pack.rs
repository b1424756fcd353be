//! Fuzz target `pack`: see `caucus_fuzz::pack` (fuzz/src/lib.rs) for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    caucus_fuzz::pack(data);
});
