//! The compiled condition DAG: every distinct sub-condition of every rule is one node.
//!
//! [`DagBuilder`] compiles rule conditions (already expanded and type-checked) into one graph
//! shared by all rules of an engine. Nodes are hash-consed on a structural key, so a macro such
//! as `spawned_process` expanded into twenty rules becomes a single node, evaluated at most once
//! per event (its result is memoised for the event when more than one parent uses it). Fields
//! are *slots*: each distinct [`FieldRequest`] (and each distinct transformer application) is
//! extracted at most once per event, and its values stay in the scratch buffer for every check
//! that reads them.
//!
//! Rewrites applied while building (all exact under Falco's two-valued logic, where every check
//! is simply true or false and `and`/`or` have no side effects or short-circuit-visible effects):
//! nested `and`/`or` of the same kind are flattened, duplicate children dropped, constants
//! folded (`x in ()` is false whether or not `x` has a value), `not not x` is `x`, and children
//! are reordered by estimated cost. Two more cut the checks an event runs:
//!
//! * literal checks of one single-valued string field with one operator family are merged
//!   (`x = a or x in (b, c)` is `x in (a, b, c)`; `x startswith a or x startswith b` is
//!   `x startswith anyof (a, b)`, one automaton pass; in an `and`, the same for negated checks,
//!   by De Morgan), which is what exception lists written as many `and not ...` lines become;
//! * a node shared by several children of a junction is factored out (`(a and x) or (a and y)`
//!   is `a and (x or y)`, and the dual), so it is tested once.
//!
//! Upstream `falco_rules.yaml`, execve bucket: 245 -> 176 listed lines in its 11 rules' DAGs. The engine then specialises each event-type bucket's roots
//! (`evt.type` checks answered, see the `specialise` submodule), and `DagBuilder::finish`
//! keeps only the nodes and slots some root reaches.
//!
//! # Cost estimate
//!
//! Children of `and`/`or` run cheapest first, so short-circuiting skips the expensive checks
//! most of the time. The estimate is a small integer, not a measurement:
//!
//! * slot: `evt.type` 1 (the source hands it over without lookup), any other field 3,
//!   a list field 5, a transformer 6 plus its inputs;
//! * operator: `=`/`!=`/ordering 1, `in`/`intersects`/`startswith`/`endswith` 2,
//!   `contains`/`icontains`/`bcontains`/`bstartswith` 4, `glob`/`iglob`/`pmatch` 6, `regex` 10;
//!   a modifier adds one per right-hand element (each is tested on its own);
//! * check = slot + operator; `not` = its child; `and`/`or` = 1 + the sum of its children (an
//!   upper bound: short-circuiting usually does better; this is the cost `describe` shows).
//!
//! Cost alone would run `not proc.name in (...)` (an exception list, nearly always true)
//! before `fd.name in (...)` (the rule's actual subject, nearly always false). So each node
//! also gets a chance of being true: a check for particular values (`=`, `in`, `contains`,
//! `glob`, ...) 0.1, `!=` 0.75, orderings and booleans 0.5, `exists` 0.9; `not` flips it, `and`
//! multiplies, `or` combines as independent events. Children of `and` are then ordered by
//! expected cost divided by the chance of being false (the child most likely to end the `and`
//! per unit of work first; the optimal order for independent tests), children of `or` by
//! expected cost divided by the chance of being true. Expected cost counts a child only when
//! the children before it left the answer open. These are static guesses from the condition's
//! shape, never tuned to a stream.
//!
//! Ties keep the lower node id (first compiled), so the order is deterministic.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use crate::ast::{CmpOp, Expr, ExprKind, Modifier, Operand, Rhs};
use crate::event::{Event, FieldArg, FieldRequest, Values};
use crate::fields::{FieldFlags, FieldType, SourceSchema};

use super::check::{Cmp, TransformChain};
use super::ops::Class;

mod specialise;
pub(crate) use specialise::{fixed_event_names, Specialiser};

/// Deepest condition (after flattening) the DAG accepts; evaluation recurses this deep at most.
pub const MAX_DAG_DEPTH: usize = 1_200;

/// Index of a node in its [`Dag`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

/// Index of a slot (one extracted field or transformer result) in its [`Dag`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SlotId(pub u32);

#[derive(Debug)]
enum SlotKind {
    Field(FieldRequest),
    Transform {
        chain: TransformChain,
        inputs: Box<[SlotId]>,
    },
}

#[derive(Debug)]
struct Slot {
    kind: SlotKind,
    /// The bare `evt.type` field: its value is known inside an event-type bucket.
    evttype: bool,
    label: String,
    ty: FieldType,
    list: bool,
    cost: u32,
}

#[derive(Debug)]
enum NodeKind {
    Const(bool),
    And(Box<[NodeId]>),
    Or(Box<[NodeId]>),
    Not(NodeId),
    Exists(SlotId),
    Check {
        lhs: SlotId,
        rhs: Option<SlotId>,
        /// Index into [`Dag::cmps`].
        cmp: u32,
    },
}

#[derive(Debug)]
struct Node {
    kind: NodeKind,
    /// Canonical text of a check or `exists`; empty for the other kinds.
    label: String,
    cost: u32,
    /// Estimated chance that the node is true for an event of its bucket (see the module
    /// docs), and the expected cost of evaluating it when `and`/`or` short-circuit: together
    /// they order siblings.
    p_true: f32,
    expected: f32,
    /// How many parents and rule roots reference the node.
    uses: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum NodeKey {
    Const(bool),
    And(Vec<NodeId>),
    Or(Vec<NodeId>),
    Not(NodeId),
    Exists(SlotId),
    Check {
        lhs: SlotId,
        op: CmpOp,
        modifier: Option<Modifier>,
        rhs_texts: Vec<String>,
        rhs_list: bool,
        rhs_slot: Option<SlotId>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum SlotKey {
    Field(FieldRequest),
    Transform(String),
}

/// Why a condition could not be compiled into the DAG.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DagError {
    Field(String),
    Cmp(String),
    TooDeep,
    Unexpanded(String),
}

/// The compiled graph: nodes and slots, immutable once built.
///
/// Evaluation reads only the compact [`Hot`] table (12 bytes a node, children in one shared
/// array, comparisons in their own), so the nodes an event visits share few cache lines; the
/// full [`Node`] records (labels, estimates) serve building and `describe`.
#[derive(Debug, Default)]
pub struct Dag {
    nodes: Vec<Node>,
    slots: Vec<Slot>,
    cmps: Vec<Cmp>,
    hot: Vec<Hot>,
    kids: Vec<NodeId>,
}

/// A node as evaluation sees it (built by [`Dag::count_uses`]).
#[derive(Debug, Clone, Copy)]
struct Hot {
    kind: HotKind,
    /// More than one parent or root reaches the node within a bucket: memoise its result.
    memo: bool,
}

#[derive(Debug, Clone, Copy)]
enum HotKind {
    Const(bool),
    /// Children `Dag::kids[start..end]`.
    And(u32, u32),
    Or(u32, u32),
    Not(NodeId),
    Exists(SlotId),
    /// A check against literals: left slot, comparison index.
    Check(SlotId, u32),
    /// A field-to-field check: the node's own record holds the slots.
    CheckField(NodeId),
}

/// Builds a [`Dag`] one condition at a time, hash-consing as it goes.
#[derive(Debug)]
pub(crate) struct DagBuilder<'s> {
    schema: &'s SourceSchema,
    dag: Dag,
    nodes: HashMap<NodeKey, NodeId>,
    slots: HashMap<SlotKey, SlotId>,
    /// Checks that an `or` can merge with their siblings (see [`Mergeable`]).
    mergeable: HashMap<NodeId, Mergeable>,
}

/// A literal check on a single-valued string field whose operator distributes over `or`:
/// `x op a or x op b` is `x op anyof (a, b)` (for `=`/`in`: `x in (a, b)`), true exactly when
/// some value of `x` matches some literal, false when `x` has no value, as each part is.
#[derive(Debug, Clone)]
struct Mergeable {
    lhs: SlotId,
    group: MergeOp,
    texts: Vec<String>,
}

/// The operator family of a [`Mergeable`] check and the form its merged check takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MergeOp {
    In,
    Contains,
    IContains,
    StartsWith,
    EndsWith,
    PMatch,
}

impl MergeOp {
    fn of(op: CmpOp, modifier: Option<Modifier>) -> Option<MergeOp> {
        use CmpOp::*;
        if !matches!(modifier, None | Some(Modifier::AnyOf)) {
            return None;
        }
        Some(match (op, modifier) {
            (Eq | In, None) | (Eq, Some(_)) => MergeOp::In,
            (Contains, _) => MergeOp::Contains,
            (IContains, _) => MergeOp::IContains,
            (StartsWith, _) => MergeOp::StartsWith,
            (EndsWith, _) => MergeOp::EndsWith,
            (PMatch, None) => MergeOp::PMatch,
            _ => return None,
        })
    }

    /// Operator and modifier of the merged check.
    fn merged(self) -> (CmpOp, Option<Modifier>) {
        let any = Some(Modifier::AnyOf);
        match self {
            MergeOp::In => (CmpOp::In, None),
            MergeOp::PMatch => (CmpOp::PMatch, None),
            MergeOp::Contains => (CmpOp::Contains, any),
            MergeOp::IContains => (CmpOp::IContains, any),
            MergeOp::StartsWith => (CmpOp::StartsWith, any),
            MergeOp::EndsWith => (CmpOp::EndsWith, any),
        }
    }
}

impl<'s> DagBuilder<'s> {
    pub(crate) fn new(schema: &'s SourceSchema) -> DagBuilder<'s> {
        DagBuilder {
            schema,
            dag: Dag::default(),
            nodes: HashMap::new(),
            slots: HashMap::new(),
            mergeable: HashMap::new(),
        }
    }

    /// Compiles a rule's condition, returning its root (counted as one use).
    pub(crate) fn add_root(&mut self, expr: &Expr) -> Result<NodeId, DagError> {
        let root = self.compile(expr, 0)?;
        if self.dag.depth(root, 0) > MAX_DAG_DEPTH {
            return Err(DagError::TooDeep);
        }
        Ok(root)
    }

    /// The finished graph, holding only the nodes reachable from `roots` (nodes left behind
    /// by flattening, folding or specialisation are dropped, and so are slots no kept node
    /// reads), renumbered in creation order. Returns the graph and the renumbering: old id ->
    /// new id, `None` for a dropped node. Use counts are left at zero: see
    /// [`Dag::count_uses`].
    pub(crate) fn finish(self, roots: &[NodeId]) -> (Dag, Vec<Option<NodeId>>) {
        let Dag {
            nodes, slots, cmps, ..
        } = self.dag;
        let mut cmps: Vec<Option<Cmp>> = cmps.into_iter().map(Some).collect();
        let mut keep = vec![false; nodes.len()];
        let mut stack: Vec<NodeId> = roots.to_vec();
        while let Some(id) = stack.pop() {
            if std::mem::replace(&mut keep[id.0 as usize], true) {
                continue;
            }
            match &nodes[id.0 as usize].kind {
                NodeKind::And(k) | NodeKind::Or(k) => stack.extend_from_slice(k),
                NodeKind::Not(k) => stack.push(*k),
                _ => {}
            }
        }
        // Slots read by kept nodes, then (inputs are created before the transformer reading
        // them, so one backward pass suffices) the inputs of kept transformer slots.
        let mut keep_slot = vec![false; slots.len()];
        for (node, _) in nodes.iter().zip(&keep).filter(|(_, k)| **k) {
            match &node.kind {
                NodeKind::Exists(s) => keep_slot[s.0 as usize] = true,
                NodeKind::Check { lhs, rhs, .. } => {
                    keep_slot[lhs.0 as usize] = true;
                    if let Some(r) = rhs {
                        keep_slot[r.0 as usize] = true;
                    }
                }
                _ => {}
            }
        }
        for i in (0..slots.len()).rev() {
            if let (true, SlotKind::Transform { inputs, .. }) = (keep_slot[i], &slots[i].kind) {
                for s in inputs.iter() {
                    keep_slot[s.0 as usize] = true;
                }
            }
        }
        let slot_map = renumber(&keep_slot);
        let node_map: Vec<Option<NodeId>> =
            renumber(&keep).into_iter().map(|n| n.map(NodeId)).collect();
        let slot_of = |s: &SlotId| SlotId(slot_map[s.0 as usize].unwrap_or(u32::MAX));
        let node_of = |n: &NodeId| node_map[n.0 as usize].unwrap_or(NodeId(u32::MAX));
        let mut dag = Dag::default();
        for (slot, _) in slots.into_iter().zip(&keep_slot).filter(|(_, k)| **k) {
            let kind = match slot.kind {
                SlotKind::Transform { chain, inputs } => SlotKind::Transform {
                    chain,
                    inputs: inputs.iter().map(slot_of).collect(),
                },
                field => field,
            };
            dag.slots.push(Slot { kind, ..slot });
        }
        for (node, _) in nodes.into_iter().zip(&keep).filter(|(_, k)| **k) {
            let kind = match node.kind {
                NodeKind::And(k) => NodeKind::And(k.iter().map(node_of).collect()),
                NodeKind::Or(k) => NodeKind::Or(k.iter().map(node_of).collect()),
                NodeKind::Not(k) => NodeKind::Not(node_of(&k)),
                NodeKind::Exists(s) => NodeKind::Exists(slot_of(&s)),
                NodeKind::Check { lhs, rhs, cmp } => {
                    let taken = cmps[cmp as usize].take().expect("one node per comparison");
                    dag.cmps.push(taken);
                    NodeKind::Check {
                        lhs: slot_of(&lhs),
                        rhs: rhs.as_ref().map(slot_of),
                        cmp: dag.cmps.len() as u32 - 1,
                    }
                }
                c @ NodeKind::Const(_) => c,
            };
            dag.nodes.push(Node {
                kind,
                uses: 0,
                ..node
            });
        }
        dag.nodes.shrink_to_fit();
        dag.slots.shrink_to_fit();
        dag.cmps.shrink_to_fit();
        (dag, node_map)
    }

    fn compile(&mut self, expr: &Expr, depth: usize) -> Result<NodeId, DagError> {
        if depth > MAX_DAG_DEPTH * 4 {
            return Err(DagError::TooDeep);
        }
        match &expr.kind {
            ExprKind::And(children) | ExprKind::Or(children) => {
                let is_and = matches!(expr.kind, ExprKind::And(_));
                let mut ids = Vec::with_capacity(children.len());
                for c in children {
                    ids.push(self.compile(c, depth + 1)?);
                }
                Ok(self.junction(is_and, ids))
            }
            ExprKind::Not(child) => {
                let c = self.compile(child, depth + 1)?;
                Ok(self.negate(c))
            }
            ExprKind::Identifier(name) => Err(DagError::Unexpanded(name.clone())),
            ExprKind::Exists(lhs) => {
                let slot = self.slot(lhs, depth + 1)?;
                let cost = self.dag.slots[slot.0 as usize].cost;
                Ok(self.intern(
                    NodeKey::Exists(slot),
                    NodeKind::Exists(slot),
                    expr.to_string(),
                    Estimate::leaf(cost, P_EXISTS),
                ))
            }
            ExprKind::Compare {
                lhs,
                op,
                modifier,
                rhs,
            } => self.check(expr, lhs, *op, *modifier, rhs, depth),
        }
    }

    /// `not c`, folded: a constant flips, a double negation cancels.
    fn negate(&mut self, c: NodeId) -> NodeId {
        match self.dag.nodes[c.0 as usize].kind {
            NodeKind::Const(b) => self.constant(!b),
            NodeKind::Not(inner) => inner,
            _ => {
                let n = &self.dag.nodes[c.0 as usize];
                let est = Estimate {
                    cost: n.cost,
                    p_true: 1.0 - n.p_true,
                    expected: n.expected,
                };
                self.intern(NodeKey::Not(c), NodeKind::Not(c), String::new(), est)
            }
        }
    }

    fn constant(&mut self, b: bool) -> NodeId {
        self.intern(
            NodeKey::Const(b),
            NodeKind::Const(b),
            String::new(),
            Estimate::constant(b),
        )
    }

    fn check(
        &mut self,
        expr: &Expr,
        lhs: &Operand,
        op: CmpOp,
        modifier: Option<Modifier>,
        rhs: &Rhs,
        depth: usize,
    ) -> Result<NodeId, DagError> {
        let lhs_slot = self.slot(lhs, depth + 1)?;
        let (ty, list, slot_cost) = {
            let s = &self.dag.slots[lhs_slot.0 as usize];
            (s.ty, s.list, s.cost)
        };
        let (texts, rhs_list, rhs_slot): (Vec<String>, bool, Option<SlotId>) = match rhs {
            Rhs::Value(v) => (vec![v.text.clone()], false, None),
            Rhs::Identifier(name, _) => (vec![name.clone()], false, None),
            Rhs::List(vs) => (vs.iter().map(|v| v.text.clone()).collect(), true, None),
            Rhs::Operand { operand, .. } => {
                (Vec::new(), false, Some(self.slot(operand, depth + 1)?))
            }
        };
        // A set test against nothing is false with or without a value.
        if rhs_slot.is_none() && texts.is_empty() && (op.takes_list() || modifier.is_some()) {
            return Ok(self.constant(false));
        }
        let op = if op == CmpOp::EqEq { CmpOp::Eq } else { op };
        let key = NodeKey::Check {
            lhs: lhs_slot,
            op,
            modifier,
            rhs_texts: texts.clone(),
            rhs_list,
            rhs_slot,
        };
        if let Some(&id) = self.nodes.get(&key) {
            return Ok(id);
        }
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let cmp = match rhs_slot {
            None => Cmp::new(ty, list, op, modifier, &refs, rhs_list),
            Some(_) => Cmp::field(ty, list, op, modifier),
        }
        .map_err(|e| DagError::Cmp(format!("{expr}: {e}")))?;
        let rhs_cost = rhs_slot.map_or(0, |s| self.dag.slots[s.0 as usize].cost);
        let cost = slot_cost + rhs_cost + op_cost(op) + modifier.map_or(0, |_| texts.len() as u32);
        let p_true = check_p_true(op, modifier, ty);
        let cmp = self.push_cmp(cmp);
        let id = self.intern(
            key,
            NodeKind::Check {
                lhs: lhs_slot,
                rhs: rhs_slot,
                cmp,
            },
            expr.to_string(),
            Estimate::leaf(cost, p_true),
        );
        if let (None, false, Some(Class::Str), Some(group)) =
            (rhs_slot, list, Class::of(ty), MergeOp::of(op, modifier))
        {
            let m = Mergeable {
                lhs: lhs_slot,
                group,
                texts,
            };
            self.mergeable.insert(id, m);
        }
        Ok(id)
    }

    /// Merges the literal checks of an `or` that test one field with one operator family into
    /// one check (`x = a or x in (b, c)` -> `x in (a, b, c)`); in an `and`, the same for
    /// negated checks (`not x startswith a and not x startswith b` -> `not x startswith anyof
    /// (a, b)`, De Morgan). One set lookup or automaton pass replaces several.
    fn merge_literals(&mut self, is_and: bool, flat: &mut Vec<NodeId>) {
        let mut groups: Vec<((SlotId, MergeOp), Vec<NodeId>)> = Vec::new();
        for &c in flat.iter() {
            let check = match (&self.dag.nodes[c.0 as usize].kind, is_and) {
                (NodeKind::Not(k), true) => *k,
                (_, true) => continue,
                (_, false) => c,
            };
            let Some(m) = self.mergeable.get(&check) else {
                continue;
            };
            let key = (m.lhs, m.group);
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, members)) => members.push(c),
                None => groups.push((key, vec![c])),
            }
        }
        for ((lhs, group), members) in groups {
            if members.len() < 2 {
                continue;
            }
            let mut texts = Vec::new();
            let mut p_false = 1.0f32;
            for &c in &members {
                let check = match self.dag.nodes[c.0 as usize].kind {
                    NodeKind::Not(k) if is_and => k,
                    _ => c,
                };
                texts.extend(self.mergeable[&check].texts.iter().cloned());
                p_false *= 1.0 - self.dag.nodes[check.0 as usize].p_true;
            }
            texts.sort_unstable();
            texts.dedup();
            let Some(merged) = self.merged_check(lhs, group, texts, 1.0 - p_false) else {
                continue;
            };
            let merged = if is_and { self.negate(merged) } else { merged };
            flat.retain(|c| !members.contains(c));
            flat.push(merged);
        }
    }

    /// The check `lhs op anyof (texts)` of a merge group; `None` if it does not compile (the
    /// parts are then kept as they are).
    fn merged_check(
        &mut self,
        lhs: SlotId,
        group: MergeOp,
        texts: Vec<String>,
        p_true: f32,
    ) -> Option<NodeId> {
        let (op, modifier) = group.merged();
        let key = NodeKey::Check {
            lhs,
            op,
            modifier,
            rhs_texts: texts.clone(),
            rhs_list: true,
            rhs_slot: None,
        };
        if let Some(&id) = self.nodes.get(&key) {
            return Some(id);
        }
        let slot = &self.dag.slots[lhs.0 as usize];
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let cmp = Cmp::new(slot.ty, false, op, modifier, &refs, true).ok()?;
        let label = format!(
            "{} {}{} ({})",
            slot.label,
            op.as_str(),
            modifier.map_or(String::new(), |m| format!(" {}", m.as_str())),
            texts.join(", ")
        );
        let cost = slot.cost + op_cost(op) + 1;
        let cmp = self.push_cmp(cmp);
        let id = self.intern(
            key,
            NodeKind::Check {
                lhs,
                rhs: None,
                cmp,
            },
            label,
            Estimate::leaf(cost, p_true),
        );
        let m = Mergeable { lhs, group, texts };
        self.mergeable.insert(id, m);
        Some(id)
    }

    /// Takes a node shared by several children out of them (distributivity): in an `or`,
    /// `(a and x) or (a and y)` -> `a and (x or y)`; in an `and`, `(a or x) and (a or y)` ->
    /// `a or (x and y)`. The shared node is then tested once instead of once per child. The
    /// node shared by the most children goes first (ties: the lower id).
    fn factor(&mut self, is_and: bool, flat: &mut Vec<NodeId>) {
        loop {
            let inner_kids = |nodes: &[Node], c: NodeId| -> Option<Box<[NodeId]>> {
                match (&nodes[c.0 as usize].kind, is_and) {
                    (NodeKind::Or(k), true) | (NodeKind::And(k), false) => Some(k.clone()),
                    _ => None,
                }
            };
            let mut counts: HashMap<NodeId, u32> = HashMap::new();
            for &c in flat.iter() {
                if let Some(kids) = inner_kids(&self.dag.nodes, c) {
                    for k in kids.iter() {
                        *counts.entry(*k).or_default() += 1;
                    }
                }
            }
            let best = counts
                .into_iter()
                .filter(|(_, n)| *n >= 2)
                .max_by(|(a, na), (b, nb)| na.cmp(nb).then(b.cmp(a)));
            let Some((shared, _)) = best else {
                return;
            };
            let mut rests = Vec::new();
            let mut keep = Vec::with_capacity(flat.len());
            for &c in flat.iter() {
                match inner_kids(&self.dag.nodes, c) {
                    Some(kids) if kids.contains(&shared) => {
                        let rest: Vec<NodeId> =
                            kids.iter().copied().filter(|k| *k != shared).collect();
                        rests.push(self.junction(!is_and, rest));
                    }
                    _ => keep.push(c),
                }
            }
            let inner = self.junction(is_and, rests);
            keep.push(self.junction(!is_and, vec![shared, inner]));
            *flat = keep;
        }
    }

    /// An `and` (`is_and`) or `or` over compiled children: flattened, folded, deduplicated,
    /// ordered by cost.
    fn junction(&mut self, is_and: bool, children: Vec<NodeId>) -> NodeId {
        let mut flat: Vec<NodeId> = Vec::with_capacity(children.len());
        for c in children {
            match &self.dag.nodes[c.0 as usize].kind {
                NodeKind::Const(b) if *b == is_and => {}
                NodeKind::Const(_) => return self.constant(!is_and),
                NodeKind::And(grand) if is_and => flat.extend_from_slice(grand),
                NodeKind::Or(grand) if !is_and => flat.extend_from_slice(grand),
                _ => flat.push(c),
            }
        }
        flat.sort_unstable();
        flat.dedup();
        if flat.len() > 1 {
            self.merge_literals(is_and, &mut flat);
            self.factor(is_and, &mut flat);
            flat.sort_unstable();
            flat.dedup();
        }
        match flat.len() {
            0 => return self.constant(is_and),
            1 => return flat[0],
            _ => {}
        }
        let key = if is_and {
            NodeKey::And(flat.clone())
        } else {
            NodeKey::Or(flat.clone())
        };
        if let Some(&id) = self.nodes.get(&key) {
            return id;
        }
        let nodes = &self.dag.nodes;
        // The child that settles the junction (false for `and`, true for `or`) most cheaply
        // goes first: ascending expected cost per chance of settling it.
        let rank = |c: &NodeId| {
            let n = &nodes[c.0 as usize];
            let settles = if is_and { 1.0 - n.p_true } else { n.p_true };
            n.expected / settles.max(1e-3)
        };
        flat.sort_by(|a, b| rank(a).total_cmp(&rank(b)).then(a.cmp(b)));
        let cost = 1 + flat.iter().map(|c| nodes[c.0 as usize].cost).sum::<u32>();
        // Short-circuiting runs a child only while the earlier ones left the answer open.
        let (mut expected, mut open) = (1.0f32, 1.0f32);
        for c in &flat {
            let n = &nodes[c.0 as usize];
            expected += open * n.expected;
            open *= if is_and { n.p_true } else { 1.0 - n.p_true };
        }
        let p_true = if is_and { open } else { 1.0 - open };
        let kids: Box<[NodeId]> = flat.into_boxed_slice();
        let kind = if is_and {
            NodeKind::And(kids)
        } else {
            NodeKind::Or(kids)
        };
        let est = Estimate {
            cost,
            p_true,
            expected,
        };
        self.intern(key, kind, String::new(), est)
    }

    fn intern(&mut self, key: NodeKey, kind: NodeKind, label: String, est: Estimate) -> NodeId {
        if let Some(&id) = self.nodes.get(&key) {
            return id;
        }
        let id = NodeId(self.dag.nodes.len() as u32);
        self.dag.nodes.push(Node {
            kind,
            label,
            cost: est.cost,
            p_true: est.p_true,
            expected: est.expected,
            uses: 0,
        });
        self.nodes.insert(key, id);
        id
    }

    fn slot(&mut self, op: &Operand, depth: usize) -> Result<SlotId, DagError> {
        if depth > MAX_DAG_DEPTH * 4 {
            return Err(DagError::TooDeep);
        }
        match op {
            Operand::Field(f) => {
                let fields = &self.schema.fields;
                let (info, arg) = fields
                    .resolve(&f.name, f.arg.as_deref())
                    .map_err(|e| DagError::Field(e.to_string()))?;
                let id = fields
                    .id(&info.name)
                    .ok_or_else(|| DagError::Field(info.name.clone()))?;
                let req = FieldRequest {
                    id,
                    arg: FieldArg::parse(arg.as_deref()),
                };
                if let Some(&s) = self.slots.get(&SlotKey::Field(req.clone())) {
                    return Ok(s);
                }
                let list = info.flags.contains(FieldFlags::IS_LIST);
                let cost = if info.name == "evt.type" {
                    1
                } else if list {
                    5
                } else {
                    3
                };
                let slot = Slot {
                    kind: SlotKind::Field(req.clone()),
                    evttype: info.name == "evt.type" && arg.is_none(),
                    label: f.to_string(),
                    ty: info.ty,
                    list,
                    cost,
                };
                Ok(self.push_slot(SlotKey::Field(req), slot))
            }
            Operand::Transform(t) => {
                let key = SlotKey::Transform(t.to_string());
                if let Some(&s) = self.slots.get(&key) {
                    return Ok(s);
                }
                let fields = &self.schema.fields;
                let chain = TransformChain::new(t, &mut |f| {
                    let (info, _) = fields
                        .resolve(&f.name, f.arg.as_deref())
                        .map_err(|e| e.to_string())?;
                    Ok((info.ty, info.flags.contains(FieldFlags::IS_LIST)))
                })
                .map_err(DagError::Cmp)?;
                let mut inputs = Vec::with_capacity(chain.inputs().len());
                let mut cost = 6;
                for f in chain.inputs() {
                    let s = self.slot(&Operand::Field(f.clone()), depth + 1)?;
                    cost += self.dag.slots[s.0 as usize].cost;
                    inputs.push(s);
                }
                let (ty, list) = (chain.output_type(), chain.output_is_list());
                let slot = Slot {
                    kind: SlotKind::Transform {
                        chain,
                        inputs: inputs.into_boxed_slice(),
                    },
                    evttype: false,
                    label: t.to_string(),
                    ty,
                    list,
                    cost,
                };
                Ok(self.push_slot(key, slot))
            }
        }
    }

    fn push_cmp(&mut self, cmp: Cmp) -> u32 {
        self.dag.cmps.push(cmp);
        self.dag.cmps.len() as u32 - 1
    }

    fn push_slot(&mut self, key: SlotKey, slot: Slot) -> SlotId {
        let id = SlotId(self.dag.slots.len() as u32);
        self.dag.slots.push(slot);
        self.slots.insert(key, id);
        id
    }
}

/// New positions of the kept items of a sequence, in order.
fn renumber(keep: &[bool]) -> Vec<Option<u32>> {
    let mut next = 0u32;
    keep.iter()
        .map(|k| {
            k.then(|| {
                next += 1;
                next - 1
            })
        })
        .collect()
}

/// A node's cost and selectivity estimates (see the module docs).
#[derive(Debug, Clone, Copy)]
struct Estimate {
    cost: u32,
    p_true: f32,
    expected: f32,
}

impl Estimate {
    fn leaf(cost: u32, p_true: f32) -> Estimate {
        Estimate {
            cost,
            p_true,
            expected: cost as f32,
        }
    }

    fn constant(b: bool) -> Estimate {
        Estimate {
            cost: 0,
            p_true: if b { 1.0 } else { 0.0 },
            expected: 0.0,
        }
    }
}

/// Chance that a field has a value (`exists`).
const P_EXISTS: f32 = 0.9;

/// Estimated chance that a check holds: a test for particular values (`=`, `in`, `contains`,
/// `glob`, ...) rarely does, a test against one value (`!=`) usually does, orderings and
/// booleans are even.
fn check_p_true(op: CmpOp, modifier: Option<Modifier>, ty: FieldType) -> f32 {
    use CmpOp::*;
    match (op, modifier) {
        (_, _) if ty == FieldType::Bool => 0.5,
        (Ne, None) => 0.75,
        (Ne, Some(_)) => 0.5,
        (Lt | Le | Gt | Ge, _) => 0.5,
        _ => 0.1,
    }
}

fn op_cost(op: CmpOp) -> u32 {
    use CmpOp::*;
    match op {
        Eq | EqEq | Ne | Lt | Le | Gt | Ge => 1,
        In | Intersects | StartsWith | EndsWith => 2,
        Contains | IContains | BContains | BStartsWith => 4,
        Glob | IGlob | PMatch => 6,
        Regex => 10,
    }
}

/// Epochs live in the upper 31 bits of a memo word, the result in bit 0.
const MAX_EPOCH: u32 = (1 << 31) - 1;

/// Per-thread evaluation state: the value buffer and the per-event slot and memo tables.
///
/// Tables are tagged with the event's epoch instead of being cleared: starting an event costs
/// one increment. When the epoch wraps, the tables are zeroed once.
#[derive(Debug, Clone)]
pub(crate) struct EvalState {
    pub(crate) values: Values,
    /// The transformers' working buffer ([`TransformChain::apply`]'s scratch).
    bytes: Vec<u8>,
    epoch: u32,
    /// Per slot: the epoch its values were extracted in and their range in `values` (one
    /// entry, one cache line touched per lookup).
    slot_memo: Vec<SlotMemo>,
    memo: Vec<u32>,
}

#[derive(Debug, Clone, Copy, Default)]
struct SlotMemo {
    epoch: u32,
    start: u32,
    end: u32,
}

impl EvalState {
    pub(crate) fn new(dag: &Dag) -> EvalState {
        let mut values = Values::new();
        // Grow the buffers to a working size up front, so the first events do not allocate.
        for _ in 0..dag.slots.len().max(16) * 4 {
            values.push_u64(0);
        }
        values.push_str(&[0; 4096]);
        values.clear();
        EvalState {
            values,
            bytes: Vec::with_capacity(4096),
            epoch: 0,
            slot_memo: vec![SlotMemo::default(); dag.slots.len()],
            memo: vec![0; dag.nodes.len()],
        }
    }

    pub(crate) fn fits(&self, dag: &Dag) -> bool {
        self.slot_memo.len() == dag.slots.len() && self.memo.len() == dag.nodes.len()
    }

    /// Starts a new event: forgets every slot and memoised result.
    pub(crate) fn begin_event(&mut self) {
        self.values.clear();
        if self.epoch >= MAX_EPOCH {
            self.slot_memo.iter_mut().for_each(|e| e.epoch = 0);
            self.memo.iter_mut().for_each(|m| *m = 0);
            self.epoch = 0;
        }
        self.epoch += 1;
    }

    #[cfg(test)]
    pub(crate) fn set_epoch(&mut self, epoch: u32) {
        self.epoch = epoch;
    }

    pub(crate) fn memory_usage(&self) -> usize {
        self.slot_memo.capacity() * std::mem::size_of::<SlotMemo>()
            + self.memo.capacity() * 4
            + self.bytes.capacity()
    }
}

impl Dag {
    /// Number of nodes (every one reachable from a rule or bucket root).
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Nodes an event can reach through more than one parent or rule (their results are
    /// memoised per event).
    pub fn shared_node_count(&self) -> usize {
        self.nodes.iter().filter(|n| n.uses > 1).count()
    }

    /// Number of slots (distinct field requests and transformer applications).
    pub fn slot_count(&self) -> usize {
        self.slots.len()
    }

    /// Heap bytes held by the graph, its compiled comparisons and labels.
    pub fn memory_usage(&self) -> usize {
        let nodes: usize = self
            .nodes
            .iter()
            .map(|n| {
                n.label.capacity()
                    + match &n.kind {
                        NodeKind::And(k) | NodeKind::Or(k) => k.len() * 4,
                        NodeKind::Check { cmp, .. } => self.cmps[*cmp as usize].memory_usage(),
                        _ => 0,
                    }
            })
            .sum();
        let slots: usize = self
            .slots
            .iter()
            .map(|s| {
                s.label.capacity()
                    + match &s.kind {
                        SlotKind::Field(_) => 0,
                        SlotKind::Transform { chain, inputs } => {
                            chain.memory_usage() + inputs.len() * 4
                        }
                    }
            })
            .sum();
        self.nodes.capacity() * std::mem::size_of::<Node>()
            + self.slots.capacity() * std::mem::size_of::<Slot>()
            + self.cmps.capacity() * std::mem::size_of::<Cmp>()
            + self.hot.capacity() * std::mem::size_of::<Hot>()
            + self.kids.capacity() * std::mem::size_of::<NodeId>()
            + nodes
            + slots
    }

    fn depth(&self, id: NodeId, d: usize) -> usize {
        if d > MAX_DAG_DEPTH {
            return d;
        }
        match &self.nodes[id.0 as usize].kind {
            NodeKind::And(k) | NodeKind::Or(k) => {
                k.iter().map(|c| self.depth(*c, d + 1)).max().unwrap_or(d)
            }
            NodeKind::Not(c) => self.depth(*c, d + 1),
            _ => d,
        }
    }

    /// Evaluates node `id` for the current event (see [`EvalState::begin_event`]).
    pub(crate) fn eval<E: Event + ?Sized>(&self, id: NodeId, ev: &E, st: &mut EvalState) -> bool {
        let i = id.0 as usize;
        let node = self.hot[i];
        if node.memo {
            let m = st.memo[i];
            if m >> 1 == st.epoch {
                return m & 1 == 1;
            }
        }
        let result = match node.kind {
            HotKind::Const(b) => b,
            HotKind::And(a, b) => self.kids[a as usize..b as usize]
                .iter()
                .all(|k| self.eval(*k, ev, st)),
            HotKind::Or(a, b) => self.kids[a as usize..b as usize]
                .iter()
                .any(|k| self.eval(*k, ev, st)),
            HotKind::Not(k) => !self.eval(k, ev, st),
            HotKind::Exists(s) => !self.slot(s, ev, st).is_empty(),
            HotKind::Check(lhs, cmp) => self.check(lhs, cmp, ev, st),
            HotKind::CheckField(n) => self.check_field(n, ev, st),
        };
        if node.memo {
            st.memo[i] = (st.epoch << 1) | result as u32;
        }
        result
    }

    /// A check against literals (kept out of [`Dag::eval`], so that the walk over junctions
    /// stays small).
    #[inline]
    fn check<E: Event + ?Sized>(&self, lhs: SlotId, cmp: u32, ev: &E, st: &mut EvalState) -> bool {
        let l = self.slot(lhs, ev, st);
        self.cmps[cmp as usize].matches(&st.values, l)
    }

    #[inline(never)]
    fn check_field<E: Event + ?Sized>(&self, n: NodeId, ev: &E, st: &mut EvalState) -> bool {
        let NodeKind::Check {
            lhs,
            rhs: Some(rhs),
            cmp,
        } = self.nodes[n.0 as usize].kind
        else {
            return false;
        };
        let l = self.slot(lhs, ev, st);
        let r = self.slot(rhs, ev, st);
        self.cmps[cmp as usize].matches_field(&st.values, l, r)
    }

    /// The values of a slot for the current event, extracting or computing them on first use.
    fn slot<E: Event + ?Sized>(&self, id: SlotId, ev: &E, st: &mut EvalState) -> Range<usize> {
        let i = id.0 as usize;
        let m = st.slot_memo[i];
        if m.epoch == st.epoch {
            return m.start as usize..m.end as usize;
        }
        let range = match &self.slots[i].kind {
            SlotKind::Field(req) => {
                let start = st.values.len();
                ev.extract(req, &mut st.values);
                start..st.values.len()
            }
            SlotKind::Transform { chain, inputs } => {
                // Input ranges live on the stack for the usual handful of inputs; each input is
                // an ordinary slot, so a field read by a condition and a transformer is
                // extracted once.
                const INLINE: usize = 8;
                let mut ranges: [Range<usize>; INLINE] = Default::default();
                if inputs.len() <= INLINE {
                    for (r, s) in ranges.iter_mut().zip(inputs.iter()) {
                        *r = self.slot(*s, ev, st);
                    }
                    chain.apply(&mut st.values, &ranges[..inputs.len()], &mut st.bytes)
                } else {
                    let ranges: Vec<Range<usize>> =
                        inputs.iter().map(|s| self.slot(*s, ev, st)).collect();
                    chain.apply(&mut st.values, &ranges, &mut st.bytes)
                }
            }
        };
        st.slot_memo[i] = SlotMemo {
            epoch: st.epoch,
            start: range.start as u32,
            end: range.end as u32,
        };
        range
    }

    /// Appends a readable listing of the sub-graph under `root` to `out`.
    pub(crate) fn describe(&self, root: NodeId, out: &mut String) {
        let mut seen = vec![false; self.nodes.len()];
        self.describe_node(root, 0, &mut seen, out);
    }

    fn describe_node(&self, id: NodeId, indent: usize, seen: &mut [bool], out: &mut String) {
        let node = &self.nodes[id.0 as usize];
        let pad = "  ".repeat(indent);
        let shared = if node.uses > 1 {
            format!(", shared by {}", node.uses)
        } else {
            String::new()
        };
        if indent > MAX_DAG_DEPTH {
            let _ = writeln!(out, "{pad}n{} ...", id.0);
            return;
        }
        if seen[id.0 as usize] {
            let _ = writeln!(out, "{pad}n{} (above)", id.0);
            return;
        }
        seen[id.0 as usize] = true;
        let _ = match &node.kind {
            NodeKind::Const(b) => writeln!(out, "{pad}n{} const {b}{shared}", id.0),
            NodeKind::And(_) | NodeKind::Or(_) | NodeKind::Not(_) => {
                let word = match node.kind {
                    NodeKind::And(_) => "and",
                    NodeKind::Or(_) => "or",
                    _ => "not",
                };
                writeln!(out, "{pad}n{} {word} [cost {}{shared}]", id.0, node.cost)
            }
            NodeKind::Exists(s) | NodeKind::Check { lhs: s, .. } => writeln!(
                out,
                "{pad}n{} check {} [cost {}, slot s{} {}{shared}]",
                id.0, node.label, node.cost, s.0, self.slots[s.0 as usize].label
            ),
        };
        match &node.kind {
            NodeKind::And(kids) | NodeKind::Or(kids) => {
                for k in kids.iter() {
                    self.describe_node(*k, indent + 1, seen, out);
                }
            }
            NodeKind::Not(k) => self.describe_node(*k, indent + 1, seen, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod rewrite_tests {
    //! The build-time rewrites (merged literal checks, factored junctions) against the
    //! reference interpreter, on conditions made to trigger them.

    use super::*;
    use crate::eval::reference::Reference;
    use crate::event::FieldRequest;
    use crate::fields::{ArgForm, EventTypeTable, FieldInfo, FieldRegistry};
    use crate::parse::parse_condition;

    /// `t.name`: one string; `t.anc`: several strings (a non-list field read without index,
    /// like `proc.aname`); `t.path`: a path.
    fn schema() -> SourceSchema {
        let mut fields = FieldRegistry::new();
        fields.add(FieldInfo::new("t.name", FieldType::CharBuf, "test"));
        fields.add(FieldInfo::new("t.anc", FieldType::CharBuf, "test").arg(ArgForm::Index, false));
        fields.add(FieldInfo::new("t.path", FieldType::FsPath, "test"));
        SourceSchema::new("s", fields, EventTypeTable::single("e"))
    }

    struct Ev(Vec<Vec<&'static str>>);

    impl Event for Ev {
        fn event_type(&self) -> u16 {
            0
        }

        fn extract(&self, field: &FieldRequest, out: &mut Values) {
            let values = &self.0[field.id.0 as usize];
            match field.arg {
                FieldArg::Index(i) => {
                    if let Some(v) = values.get(i as usize) {
                        out.push_str(v.as_bytes());
                    }
                }
                _ => values.iter().for_each(|v| out.push_str(v.as_bytes())),
            }
        }
    }

    /// A small deterministic generator (xorshift), so failures reproduce.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
            xs[self.next(xs.len())]
        }
    }

    const WORDS: &[&str] = &[
        "a", "ab", "abc", "b", "ba", "/a", "/a/b", "/b", "A", "AB", "",
    ];
    const FIELDS: &[&str] = &["t.name", "t.anc", "t.anc[1]", "t.path"];
    const OPS: &[&str] = &[
        "=",
        "!=",
        "in",
        "contains",
        "icontains",
        "startswith",
        "endswith",
        "pmatch",
        "contains anyof",
        "startswith anyof",
        "= anyof",
        "glob",
    ];

    fn check(r: &mut Rng, field: &str) -> String {
        let op = r.pick(OPS);
        let lit = |r: &mut Rng| format!("\"{}\"", r.pick(WORDS));
        if op == "in" || op == "pmatch" || op.ends_with("anyof") {
            let n = 1 + r.next(3);
            let items: Vec<String> = (0..n).map(|_| lit(r)).collect();
            format!("{field} {op} ({})", items.join(", "))
        } else {
            format!("{field} {op} {}", lit(r))
        }
    }

    /// Junctions over checks of few fields (so siblings share fields and operators), with
    /// negations and repeated sub-conditions (so factoring applies).
    fn condition(r: &mut Rng, depth: usize, shared: &[String]) -> String {
        if depth == 0 || r.next(3) == 0 {
            return match r.next(4) {
                0 => shared[r.next(shared.len())].clone(),
                _ => {
                    let field = r.pick(FIELDS);
                    check(r, field)
                }
            };
        }
        let n = 2 + r.next(3);
        let word = if r.next(2) == 0 { " and " } else { " or " };
        let kids: Vec<String> = (0..n)
            .map(|_| {
                let c = condition(r, depth - 1, shared);
                if r.next(3) == 0 {
                    format!("not {c}")
                } else {
                    c
                }
            })
            .collect();
        format!("({})", kids.join(word))
    }

    #[test]
    fn rewrites_keep_the_reference_answer() {
        let schema = schema();
        let reference = Reference::new(&schema);
        let mut r = Rng(0x9e37_79b9_7f4a_7c15);
        let mut events = Vec::new();
        for _ in 0..40 {
            let mut fields = Vec::new();
            for f in 0..3 {
                // Missing, one value or (for `t.anc`) several.
                let n = match (f, r.next(6)) {
                    (_, 0) => 0,
                    (1, k) => k.min(3),
                    _ => 1,
                };
                fields.push((0..n).map(|_| r.pick(WORDS)).collect());
            }
            events.push(Ev(fields));
        }
        let mut merged = 0;
        for case in 0..400 {
            let shared: Vec<String> = (0..2)
                .map(|_| {
                    let field = r.pick(FIELDS);
                    check(&mut r, field)
                })
                .collect();
            let text = condition(&mut r, 3, &shared);
            let expr = parse_condition(&text).expect("generated conditions parse");
            let mut builder = DagBuilder::new(&schema);
            let root = builder.add_root(&expr).expect("compiles");
            let (mut dag, renumbered) = builder.finish(&[root]);
            let root = renumbered[root.0 as usize].expect("root kept");
            dag.count_uses(std::iter::once(&[root][..]));
            merged += dag
                .nodes
                .iter()
                .filter(|n| n.label.contains(" anyof (") || n.label.contains(" in ("))
                .count();
            let mut st = EvalState::new(&dag);
            for (i, ev) in events.iter().enumerate() {
                st.begin_event();
                assert_eq!(
                    dag.eval(root, ev, &mut st),
                    reference.eval(&expr, ev),
                    "case {case}, event {i}: {text}"
                );
            }
        }
        assert!(
            merged > 100,
            "too few merged checks ({merged}) to test the rewrite"
        );
    }
}
