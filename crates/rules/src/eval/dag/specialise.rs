//! Event-type specialisation: a rule's condition as it reads inside one event-type bucket.
//!
//! Inside the bucket of event code C every check on the bare `evt.type` field has a known
//! answer when C's `evt.type` value is fixed (one name covers the code, see
//! [`fixed_event_names`]): `evt.type = open` is true in the open bucket and false elsewhere,
//! `in` sets likewise, `!=` the opposite, and any other operator is decided by running its
//! compiled comparison on the name. [`DagBuilder::specialise`] rebuilds a root with those checks
//! folded to constants through the builder's own constructors, so the folded `and`/`or` are
//! flattened, deduplicated, cost-ordered and hash-consed like any other node: two rules sharing
//! a macro still share its specialised node, and buckets whose folding agrees (the enter and
//! exit codes of a syscall, `evt.type in (open, openat)` in both buckets) share whole trees.
//! Only nodes that reach an `evt.type` check are rebuilt; everything else is shared as is.
//!
//! `syscall.type` is left alone: libsinsp gives it no value on non-syscall events, so its
//! answer is not a function of the code alone.

use std::collections::HashMap;

use crate::event::Values;
use crate::fields::EventTypeTable;

use super::{Dag, DagBuilder, Hot, HotKind, NodeId, NodeKind};

/// Per event code, the `evt.type` value every event of that code has, when the name table
/// makes it certain: the code's own name is the only name selecting it. A code also selected
/// by an alias (libsinsp's generic syscall events, the async event) reports varying names.
pub(crate) fn fixed_event_names(table: &EventTypeTable) -> Vec<Option<&str>> {
    let mut selecting = vec![0u32; table.count];
    for name in table.names() {
        if let Some(codes) = table.codes(name) {
            for c in codes.iter() {
                if let Some(n) = selecting.get_mut(c as usize) {
                    *n += 1;
                }
            }
        }
    }
    (0..table.count)
        .map(|code| {
            let code = code as u16;
            let name = table.name(code)?;
            let own = table.codes(name).is_some_and(|s| s.contains(code));
            (own && selecting[code as usize] == 1).then_some(name)
        })
        .collect()
}

/// Reusable state for specialising many roots for one event type.
#[derive(Debug, Default)]
pub(crate) struct Specialiser {
    /// Original node -> specialised node, for the current event type.
    memo: HashMap<NodeId, NodeId>,
    /// The event-type name as a value, for running comparisons on it.
    name: Values,
    /// Per node: whether it reaches a foldable `evt.type` check (grown as nodes are added).
    depends: Vec<bool>,
}

impl Specialiser {
    /// Starts an event type: forgets the previous one's specialised nodes.
    pub(crate) fn begin(&mut self, name: &str) {
        self.memo.clear();
        self.name.clear();
        self.name.push_str(name.as_bytes());
    }
}

impl DagBuilder<'_> {
    /// The condition under `root` with its `evt.type` checks answered for the event type given
    /// to [`Specialiser::begin`].
    pub(crate) fn specialise(&mut self, root: NodeId, sp: &mut Specialiser) -> NodeId {
        self.update_depends(sp);
        self.specialise_node(root, sp)
    }

    /// True if the node is the constant `false` (a rule that can never match).
    pub(crate) fn is_false(&self, id: NodeId) -> bool {
        matches!(self.dag.nodes[id.0 as usize].kind, NodeKind::Const(false))
    }

    /// Extends `sp.depends` over nodes added since the last call. Children are always created
    /// before their parents, so one forward pass sees every child's answer first.
    fn update_depends(&self, sp: &mut Specialiser) {
        let nodes = &self.dag.nodes;
        while sp.depends.len() < nodes.len() {
            let d = &sp.depends;
            let depends = match &nodes[d.len()].kind {
                NodeKind::Check { lhs, rhs: None, .. } | NodeKind::Exists(lhs) => {
                    self.dag.slots[lhs.0 as usize].evttype
                }
                NodeKind::And(k) | NodeKind::Or(k) => k.iter().any(|c| d[c.0 as usize]),
                NodeKind::Not(c) => d[c.0 as usize],
                NodeKind::Check { .. } | NodeKind::Const(_) => false,
            };
            sp.depends.push(depends);
        }
    }

    fn specialise_node(&mut self, id: NodeId, sp: &mut Specialiser) -> NodeId {
        if !sp.depends.get(id.0 as usize).copied().unwrap_or(false) {
            return id;
        }
        if let Some(&done) = sp.memo.get(&id) {
            return done;
        }
        // Depth is bounded: roots passed `MAX_DAG_DEPTH` when compiled.
        let out = match &self.dag.nodes[id.0 as usize].kind {
            NodeKind::Check { cmp, .. } => {
                let holds = self.dag.cmps[*cmp as usize].matches(&sp.name, 0..sp.name.len());
                self.constant(holds)
            }
            NodeKind::Exists(_) => self.constant(true),
            NodeKind::Not(c) => {
                let c = *c;
                let inner = self.specialise_node(c, sp);
                self.negate(inner)
            }
            NodeKind::And(kids) | NodeKind::Or(kids) => {
                let is_and = matches!(self.dag.nodes[id.0 as usize].kind, NodeKind::And(_));
                let kids = kids.to_vec();
                let folded: Vec<NodeId> = kids
                    .into_iter()
                    .map(|k| self.specialise_node(k, sp))
                    .collect();
                self.junction(is_and, folded)
            }
            NodeKind::Const(_) => id,
        };
        self.update_depends(sp);
        sp.memo.insert(id, out);
        out
    }
}

impl Dag {
    /// Sets each node's use count: the most references it gets within any one group of roots
    /// (an event runs one event-type bucket, so a node shared only across buckets is never
    /// evaluated twice for one event and needs no memo). Within a group each root entry counts
    /// once and each reachable parent once per reference.
    pub(crate) fn count_uses<'a>(&mut self, groups: impl Iterator<Item = &'a [NodeId]>) {
        let n = self.nodes.len();
        let mut count = vec![0u32; n];
        let mut seen = vec![false; n];
        let mut touched: Vec<usize> = Vec::new();
        let mut stack: Vec<NodeId> = Vec::new();
        self.nodes.iter_mut().for_each(|node| node.uses = 0);
        for roots in groups {
            for r in roots {
                count[r.0 as usize] += 1;
                touched.push(r.0 as usize);
                stack.push(*r);
            }
            while let Some(id) = stack.pop() {
                let i = id.0 as usize;
                if std::mem::replace(&mut seen[i], true) {
                    continue;
                }
                touched.push(i);
                let kids: &[NodeId] = match &self.nodes[i].kind {
                    NodeKind::And(k) | NodeKind::Or(k) => k,
                    NodeKind::Not(k) => std::slice::from_ref(k),
                    _ => &[],
                };
                for k in kids {
                    count[k.0 as usize] += 1;
                    touched.push(k.0 as usize);
                    stack.push(*k);
                }
            }
            for &i in &touched {
                self.nodes[i].uses = self.nodes[i].uses.max(count[i]);
                count[i] = 0;
                seen[i] = false;
            }
            touched.clear();
        }
        self.build_hot();
    }

    /// The evaluation table: one [`Hot`] per node, children laid out in one array.
    fn build_hot(&mut self) {
        self.kids.clear();
        self.hot = Vec::with_capacity(self.nodes.len());
        for (i, node) in self.nodes.iter().enumerate() {
            let kind = match &node.kind {
                NodeKind::Const(b) => HotKind::Const(*b),
                NodeKind::And(k) | NodeKind::Or(k) => {
                    let start = self.kids.len() as u32;
                    self.kids.extend_from_slice(k);
                    let end = self.kids.len() as u32;
                    if matches!(node.kind, NodeKind::And(_)) {
                        HotKind::And(start, end)
                    } else {
                        HotKind::Or(start, end)
                    }
                }
                NodeKind::Not(k) => HotKind::Not(*k),
                NodeKind::Exists(s) => HotKind::Exists(*s),
                NodeKind::Check {
                    lhs,
                    rhs: None,
                    cmp,
                } => HotKind::Check(*lhs, *cmp),
                NodeKind::Check { rhs: Some(_), .. } => HotKind::CheckField(NodeId(i as u32)),
            };
            self.hot.push(Hot {
                kind,
                memo: node.uses > 1,
            });
        }
        self.kids.shrink_to_fit();
    }
}
