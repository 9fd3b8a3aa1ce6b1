//! Differential test: for random enforceable conditions and random requests, the policy decides
//! exactly what the rules engine answers on the equivalent Falco event, and the simulated kernel
//! lookups over the encoded maps decide exactly what the policy decides.

mod common;

use std::cell::Cell;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

use falcod_enforce::encode::encode;
use falcod_enforce::{Hook, LsmRequest, RequestEvent};
use falcod_rules::eval::engine::{Engine, EngineOptions};
use falcod_rules::ruleset::Ruleset;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const COMMS: &[&str] = &["sh", "bash", "cat", "nginx", "a", "ab"];
const PATHS: &[&str] = &[
    "/etc/shadow",
    "/etc/passwd",
    "/etc/ssh/sshd_config",
    "/etc",
    "/tmp/x",
    "/tmp/a.sh",
    "/usr/bin/ls",
    "/bin/sh",
    "/",
];
const PREFIXES: &[&str] = &["/etc/", "/etc", "/tmp", "/usr/", "/", "/etc/ssh"];
const GLOBS: &[&str] = &["/etc/*", "*.sh", "/tmp/?", "*sh*", "/[eu]*"];
const SUFFIXES: &[&str] = &[".sh", "sh", "/x", "config"];
const UIDS: &[u32] = &[0, 1, 999, 1000, 65534];
const PORTS: &[u16] = &[22, 80, 443, 4444];

fn pick<T: Clone + std::fmt::Debug + 'static>(pool: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(pool)
}

fn quoted(v: &str) -> String {
    format!("\"{v}\"")
}

/// A comparison on a string field.
fn str_leaf(
    field: &'static str,
    pool: &'static [&'static str],
    path: bool,
) -> BoxedStrategy<String> {
    let f = field;
    let mut alts: Vec<BoxedStrategy<String>> = vec![
        pick(pool)
            .prop_map(move |v| format!("{f} = {}", quoted(v)))
            .boxed(),
        pick(pool)
            .prop_map(move |v| format!("{f} != {}", quoted(v)))
            .boxed(),
        (pick(pool), pick(pool))
            .prop_map(move |(a, b)| format!("{f} in ({}, {})", quoted(a), quoted(b)))
            .boxed(),
        Just(format!("{f} exists")).boxed(),
        pick(SUFFIXES)
            .prop_map(move |v| format!("{f} endswith {}", quoted(v)))
            .boxed(),
        pick(GLOBS)
            .prop_map(move |v| format!("{f} glob {}", quoted(v)))
            .boxed(),
    ];
    if path {
        alts.push(
            pick(PREFIXES)
                .prop_map(move |v| format!("{f} startswith {}", quoted(v)))
                .boxed(),
        );
        alts.push(
            (pick(PREFIXES), pick(PATHS))
                .prop_map(move |(a, b)| format!("{f} pmatch ({}, {})", quoted(a), quoted(b)))
                .boxed(),
        );
    } else {
        alts.push(
            pick(&["a", "b", "n", "ba"][..])
                .prop_map(move |v| format!("{f} startswith {v}"))
                .boxed(),
        );
    }
    proptest::strategy::Union::new(alts).boxed()
}

fn num_leaf(field: &'static str, pool: Vec<u64>) -> BoxedStrategy<String> {
    let ops = &["=", "!=", "<", "<=", ">", ">="][..];
    let pool2 = pool.clone();
    prop_oneof![
        (pick(ops), proptest::sample::select(pool))
            .prop_map(move |(o, v)| format!("{field} {o} {v}")),
        (
            proptest::sample::select(pool2.clone()),
            proptest::sample::select(pool2)
        )
            .prop_map(move |(a, b)| format!("{field} in ({a}, {b})")),
    ]
    .boxed()
}

/// The leaves visible at a hook.
fn leaves(hook: Hook) -> BoxedStrategy<String> {
    let mut alts: Vec<BoxedStrategy<String>> = vec![
        str_leaf("proc.name", COMMS, false),
        str_leaf("proc.pname", COMMS, false),
        num_leaf("user.uid", UIDS.iter().map(|&u| u64::from(u)).collect()),
    ];
    match hook {
        Hook::FileOpen => {
            alts.push(str_leaf("fd.name", PATHS, true));
            alts.push(str_leaf("fd.directory", PATHS, true));
            alts.push(str_leaf(
                "fd.filename",
                &["shadow", "x", "a.sh", "ls", "etc"],
                false,
            ));
            alts.push(
                pick(&["true", "false"][..])
                    .prop_map(|b| format!("evt.is_open_read = {b}"))
                    .boxed(),
            );
            alts.push(
                pick(&["true", "false"][..])
                    .prop_map(|b| format!("evt.is_open_write = {b}"))
                    .boxed(),
            );
            alts.push(
                pick(&["f", "d"][..])
                    .prop_map(|c| format!("fd.typechar = {c}"))
                    .boxed(),
            );
            alts.push(Just("fd.num >= 0".to_string()).boxed());
        }
        Hook::BprmCheckSecurity => alts.push(str_leaf("proc.exepath", PATHS, true)),
        Hook::SocketConnect => {
            alts.push(num_leaf(
                "fd.sport",
                PORTS.iter().map(|&p| u64::from(p)).collect(),
            ));
            alts.push(
                pick(&["10.0.0.1", "127.0.0.1", "::1"][..])
                    .prop_map(|a| format!("fd.sip = \"{a}\""))
                    .boxed(),
            );
            alts.push(
                pick(&["10.0.0.0/8", "127.0.0.0/8", "10.1.0.0/16", "::1/128"][..])
                    .prop_map(|a| format!("fd.snet in (\"{a}\")"))
                    .boxed(),
            );
            alts.push(
                pick(&["4", "6", "u"][..])
                    .prop_map(|c| format!("fd.typechar = {c}"))
                    .boxed(),
            );
        }
        Hook::PathRename => {
            alts.push(str_leaf("fs.path.source", PATHS, true));
            alts.push(str_leaf("fs.path.target", PATHS, true));
        }
        Hook::PathUnlink => alts.push(str_leaf("fs.path.name", PATHS, true)),
        _ => {}
    }
    proptest::strategy::Union::new(alts).boxed()
}

/// A random boolean combination of leaves.
fn body(hook: Hook) -> impl Strategy<Value = String> {
    leaves(hook).prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 2..4)
                .prop_map(|v| format!("({})", v.join(" and "))),
            proptest::collection::vec(inner.clone(), 2..4)
                .prop_map(|v| format!("({})", v.join(" or "))),
            inner.prop_map(|e| format!("not {e}")),
        ]
    })
}

fn opt<T: Clone + std::fmt::Debug + 'static>(
    s: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<T>> {
    prop_oneof![1 => Just(None), 5 => s.prop_map(Some)]
}

fn request(hook: Hook) -> impl Strategy<Value = LsmRequest> {
    let ip = prop_oneof![
        Just(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1))),
        Just(IpAddr::V4(Ipv4Addr::new(10, 1, 2, 3))),
        Just(IpAddr::V4(Ipv4Addr::new(127, 0, 0, 1))),
        Just(IpAddr::V6(Ipv6Addr::LOCALHOST)),
    ];
    (
        opt(pick(COMMS)),
        opt(pick(COMMS)),
        opt(pick(PATHS)),
        opt(pick(UIDS)),
        opt(pick(PATHS)),
        opt(pick(PATHS)),
        any::<(bool, bool, bool)>(),
        opt((ip, pick(PORTS))),
    )
        .prop_map(
            move |(comm, pcomm, exe, uid, path, path2, (r, w, d), peer)| {
                let mut q = LsmRequest::new(hook);
                q.comm = comm.map(str::to_string);
                q.parent_comm = pcomm.map(str::to_string);
                q.exe = exe.map(str::to_string);
                q.uid = uid;
                match hook {
                    Hook::FileOpen => {
                        q.path = path.map(str::to_string);
                        q.open_read = r;
                        q.open_write = w;
                        q.open_directory = d;
                    }
                    Hook::PathRename => {
                        q.path = path.map(str::to_string);
                        q.path2 = path2.map(str::to_string);
                    }
                    Hook::SocketConnect => q.peer = peer,
                    _ => {}
                }
                q
            },
        )
}

const HOOKS: [Hook; 6] = [
    Hook::FileOpen,
    Hook::BprmCheckSecurity,
    Hook::SocketConnect,
    Hook::PathRename,
    Hook::PathUnlink,
    Hook::PtraceAccessCheck,
];

#[test]
fn policy_decides_as_the_rules_engine() {
    let schema = falcod_probe::syscall_schema();
    let mut runner = TestRunner::new(Config {
        cases: 400,
        ..Config::default()
    });
    let enforceable = Cell::new(0u32);
    let total = Cell::new(0u32);
    let decided = [Cell::new(0u32), Cell::new(0u32)];
    let strategy = (0..HOOKS.len()).prop_flat_map(|h| {
        let hook = HOOKS[h];
        (
            Just(hook),
            body(hook),
            proptest::collection::vec(request(hook), 24),
        )
    });
    runner
        .run(&strategy, |(hook, body, requests)| {
            total.set(total.get() + 1);
            let family: Vec<&str> = hook.syscalls().to_vec();
            let condition = format!("evt.type in ({}) and {body}", family.join(", "));
            let rule = common::load_rule("r", &condition, None);
            let report = common::report_for(&rule);
            let Ok(_) = &report.rules[0].outcome else {
                return Ok(()); // not enforceable (two globs in a clause, ...): nothing to compare
            };
            enforceable.set(enforceable.get() + 1);
            let policy = report.policy().expect("one rule fits");
            let encoded = encode(&policy).expect("encodes");
            let rs = Arc::new(Ruleset {
                rules: vec![rule.clone()],
                ..Ruleset::default()
            });
            let engine = Engine::new(rs, schema, EngineOptions::default()).expect("engine");
            let mut scratch = engine.scratch();
            for req in &requests {
                let decision = policy.decide(req).is_some();
                let d = &decided[usize::from(decision)];
                d.set(d.get() + 1);
                for syscall in &family {
                    let ev = RequestEvent::new(req, syscall, schema).expect("known syscall");
                    let matched = engine.process(&ev, &mut scratch, &mut |_| {}) > 0;
                    prop_assert_eq!(
                        decision,
                        matched,
                        "{}\nas {}: {:?}",
                        condition,
                        syscall,
                        req
                    );
                }
                prop_assert_eq!(
                    encoded.simulate(req).is_some(),
                    decision,
                    "encoded maps vs policy: {}\n{:?}",
                    condition,
                    req
                );
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    // The generator must mostly produce enforceable conditions, and requests both ways.
    let (enforceable, total) = (enforceable.get(), total.get());
    let decided = [decided[0].get(), decided[1].get()];
    eprintln!("{enforceable} of {total} conditions enforceable; decisions allow/deny {decided:?}");
    assert!(
        enforceable * 2 > total,
        "only {enforceable} of {total} conditions were enforceable"
    );
    assert!(
        decided[0] > 100 && decided[1] > 100,
        "decisions {decided:?}"
    );
}
