//! Arbitrary bytes through the normaliser, every detector and the verdict.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    mandate_inspect::fuzz_one(data);
});
