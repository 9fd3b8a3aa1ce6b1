//! The capture writer against the shared captures: every capture, read and written back,
//! reads back block for block the same (event parameters byte for byte), and (when `sysdig` is
//! installed; in CI it must be) libsinsp 0.29 lists the same events with the same fields from
//! the written file as from the original.

use std::path::{Path, PathBuf};
use std::process::Command;

use falcod_probe::scap::{
    Block, Compression, FdInfo, Interface, MachineInfo, ProcInfo, ProcLayout, Reader,
    SectionHeader, UserList, Writer,
};

fn captures_dir() -> Option<PathBuf> {
    falcod_conformance::shared_captures_dir_or_skip()
}

fn captures(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "scap"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no captures in {}", dir.display());
    files
}

/// A block with everything it holds, owned.
#[derive(Debug, Clone, PartialEq)]
enum Owned {
    Section(SectionHeader),
    Machine(MachineInfo),
    Procs(Vec<ProcInfo>),
    Fds(u64, Vec<FdInfo>),
    Users(UserList),
    Interfaces(Vec<Interface>),
    Event {
        ts: u64,
        tid: u64,
        cpu: u16,
        flags: Option<u32>,
        event_type: u16,
        nparams: u32,
        params: Vec<Vec<u8>>,
    },
}

fn read_all(path: &Path) -> Vec<Owned> {
    let mut reader = Reader::open(path).unwrap();
    let mut out = Vec::new();
    while let Some(block) = reader
        .next_block()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    {
        out.push(match block {
            Block::Section(s) => Owned::Section(s),
            Block::MachineInfo(m) => Owned::Machine(m),
            Block::Processes(p) => Owned::Procs(p),
            Block::Fds { tid, fds } => Owned::Fds(tid, fds),
            Block::Users(u) => Owned::Users(u),
            Block::Interfaces(i) => Owned::Interfaces(i),
            Block::Event(e) => Owned::Event {
                ts: e.ts,
                tid: e.tid,
                cpu: e.cpu,
                flags: e.flags,
                event_type: e.event_type,
                nparams: e.nparams,
                params: e.params().map(<[u8]>::to_vec).collect(),
            },
        });
    }
    out
}

/// Writes `blocks` to `path` with the writer.
fn write_all(blocks: &[Owned], path: &Path, compression: Compression, layout: ProcLayout) {
    let mut w = Writer::create(path, compression).unwrap();
    w.set_proc_layout(layout);
    for b in blocks {
        match b {
            Owned::Section(_) => w.write_section(),
            Owned::Machine(m) => w.write_machine_info(m),
            Owned::Procs(p) => w.write_processes(p),
            Owned::Fds(tid, fds) => w.write_fds(*tid, fds),
            Owned::Users(u) => w.write_users(u),
            Owned::Interfaces(i) => w.write_interfaces(i),
            Owned::Event {
                ts,
                tid,
                cpu,
                flags,
                event_type,
                params,
                ..
            } => {
                let params: Vec<&[u8]> = params.iter().map(Vec::as_slice).collect();
                w.write_event(&falcod_probe::scap::EventRecord {
                    ts: *ts,
                    tid: *tid,
                    cpu: *cpu,
                    flags: *flags,
                    event_type: *event_type,
                    params: &params,
                })
            }
        }
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    w.close().unwrap();
}

/// What a block should read back as after writing with `layout`: the section header is
/// always written as format 1.2 of unknown length, and the 0.29 process layout keeps only
/// `loginuid` and `exe_writable` after `root`.
fn expected_after_write(block: &Owned, layout: ProcLayout) -> Owned {
    match block {
        Owned::Section(_) => Owned::Section(SectionHeader {
            major: 1,
            minor: 2,
            section_length: u64::MAX,
        }),
        Owned::Procs(procs) if layout == ProcLayout::Sinsp029 => Owned::Procs(
            procs
                .iter()
                .map(|p| ProcInfo {
                    pidns_init_start_ts: 0,
                    tty: 0,
                    cap_inheritable: 0,
                    cap_permitted: 0,
                    cap_effective: 0,
                    exe_upper_layer: false,
                    exe_ino: 0,
                    exe_ino_ctime: 0,
                    exe_ino_mtime: 0,
                    exe_from_memfd: false,
                    exe_lower_layer: false,
                    pgid: -1,
                    ..p.clone()
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

fn out_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name)
}

#[test]
fn every_capture_round_trips_block_for_block() {
    let Some(dir) = captures_dir() else { return };
    for file in captures(&dir) {
        let original = read_all(&file);
        let events = original
            .iter()
            .filter(|b| matches!(b, Owned::Event { .. }))
            .count();
        assert!(events > 0, "{}: no events", file.display());
        for (layout, compression) in [
            (ProcLayout::Full, Compression::Gzip),
            (ProcLayout::Sinsp029, Compression::None),
        ] {
            let name = file.file_name().unwrap().to_string_lossy();
            let out = out_path(&format!("roundtrip-{layout:?}-{name}"));
            write_all(&original, &out, compression, layout);
            let back = read_all(&out);
            assert_eq!(back.len(), original.len(), "{name} {layout:?}: block count");
            for (i, (want, got)) in original.iter().zip(&back).enumerate() {
                assert_eq!(
                    &expected_after_write(want, layout),
                    got,
                    "{name} {layout:?}: block {i}"
                );
            }
        }
    }
}

/// `sysdig` on PATH; in CI its absence fails the test.
fn have_sysdig() -> bool {
    let found = Command::new("sysdig").arg("--version").output().is_ok();
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "sysdig must be installed in CI"
        );
        println!("skip: sysdig not on PATH");
    }
    found
}

/// `*` prints every event, also those lacking some field.
const SYSDIG_FIELDS: &str = "*%evt.num %evt.type %evt.dir %proc.name %proc.pid %proc.ppid \
     %proc.cmdline %fd.name %fd.type %user.name %evt.res %evt.args";

fn sysdig_lines(path: &Path) -> String {
    let out = Command::new("sysdig")
        .arg("-r")
        .arg(path)
        .args(["-p", SYSDIG_FIELDS])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "sysdig -r {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn sysdig_lists_the_same_events_from_a_written_capture() {
    let Some(dir) = captures_dir() else { return };
    if !have_sysdig() {
        return;
    }
    for file in captures(&dir) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let out = out_path(&format!("sysdig-{name}"));
        write_all(
            &read_all(&file),
            &out,
            Compression::Gzip,
            ProcLayout::Sinsp029,
        );
        let want = sysdig_lines(&file);
        let got = sysdig_lines(&out);
        assert!(want.lines().count() > 0, "{name}: sysdig listed nothing");
        for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
            assert_eq!(w, g, "{name}: line {i}");
        }
        assert_eq!(
            want.lines().count(),
            got.lines().count(),
            "{name}: line count"
        );
    }
}

/// Anonymous-inode fds newer than libscap 0.29 (bpf 17, userfaultfd 18, io_uring 19, memfd 20,
/// pidfd 21), as a `/proc` snapshot of a busy host holds them, are written as "unsupported" (10)
/// with their names: sysdig 0.29 rejects a whole file on one unknown fd type.
#[test]
fn fd_types_newer_than_libscap_029_are_written_as_unsupported() {
    let Some(dir) = captures_dir() else { return };
    let file = captures(&dir)
        .into_iter()
        .find(|f| read_all(f).iter().any(|b| matches!(b, Owned::Fds(..))))
        .expect("a shared capture with an fd list");
    let mut blocks = read_all(&file);
    let names = [
        "anon_inode:bpf-map",
        "anon_inode:[userfaultfd]",
        "anon_inode:[io_uring]",
        "/memfd:falcod (deleted)",
        "anon_inode:[pidfd]",
    ];
    let Some(Owned::Fds(_, fds)) = blocks.iter_mut().find(|b| matches!(b, Owned::Fds(..))) else {
        unreachable!()
    };
    for (code, name) in (17u8..=21).zip(names) {
        fds.push(FdInfo {
            fd: 9000 + i64::from(code),
            ino: 1,
            fd_type: code,
            detail: falcod_probe::scap::FdDetail::Named { name: name.into() },
        });
    }
    let out = out_path("newer-fd-types.scap");
    write_all(&blocks, &out, Compression::None, ProcLayout::Sinsp029);
    let read: Vec<FdInfo> = read_all(&out)
        .into_iter()
        .filter_map(|b| match b {
            Owned::Fds(_, fds) => Some(fds),
            _ => None,
        })
        .flatten()
        .filter(|f| f.fd > 9000)
        .collect();
    assert_eq!(read.len(), names.len());
    for (f, name) in read.iter().zip(names) {
        assert_eq!(f.fd_type, 10, "{name}");
        assert_eq!(
            f.detail,
            falcod_probe::scap::FdDetail::Named { name: name.into() }
        );
    }
    if have_sysdig() {
        assert!(sysdig_lines(&out).lines().count() > 0);
    }
}
