//! The example policies of `tests/data/policies.yaml`, each run against every evaluator: the
//! policy's userspace decision, the simulated kernel lookups over the encoded maps, and the
//! rules engine on the equivalent Falco event. `ENFORCE_CASE=substring` runs the matching cases
//! only.

mod common;

use std::net::SocketAddr;

use falcod_enforce::encode::encode;
use falcod_enforce::{Hook, LsmRequest, Verdict};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    condition: String,
    enforce: Option<String>,
    #[serde(default)]
    problems: Vec<String>,
    #[serde(default)]
    hooks: Vec<String>,
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    requests: Vec<Request>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    hook: String,
    comm: Option<String>,
    pcomm: Option<String>,
    exe: Option<String>,
    uid: Option<u32>,
    container: Option<String>,
    path: Option<String>,
    path2: Option<String>,
    #[serde(default)]
    read: bool,
    #[serde(default)]
    write: bool,
    #[serde(default)]
    directory: bool,
    peer: Option<String>,
    expect: String,
}

impl Request {
    fn to_lsm(&self) -> LsmRequest {
        let hook = Hook::from_name(&self.hook).expect("known hook");
        let mut r = LsmRequest::new(hook);
        r.comm = self.comm.clone();
        r.parent_comm = self.pcomm.clone();
        r.exe = self.exe.clone();
        r.uid = self.uid;
        r.container_id = self.container.clone();
        r.path = self.path.clone();
        r.path2 = self.path2.clone();
        r.open_read = self.read;
        r.open_write = self.write;
        r.open_directory = self.directory;
        r.peer = self.peer.as_ref().map(|p| {
            let a: SocketAddr = p.parse().expect("peer address");
            (a.ip(), a.port())
        });
        r
    }
}

fn cases() -> Vec<Case> {
    let text = include_str!("data/policies.yaml");
    serde_yaml::from_str(text).expect("policies.yaml parses")
}

#[test]
fn example_policies() {
    let filter = std::env::var("ENFORCE_CASE").unwrap_or_default();
    let mut ran = 0;
    for case in cases().iter().filter(|c| c.name.contains(&filter)) {
        ran += 1;
        let name = &case.name;
        let rule = common::load_rule(name, &case.condition, case.enforce.as_deref());
        let report = common::report_for(&rule);
        let entry = &report.rules[0];
        if !case.problems.is_empty() {
            let err = entry.outcome.as_ref().expect_err(name);
            let got: Vec<String> = err.problems.iter().map(|p| p.to_string()).collect();
            assert_eq!(got, case.problems, "{name}");
            continue;
        }
        let policy_rule = match &entry.outcome {
            Ok(p) => p,
            Err(e) => panic!("{name}: {e}"),
        };
        let hooks: Vec<&str> = policy_rule.hooks().iter().map(|h| h.name()).collect();
        let mut want_hooks: Vec<&str> = case.hooks.iter().map(String::as_str).collect();
        want_hooks.sort_by_key(|h| Hook::from_name(h).expect("hook name"));
        assert_eq!(hooks, want_hooks, "{name}: hooks");
        assert_eq!(policy_rule.notes, case.notes, "{name}: notes");
        assert!(
            !case.requests.is_empty(),
            "{name}: a policy case needs requests"
        );

        let policy = report.policy().expect("fits");
        let encoded = encode(&policy).expect("encodes");
        for (i, req) in case.requests.iter().enumerate() {
            let lsm = req.to_lsm();
            let want = match req.expect.as_str() {
                "block" => Some(Verdict::Block),
                "audit" => Some(Verdict::Audit),
                "allow" => None,
                other => panic!("{name}: bad expect {other}"),
            };
            let got = policy.decide(&lsm).map(|(_, v)| v);
            assert_eq!(got, want, "{name}: request {i}: policy");
            let sim = encoded.simulate(&lsm).map(|(rule, v)| {
                assert_eq!(rule, 0);
                if v == falcod_enforce::layout::VERDICT_BLOCK {
                    Verdict::Block
                } else {
                    Verdict::Audit
                }
            });
            assert_eq!(sim, want, "{name}: request {i}: encoded maps");
            for syscall in lsm.hook.syscalls() {
                if !rule.evttype_names.iter().any(|n| n == syscall) {
                    continue;
                }
                let matched = common::engine_matches(&rule, &lsm, syscall);
                assert_eq!(
                    matched,
                    want.is_some(),
                    "{name}: request {i}: rules engine as {syscall}"
                );
            }
        }
    }
    assert!(ran > 0, "no case matches ENFORCE_CASE={filter}");
}
