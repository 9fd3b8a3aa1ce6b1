//! The unsafe-code policy (issue 8): every crate that does not talk to the kernel forbids unsafe
//! code. In the workspace that is the `unsafe_code = "forbid"` workspace lint, which applies to
//! every target of a member that takes `[lints] workspace = true` (library, binaries, tests,
//! benches, examples); the fuzz crate, a workspace of its own, sets it itself. This test fails
//! when a member or the fuzz crate drops out of that.

use std::path::{Path, PathBuf};

/// Members allowed to use `unsafe` (with a SAFETY comment on each block): the crates that talk
/// to the kernel (the probe, its ABI types, its kernel programs).
const KERNEL_CRATES: &[&str] = &["crates/probe", "crates/probe-abi", "crates/probe-ebpf"];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The lines of the `[name]` table of a TOML file, without comments and blank lines.
fn table(toml: &str, name: &str) -> Vec<String> {
    let header = format!("[{name}]");
    toml.lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .skip_while(|l| *l != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.is_empty())
        .map(|l| l.replace(' ', ""))
        .collect()
}

/// The quoted strings of the workspace's `members = [...]`.
fn members(root_toml: &str) -> Vec<String> {
    let line = table(root_toml, "workspace")
        .into_iter()
        .find(|l| l.starts_with("members="))
        .expect("the workspace lists its members on one line");
    line.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn every_crate_that_does_not_touch_the_kernel_forbids_unsafe_code() {
    let root = read(&repo().join("Cargo.toml"));
    assert!(
        table(&root, "workspace.lints.rust").contains(&"unsafe_code=\"forbid\"".to_string()),
        "the workspace lints must forbid unsafe_code"
    );
    let members = members(&root);
    assert!(members.iter().any(|m| m == "crates/falcod"), "{members:?}");
    for member in members
        .iter()
        .filter(|m| !KERNEL_CRATES.contains(&m.as_str()))
    {
        let manifest = read(&repo().join(member).join("Cargo.toml"));
        assert!(
            table(&manifest, "lints").contains(&"workspace=true".to_string()),
            "{member}/Cargo.toml must take the workspace lints ([lints] workspace = true), which \
             forbid unsafe code"
        );
    }
    let fuzz = read(&repo().join("fuzz/Cargo.toml"));
    assert!(
        table(&fuzz, "lints.rust").contains(&"unsafe_code=\"forbid\"".to_string()),
        "fuzz/Cargo.toml must forbid unsafe_code in [lints.rust]"
    );
}
