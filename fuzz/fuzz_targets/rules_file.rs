//! Arbitrary bytes as a rules file: loading must report errors, never panic or hang.
#![no_main]

use std::sync::{Arc, OnceLock};

use falcod_rules::ruleset::{EngineConfig, RulesetBuilder};
use libfuzzer_sys::fuzz_target;

fn config() -> &'static EngineConfig {
    static CONFIG: OnceLock<EngineConfig> = OnceLock::new();
    CONFIG.get_or_init(|| EngineConfig::new(vec![Arc::new(falcod_probe::syscall_schema().clone())]))
}

fuzz_target!(|data: &[u8]| {
    let mut builder = RulesetBuilder::new(config().clone());
    builder.load("fuzz.yaml", data);
});
