//! Which rules are enforced, and how: falco.yaml's `enforcement:` section and the rules' own
//! `enforce:` key.

use serde::Deserialize;

use falcod_rules::eval::engine::matches_wildcard;
use falcod_rules::ruleset::{CompiledRule, Ruleset};

use crate::compile::{compile_rule, NotEnforceable, Problem, RulePolicy, Verdict};
use crate::policy::{Policy, PolicyError};

/// The `enforcement:` section of the configuration.
///
/// ```yaml
/// enforcement:
///   mode: enforce          # off (default) | audit | enforce
///   rules:
///     - rule: Read sensitive file untrusted
///     - rule: "Write below *"   # `*` wildcards, as falco.yaml's `rules:` selection
///     - tag: T1543
///   persist: false         # pin programs and maps so enforcement survives a daemon restart
///   optional: false        # true: run without enforcement when it cannot be set up
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnforcementConfig {
    /// Off, audit (report would-blocks) or enforce (block).
    #[serde(default)]
    pub mode: Mode,
    /// The rules to enforce (besides rules carrying an `enforce:` key).
    #[serde(default)]
    pub rules: Vec<Selector>,
    /// Keep enforcing across daemon crashes and restarts (pinned programs and maps). Default:
    /// fail open, enforcement ends with the daemon.
    #[serde(default)]
    pub persist: bool,
    /// Start without enforcement, with a warning, when it cannot be set up (instead of failing).
    #[serde(default)]
    pub optional: bool,
}

/// The enforcement mode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// No enforcement (the default).
    #[default]
    Off,
    /// Every selected rule reports what it would block and blocks nothing.
    Audit,
    /// Selected rules block (a rule's own `enforce: audit` keeps it in audit).
    Enforce,
}

impl Mode {
    /// `off`, `audit` or `enforce`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Off => "off",
            Mode::Audit => "audit",
            Mode::Enforce => "enforce",
        }
    }
}

/// One entry of `enforcement.rules`: a map with exactly one of `rule` and `tag`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "SelectorEntry")]
pub enum Selector {
    /// `{rule: NAME}`: a rule name, `*` matching any run of characters.
    Rule(String),
    /// `{tag: TAG}`: every rule with the tag.
    Tag(String),
}

/// The YAML shape of a [`Selector`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SelectorEntry {
    rule: Option<String>,
    tag: Option<String>,
}

impl TryFrom<SelectorEntry> for Selector {
    type Error = String;

    fn try_from(e: SelectorEntry) -> Result<Selector, String> {
        match (e.rule, e.tag) {
            (Some(r), None) => Ok(Selector::Rule(r)),
            (None, Some(t)) => Ok(Selector::Tag(t)),
            _ => Err("an enforcement.rules entry needs exactly one of `rule` and `tag`".into()),
        }
    }
}

impl Selector {
    /// Does the selector name the rule?
    pub fn selects(&self, rule: &CompiledRule) -> bool {
        match self {
            Selector::Rule(pattern) => matches_wildcard(pattern, &rule.info.name),
            Selector::Tag(tag) => rule.info.tags.contains(tag),
        }
    }
}

/// The enforcement verdict of one selected rule: its compiled policy or why it has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleReport {
    /// The rule.
    pub rule: String,
    /// The verdict it would enforce.
    pub verdict: Verdict,
    /// Its policy, or the reasons it cannot be enforced.
    pub outcome: Result<RulePolicy, NotEnforceable>,
}

/// Every selected rule, in rule order, compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The mode the configuration asks for.
    pub mode: Mode,
    /// One entry per selected rule.
    pub rules: Vec<RuleReport>,
}

impl Report {
    /// Selects the rules `config` names (and rules with an `enforce:` key) and compiles each.
    ///
    /// Selection ignores `enabled:`: naming a rule for enforcement enforces it. With mode `off`
    /// nothing is selected.
    pub fn new(ruleset: &Ruleset, config: &EnforcementConfig) -> Report {
        let mut rules = Vec::new();
        if config.mode != Mode::Off {
            for rule in &ruleset.rules {
                let named = config.rules.iter().any(|s| s.selects(rule));
                if !named && rule.info.enforce.is_none() {
                    continue;
                }
                let (verdict, outcome) = match verdict_of(rule, config.mode) {
                    Ok(v) => (v, compile_rule(rule, v)),
                    Err(p) => (
                        Verdict::Audit,
                        Err(NotEnforceable {
                            rule: rule.info.name.clone(),
                            problems: vec![p],
                        }),
                    ),
                };
                rules.push(RuleReport {
                    rule: rule.info.name.clone(),
                    verdict,
                    outcome,
                });
            }
        }
        Report {
            mode: config.mode,
            rules,
        }
    }

    /// True if every selected rule is enforceable.
    pub fn all_enforceable(&self) -> bool {
        self.rules.iter().all(|r| r.outcome.is_ok())
    }

    /// The policy of the enforceable rules (the others are left out: check
    /// [`all_enforceable`](Report::all_enforceable) first unless enforcement is optional).
    pub fn policy(&self) -> Result<Policy, PolicyError> {
        Policy::build(
            self.rules
                .iter()
                .filter_map(|r| r.outcome.as_ref().ok().cloned())
                .collect(),
        )
    }
}

/// A rule's verdict: audit in audit mode; in enforce mode its `enforce:` key, block without
/// one.
fn verdict_of(rule: &CompiledRule, mode: Mode) -> Result<Verdict, Problem> {
    let own = match rule.info.enforce.as_deref() {
        None => None,
        Some("audit") => Some(Verdict::Audit),
        Some("block") => Some(Verdict::Block),
        Some(other) => {
            return Err(Problem {
                expr: format!("enforce: {other}"),
                offset: None,
                reason: "the rule's enforce key must be audit or block".to_string(),
            })
        }
    };
    Ok(match mode {
        Mode::Audit => Verdict::Audit,
        _ => own.unwrap_or(Verdict::Block),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use falcod_rules::ruleset::{EngineConfig, RulesetBuilder};
    use std::sync::Arc;

    fn ruleset() -> Arc<Ruleset> {
        let schema = Arc::new(falcod_probe::syscall_schema().clone());
        let mut b = RulesetBuilder::new(EngineConfig::new(vec![schema]));
        let text = "\
- rule: plain
  desc: d
  condition: evt.type = ptrace
  output: o
  priority: INFO
  tags: [t1]
- rule: own audit
  desc: d
  condition: evt.type = ptrace
  output: o
  priority: INFO
  enforce: audit
- rule: own block
  desc: d
  condition: evt.type = ptrace
  output: o
  priority: INFO
  enabled: false
  enforce: block
- rule: unselected
  desc: d
  condition: evt.type = ptrace
  output: o
  priority: INFO
";
        assert!(b.load("t.yaml", text.as_bytes()).successful());
        b.ruleset().expect("loaded")
    }

    fn verdicts(mode: Mode, rules: Vec<Selector>) -> Vec<(String, Verdict)> {
        let cfg = EnforcementConfig {
            mode,
            rules,
            ..EnforcementConfig::default()
        };
        Report::new(&ruleset(), &cfg)
            .rules
            .into_iter()
            .map(|r| (r.rule, r.verdict))
            .collect()
    }

    #[test]
    fn selection_and_verdicts() {
        let v = |n: &str, v| (n.to_string(), v);
        // Selectors plus every rule with an `enforce:` key (disabled or not).
        assert_eq!(
            verdicts(Mode::Enforce, vec![Selector::Tag("t1".into())]),
            [
                v("plain", Verdict::Block),
                v("own audit", Verdict::Audit),
                v("own block", Verdict::Block)
            ]
        );
        // Audit mode audits everything.
        assert_eq!(
            verdicts(Mode::Audit, vec![Selector::Rule("un*".into())]),
            [
                v("own audit", Verdict::Audit),
                v("own block", Verdict::Audit),
                v("unselected", Verdict::Audit)
            ]
        );
        assert_eq!(verdicts(Mode::Off, vec![Selector::Rule("*".into())]), []);
    }

    #[test]
    fn config_reads_the_documented_shape() {
        let text =
            "mode: enforce\nrules:\n  - rule: \"Write below *\"\n  - tag: T1543\npersist: true\n";
        let cfg: EnforcementConfig = serde_yaml::from_str(text).expect("parses");
        assert_eq!(
            cfg,
            EnforcementConfig {
                mode: Mode::Enforce,
                rules: vec![
                    Selector::Rule("Write below *".into()),
                    Selector::Tag("T1543".into())
                ],
                persist: true,
                optional: false,
            }
        );
        assert_eq!(
            serde_yaml::from_str::<EnforcementConfig>("{}").expect("empty"),
            EnforcementConfig::default()
        );
        let err = serde_yaml::from_str::<EnforcementConfig>("mode: kill\n").expect_err("bad");
        assert!(err.to_string().contains("unknown variant `kill`"), "{err}");
        let err = serde_yaml::from_str::<EnforcementConfig>("rules: [{name: x}]\n")
            .expect_err("bad selector");
        assert!(err.to_string().contains("unknown field `name`"), "{err}");
        let err = serde_yaml::from_str::<EnforcementConfig>("rules: [{rule: x, tag: y}]\n")
            .expect_err("two keys");
        assert!(err.to_string().contains("exactly one of"), "{err}");
    }
}
