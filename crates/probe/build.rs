//! Builds falcod's kernel programs (crate `falcod-probe-ebpf`) for the BPF target and leaves
//! the object in `OUT_DIR` for `live` to embed.
//!
//! Without the toolchain (nightly Rust with rust-src, bpf-linker), or with `AYA_BUILD_SKIP=1`,
//! the crate still builds and the loader reports that the programs are missing, except in CI
//! (`CI` set), where a failed eBPF build fails the build.

use std::env;
use std::path::PathBuf;

const EBPF_BIN: &str = "falcod-probe-ebpf";

fn main() {
    println!("cargo::rustc-check-cfg=cfg(falcod_ebpf)");
    println!("cargo:rerun-if-env-changed=AYA_BUILD_SKIP");
    println!("cargo:rerun-if-env-changed=CI");
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let ebpf_dir = manifest.join("../probe-ebpf");
    let Some(ebpf_dir) = ebpf_dir.to_str() else {
        println!("cargo:warning=path of the eBPF crate is not UTF-8; building without it");
        return;
    };
    let in_ci = env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
    let skip = env::var("AYA_BUILD_SKIP").is_ok_and(|v| v == "1" || v.eq_ignore_ascii_case("true"));
    if skip {
        if in_ci {
            panic!("AYA_BUILD_SKIP is set in CI: the eBPF programs must be built there");
        }
        println!("cargo:warning=AYA_BUILD_SKIP set: falcod is built without its eBPF programs");
        return;
    }
    // The eBPF crate is outside the workspace (host builds of the workspace must not try to
    // link it): aya-build's `cargo build --package` then has to run from its directory, where
    // it is its own workspace root with its own lock file.
    if let Err(e) = env::set_current_dir(ebpf_dir) {
        if in_ci {
            panic!("cannot enter {ebpf_dir}: {e}");
        }
        println!("cargo:warning=cannot enter {ebpf_dir} ({e}); falcod is built without its eBPF programs");
        return;
    }
    let package = aya_build::Package {
        name: EBPF_BIN,
        root_dir: ebpf_dir,
        ..Default::default()
    };
    match aya_build::build_ebpf([package], aya_build::Toolchain::default()) {
        Ok(()) => {
            let out = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default());
            if out.join(EBPF_BIN).is_file() {
                println!("cargo:rustc-cfg=falcod_ebpf");
            } else if in_ci {
                panic!("the eBPF build produced no {EBPF_BIN} object");
            }
        }
        Err(e) if in_ci => panic!(
            "building the eBPF programs failed: {e:#}\n(run scripts/prereqs.sh to install the \
             nightly toolchain, rust-src and bpf-linker)"
        ),
        Err(e) => println!(
            "cargo:warning=building the eBPF programs failed ({e:#}); falcod is built without \
             them. Run scripts/prereqs.sh to install the BPF toolchain."
        ),
    }
}
