//! The evaluation engine: event-type buckets over one shared condition DAG.

use std::sync::Arc;

use crate::event::Event;
use crate::fields::SourceSchema;
use crate::load::info::Priority;
use crate::ruleset::{CompiledRule, Ruleset};

use super::dag::{fixed_event_names, Dag, DagBuilder, DagError, EvalState, NodeId, Specialiser};

/// Index of a rule in the [`Ruleset`] the engine was built from (`ruleset.rules[id]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(pub u32);

/// Which matches an event yields (Falco's `rule_matching`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RuleMatching {
    /// The first matching rule in rule order, then stop (Falco's default).
    #[default]
    First,
    /// Every matching rule, in rule order.
    All,
}

/// Which rules a [`Selection`] names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleSelector {
    /// Every rule whose name contains the text (`falco_engine::enable_rule`; empty: all).
    Name(String),
    /// The rule with exactly this name (`enable_rule_exact`; empty: all).
    Exact(String),
    /// Names matching a `*` pattern (`enable_rule_wildcard`, what `rules:` in falco.yaml uses).
    Wildcard(String),
    /// Every rule carrying the tag (`enable_rule_by_tag`).
    Tag(String),
}

impl RuleSelector {
    /// True if the selector names the rule.
    pub fn selects(&self, rule: &CompiledRule) -> bool {
        let name = rule.info.name.as_str();
        match self {
            RuleSelector::Name(s) => name.contains(s.as_str()),
            RuleSelector::Exact(s) => s.is_empty() || name == s,
            RuleSelector::Wildcard(p) => matches_wildcard(p, name),
            RuleSelector::Tag(t) => rule.info.tags.contains(t),
        }
    }
}

/// One step of rule selection, applied in order after the rules files' own `enabled` flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Enable the selected rules.
    Enable {
        /// Which rules.
        by: RuleSelector,
    },
    /// Disable the selected rules.
    Disable {
        /// Which rules.
        by: RuleSelector,
    },
}

/// How an [`Engine`] selects and reports rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineOptions {
    /// First match or all matches.
    pub rule_matching: RuleMatching,
    /// Rules less severe than this are left out entirely (no selection can enable them).
    pub min_priority: Priority,
    /// Enable/disable steps, in order.
    pub selections: Vec<Selection>,
}

impl Default for EngineOptions {
    fn default() -> EngineOptions {
        EngineOptions {
            rule_matching: RuleMatching::First,
            min_priority: Priority::Debug,
            selections: Vec::new(),
        }
    }
}

/// Why an [`Engine`] could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("rule '{rule}': {kind}")]
pub struct EngineError {
    rule: String,
    kind: EngineErrorKind,
}

impl EngineError {
    /// The rule whose condition failed to compile.
    pub fn rule(&self) -> &str {
        &self.rule
    }

    /// What went wrong.
    pub fn kind(&self) -> &EngineErrorKind {
        &self.kind
    }
}

/// The kinds of [`EngineError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EngineErrorKind {
    /// A field did not resolve against the schema.
    #[error("field: {0}")]
    Field(String),
    /// A comparison or transformer could not be compiled.
    #[error("comparison: {0}")]
    Compare(String),
    /// The condition nests deeper than the engine evaluates.
    #[error("condition nests deeper than {} levels", super::dag::MAX_DAG_DEPTH)]
    TooDeep,
    /// A macro reference survived expansion.
    #[error("unexpanded identifier '{0}'")]
    Unexpanded(String),
}

/// The compiled rules of one event source, ready to match events.
///
/// Built once from a [`Ruleset`] and a [`SourceSchema`]; immutable and `Send + Sync`, so one
/// engine serves every thread. Per-thread state lives in a [`Scratch`] from
/// [`Engine::scratch`], passed to every [`Engine::process`] call.
///
/// Rule selection follows Falco's loader: rules of other sources and rules below
/// `min_priority` are left out; the others start enabled or disabled as their file says, then
/// each [`Selection`] enables or disables the rules it names, in order. An event runs the
/// enabled rules indexed under its type code (each rule's `evttypes`) in rule order. Falco
/// appends a rule re-enabled by a selection to the end of its buckets; this engine keeps rule
/// order in every case.
///
/// # Event-type specialisation
///
/// Each bucket holds its rules in the form they take for that event type: every check on the
/// bare `evt.type` field is answered at build time (when the code's name is certain, see
/// `dag::fixed_event_names`), so an event never re-tests its own type, and rules that fold to
/// `false` leave the bucket. Only nodes reaching an `evt.type` check are rebuilt, hash-consed
/// like the rest. Measured (release, upstream `falco_rules.yaml`, a synthetic 64-event mixed
/// stream, `First`): 25 rules, 368 -> 393 nodes, memory 273 -> 258 KB (dead nodes dropped),
/// 578 -> 354 ns/event mixed and 1,125 -> 698 ns/event on execve; on 2,000 synthetic rules
/// 6,990 -> 8,990 nodes, 1.67 -> 1.77 MB, 9.2 -> 6.2 us/event. [`Engine::describe_dag`] shows a
/// rule's generic form, [`Engine::describe_dag_for`] the form one event type runs.
///
/// # Cost model
///
/// * **Build**: one pass over every rule's condition; hash-consing makes it linear in the
///   total size of the expanded conditions, plus compiling each distinct comparison once (regex
///   and glob DFAs dominate). Measured: the synthetic ruleset of `tests/eval_common`
///   (`synthetic_rules(400)`: 400 rules over 8 macros, 1,582 live nodes, 16 slots) builds in
///   about 5 ms (release, one core), after a 30 ms rules-file compile.
/// * **Per event**: one bounds-checked bucket lookup, then for each rule in the bucket a DAG walk
///   that short-circuits cheapest-first; each field is extracted at most once per event and each
///   shared node evaluated at most once (an epoch-tagged memo, so starting an event costs one
///   increment, not a clear). No allocation once the scratch's buffers reach their working size
///   (`tests/eval_alloc.rs`). Measured on the same ruleset over its 64-event mixed stream
///   (four event types; the execve bucket holds 200 rules): 2.1 us/event with
///   [`RuleMatching::All`], 2.5 us/event with `First`, i.e. about 10 ns per rule in the
///   bucket; the [reference interpreter](super::reference::Reference), which builds every regex
///   per comparison, takes about 8.5 ms/event on the same stream (some 3,500 times slower).
///   On upstream `falco_rules.yaml` (25 rules; `benches/examples/eval_count` and `eval_cpu`,
///   best of runs on a shared machine): the synthetic mixed stream 821 instructions and
///   90 ns per event, execve only (the heaviest bucket) 5,771 instructions and 570 ns; all
///   three upstream files 2,663 / 259 ns and 16,066 / 2.0 us.
/// * **Memory**: [`Engine::memory_usage`] reports the DAG (nodes, compiled comparisons, labels)
///   and the buckets (8 bytes per rule per event type it is indexed under): 388 KB for the
///   ruleset above. A [`Scratch`] holds 12 bytes per slot and 4 per node (6.5 KB there) plus
///   the value buffer, preallocated to 4 KB of string bytes.
///
/// Failure modes: building fails with an [`EngineError`] only on conditions the compiler would
/// not produce (unresolvable fields, unexpanded macros, nesting beyond
/// [`MAX_DAG_DEPTH`](super::dag::MAX_DAG_DEPTH)); processing never fails.
#[derive(Debug)]
pub struct Engine {
    ruleset: Arc<Ruleset>,
    options: EngineOptions,
    dag: Dag,
    /// Root node per rule of the ruleset; `None` for rules not in this engine.
    roots: Vec<Option<NodeId>>,
    enabled: Vec<bool>,
    /// Per event code: the enabled rules indexed under it, in rule order.
    buckets: Vec<Box<[(RuleId, NodeId)]>>,
}

/// Per-thread evaluation state for one [`Engine`]: the extracted values and the per-event slot
/// and memo tables, all allocated by [`Engine::scratch`].
#[derive(Debug, Clone)]
pub struct Scratch {
    state: EvalState,
}

impl Scratch {
    /// Heap bytes held by the tables (the value buffer not counted).
    pub fn memory_usage(&self) -> usize {
        self.state.memory_usage()
    }
}

impl Engine {
    /// Compiles the rules of `schema`'s source into one DAG and indexes them by event type.
    pub fn new(
        ruleset: Arc<Ruleset>,
        schema: &SourceSchema,
        options: EngineOptions,
    ) -> Result<Engine, EngineError> {
        let mut builder = DagBuilder::new(schema);
        let mut roots = vec![None; ruleset.rules.len()];
        let mut enabled = vec![false; ruleset.rules.len()];
        for (i, rule) in ruleset.rules.iter().enumerate() {
            if rule.info.source != schema.name || rule.info.priority > options.min_priority {
                continue;
            }
            let root = builder.add_root(&rule.condition).map_err(|e| EngineError {
                rule: rule.info.name.clone(),
                kind: match e {
                    DagError::Field(m) => EngineErrorKind::Field(m),
                    DagError::Cmp(m) => EngineErrorKind::Compare(m),
                    DagError::TooDeep => EngineErrorKind::TooDeep,
                    DagError::Unexpanded(m) => EngineErrorKind::Unexpanded(m),
                },
            })?;
            roots[i] = Some(root);
            enabled[i] = rule.info.enabled;
        }
        for sel in &options.selections {
            let (by, on) = match sel {
                Selection::Enable { by } => (by, true),
                Selection::Disable { by } => (by, false),
            };
            for (i, rule) in ruleset.rules.iter().enumerate() {
                if roots[i].is_some() && by.selects(rule) {
                    enabled[i] = on;
                }
            }
        }
        // Rules disabled now stay disabled (the engine is immutable): leave them out.
        for (root, on) in roots.iter_mut().zip(&enabled) {
            if !on {
                *root = None;
            }
        }
        let mut lists: Vec<Vec<(RuleId, NodeId)>> = vec![Vec::new(); schema.event_types.count];
        for (i, rule) in ruleset.rules.iter().enumerate() {
            let Some(root) = roots[i] else {
                continue;
            };
            for code in rule.evttypes.iter() {
                let code = code as usize;
                if lists.len() <= code {
                    lists.resize(code + 1, Vec::new());
                }
                lists[code].push((RuleId(i as u32), root));
            }
        }
        // Each bucket runs its rules with `evt.type` already answered; rules that fold to
        // `false` leave the bucket.
        let names = fixed_event_names(&schema.event_types);
        let mut sp = Specialiser::default();
        for (code, list) in lists.iter_mut().enumerate() {
            let Some(Some(name)) = names.get(code) else {
                continue;
            };
            sp.begin(name);
            for entry in list.iter_mut() {
                entry.1 = builder.specialise(entry.1, &mut sp);
            }
            list.retain(|(_, root)| !builder.is_false(*root));
        }
        let kept: Vec<NodeId> = roots
            .iter()
            .flatten()
            .chain(lists.iter().flatten().map(|(_, root)| root))
            .copied()
            .collect();
        let (mut dag, renumbered) = builder.finish(&kept);
        let new_id = |n: NodeId| renumbered[n.0 as usize].unwrap_or(n);
        let roots: Vec<Option<NodeId>> = roots.into_iter().map(|r| r.map(new_id)).collect();
        let buckets: Vec<Box<[(RuleId, NodeId)]>> = lists
            .into_iter()
            .map(|l| l.into_iter().map(|(r, n)| (r, new_id(n))).collect())
            .collect();
        let groups: Vec<Vec<NodeId>> = buckets
            .iter()
            .map(|b| b.iter().map(|(_, n)| *n).collect())
            .collect();
        dag.count_uses(groups.iter().map(Vec::as_slice));
        Ok(Engine {
            ruleset,
            options,
            dag,
            roots,
            enabled,
            buckets,
        })
    }

    /// Fresh per-thread state, sized for this engine.
    pub fn scratch(&self) -> Scratch {
        Scratch {
            state: EvalState::new(&self.dag),
        }
    }

    /// Matches one event: calls `sink` with each matching rule in rule order (only the first
    /// with [`RuleMatching::First`]) and returns how many matched.
    ///
    /// A scratch made by another engine is replaced by a fitting one (allocating once).
    pub fn process<E: Event + ?Sized>(
        &self,
        event: &E,
        scratch: &mut Scratch,
        sink: &mut impl FnMut(RuleId),
    ) -> usize {
        let Some(bucket) = self.buckets.get(event.event_type() as usize) else {
            return 0;
        };
        if bucket.is_empty() {
            return 0;
        }
        if !scratch.state.fits(&self.dag) {
            *scratch = self.scratch();
        }
        let st = &mut scratch.state;
        st.begin_event();
        let mut matched = 0;
        for &(rule, root) in bucket.iter() {
            if self.dag.eval(root, event, st) {
                sink(rule);
                matched += 1;
                if self.options.rule_matching == RuleMatching::First {
                    break;
                }
            }
        }
        matched
    }

    /// The rule with this id.
    ///
    /// # Panics
    /// If `id` is not an id of this engine's ruleset (ids come from [`Engine::process`]).
    pub fn rule(&self, id: RuleId) -> &CompiledRule {
        &self.ruleset.rules[id.0 as usize]
    }

    /// The ruleset the engine was built from.
    pub fn ruleset(&self) -> &Arc<Ruleset> {
        &self.ruleset
    }

    /// The options the engine was built with.
    pub fn options(&self) -> &EngineOptions {
        &self.options
    }

    /// True if the rule takes part in matching (right source, priority and selection).
    pub fn is_enabled(&self, id: RuleId) -> bool {
        self.enabled.get(id.0 as usize).copied().unwrap_or(false)
            && self.roots.get(id.0 as usize).is_some_and(Option::is_some)
    }

    /// Ids of the enabled rules, in rule order.
    pub fn enabled_rules(&self) -> impl Iterator<Item = RuleId> + '_ {
        (0..self.roots.len() as u32)
            .map(RuleId)
            .filter(|id| self.is_enabled(*id))
    }

    /// The enabled rules indexed under an event code, in evaluation order.
    pub fn bucket(&self, code: u16) -> impl Iterator<Item = RuleId> + '_ {
        self.buckets
            .get(code as usize)
            .into_iter()
            .flat_map(|b| b.iter().map(|(r, _)| *r))
    }

    /// Graph statistics.
    pub fn stats(&self) -> EngineStats {
        EngineStats {
            rules: self.enabled_rules().count(),
            nodes: self.dag.node_count(),
            shared_nodes: self.dag.shared_node_count(),
            slots: self.dag.slot_count(),
        }
    }

    /// Heap bytes held by the DAG and the buckets.
    pub fn memory_usage(&self) -> usize {
        self.dag.memory_usage()
            + self.roots.capacity() * std::mem::size_of::<Option<NodeId>>()
            + self.enabled.capacity()
            + self.buckets.capacity() * std::mem::size_of::<Box<[(RuleId, NodeId)]>>()
            + self
                .buckets
                .iter()
                .map(|b| std::mem::size_of_val::<[(RuleId, NodeId)]>(b))
                .sum::<usize>()
    }

    /// A readable listing of a rule's part of the DAG as compiled for every event type: node
    /// ids, kinds, estimated costs, how many parents share each node within one event-type
    /// bucket, check texts and the slot each check reads. A node reached twice is listed once
    /// and then referred to as `(above)`. What actually runs for an event type is
    /// [`Engine::describe_dag_for`].
    pub fn describe_dag(&self, id: RuleId) -> String {
        let Some(rule) = self.ruleset.rules.get(id.0 as usize) else {
            return format!("no rule with id {}\n", id.0);
        };
        let name = &rule.info.name;
        match self.roots.get(id.0 as usize).copied().flatten() {
            Some(root) => {
                let mut out = format!("rule '{name}' (id {}, enabled): root n{}\n", id.0, root.0);
                self.dag.describe(root, &mut out);
                out
            }
            None => self.not_compiled(id, name),
        }
    }

    /// The rule's DAG as it runs for events of type `code`: its `evt.type` checks answered
    /// (see [`Engine`]'s cost model), or why it does not run for that type.
    pub fn describe_dag_for(&self, id: RuleId, code: u16) -> String {
        let Some(rule) = self.ruleset.rules.get(id.0 as usize) else {
            return format!("no rule with id {}\n", id.0);
        };
        let name = &rule.info.name;
        if !self.is_enabled(id) {
            return self.not_compiled(id, name);
        }
        let found = self
            .buckets
            .get(code as usize)
            .and_then(|b| b.iter().find(|(r, _)| *r == id));
        match found {
            Some(&(_, root)) => {
                let mut out = format!(
                    "rule '{name}' (id {}) for event type {code}: root n{}\n",
                    id.0, root.0
                );
                self.dag.describe(root, &mut out);
                out
            }
            None if rule.evttypes.contains(code) => format!(
                "rule '{name}' (id {}) for event type {code}: folds to false, not run\n",
                id.0
            ),
            None => format!(
                "rule '{name}' (id {}) for event type {code}: not indexed under this type\n",
                id.0
            ),
        }
    }

    fn not_compiled(&self, id: RuleId, name: &str) -> String {
        let why = if self.enabled.get(id.0 as usize).copied().unwrap_or(false) {
            "not in this engine"
        } else {
            "disabled, not compiled"
        };
        format!("rule '{name}' (id {}): {why}\n", id.0)
    }
}

/// Counts describing an [`Engine`]'s DAG.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EngineStats {
    /// Enabled rules.
    pub rules: usize,
    /// Nodes reachable from the rules.
    pub nodes: usize,
    /// Nodes used by more than one parent or rule.
    pub shared_nodes: usize,
    /// Distinct field requests and transformer applications.
    pub slots: usize,
}

/// Falco's rule-name wildcard match (`falco::utils::matches_wildcard`): `*` matches any run of
/// characters, taking the first occurrence of the literal after each `*` (no backtracking).
pub fn matches_wildcard(pattern: &str, name: &str) -> bool {
    let Some(star) = pattern.find('*') else {
        return pattern == name;
    };
    if star == 0 {
        let rest = pattern.trim_start_matches('*');
        if rest.is_empty() {
            return true;
        }
        let literal = rest.split('*').next().unwrap_or("");
        match name.find(literal) {
            Some(at) => matches_wildcard(&rest[literal.len()..], &name[at + literal.len()..]),
            None => false,
        }
    } else {
        let (head, tail) = pattern.split_at(star);
        match name.get(..star) {
            Some(h) if h == head => matches_wildcard(tail, &name[star..]),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_like_falco() {
        let cases: &[(&str, &str, bool)] = &[
            ("*", "anything", true),
            ("Write below*", "Write below etc", true),
            ("*below*", "Write below etc", true),
            ("*etc", "Write below etc", true),
            ("Write", "Write below etc", false),
            // First occurrence, no backtracking: "*a" takes the first "a" and needs the rest
            // to be empty.
            ("*a", "aXa", false),
            ("a*c", "abc", true),
            ("abc*", "ab", false),
        ];
        for &(p, n, want) in cases {
            assert_eq!(matches_wildcard(p, n), want, "{p} {n}");
        }
    }

    #[test]
    fn epoch_wraparound_forgets_old_results() {
        let schema = SourceSchema::new(
            "s",
            crate::fields::FieldRegistry::new(),
            crate::fields::EventTypeTable::single("e"),
        );
        let (dag, _) = DagBuilder::new(&schema).finish(&[]);
        let mut st = EvalState::new(&dag);
        st.set_epoch((1 << 31) - 1);
        st.begin_event();
        st.begin_event();
        assert!(st.fits(&dag));
    }
}
