//! `pmatch`: path-prefix matching by components (libsinsp `path_prefix_search`).
//!
//! Each pattern is split on `/` (empty components dropped, so `/etc/`, `etc` and `//etc` are
//! the same pattern) and inserted in a trie. A value matches when some pattern's components are
//! a prefix of the value's components: `/var/run` matches `/var/run` and `/var/run/docker`, not
//! `/var` nor `/var/running`; `/` matches every path. A component containing `*`, `?` or `[` is
//! an `fnmatch` glob matched against one value component (`/opt/*/bin` matches `/opt/x/bin/ls`).
//! Literal components are tried before glob components at each level.
//!
//! Differences from libsinsp: its glob loop advances the component iterator once per glob
//! sibling that matched but led nowhere (so with several glob siblings the later ones are tried
//! against the wrong component, in hash-map order); we try every glob sibling against the same
//! component, which is what the trie means.
//!
//! Cost: build O(total pattern length); a match walks the value once, one hash lookup per
//! component plus one glob DFA run per glob sibling; recursion only at glob branches, bounded by
//! the trie depth ([`MAX_DEPTH`]). No allocation per match.

use std::collections::HashMap;

use super::glob::GlobMatcher;
use super::sets::FxBuildHasher;

/// Deepest pattern (in components) accepted, bounding recursion.
pub const MAX_DEPTH: usize = 256;

#[derive(Debug, Clone, Default)]
struct Node {
    /// A pattern ends here: everything below matches.
    terminal: bool,
    literal: HashMap<Box<[u8]>, usize, FxBuildHasher>,
    globs: Vec<(GlobMatcher, usize)>,
}

/// A set of `pmatch` patterns.
#[derive(Debug, Clone)]
pub struct PathTrie {
    nodes: Vec<Node>,
    glob_texts: Vec<Vec<(Box<[u8]>, usize)>>,
}

fn components(path: &[u8]) -> impl Iterator<Item = &[u8]> {
    path.split(|&b| b == b'/').filter(|c| !c.is_empty())
}

impl PathTrie {
    /// Builds the trie of `patterns`.
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a [u8]>) -> Result<PathTrie, String> {
        let mut trie = PathTrie {
            nodes: vec![Node::default()],
            glob_texts: vec![Vec::new()],
        };
        for p in patterns {
            trie.insert(p)?;
        }
        Ok(trie)
    }

    fn child(&mut self, node: usize, comp: &[u8]) -> Result<usize, String> {
        let is_glob = comp.iter().any(|b| matches!(b, b'*' | b'?' | b'['));
        if !is_glob {
            if let Some(&c) = self.nodes[node].literal.get(comp) {
                return Ok(c);
            }
        } else if let Some(&(_, c)) = self.glob_texts[node].iter().find(|(t, _)| &**t == comp) {
            return Ok(c);
        }
        let id = self.nodes.len();
        self.nodes.push(Node::default());
        self.glob_texts.push(Vec::new());
        if is_glob {
            self.nodes[node]
                .globs
                .push((GlobMatcher::new(comp, false)?, id));
            self.glob_texts[node].push((comp.into(), id));
        } else {
            self.nodes[node].literal.insert(comp.into(), id);
        }
        Ok(id)
    }

    fn insert(&mut self, pattern: &[u8]) -> Result<(), String> {
        let mut node = 0;
        for (depth, comp) in components(pattern).enumerate() {
            if self.nodes[node].terminal {
                // A shorter pattern already covers this one.
                return Ok(());
            }
            if depth >= MAX_DEPTH {
                return Err(format!("pmatch pattern deeper than {MAX_DEPTH} components"));
            }
            node = self.child(node, comp)?;
        }
        let n = &mut self.nodes[node];
        n.terminal = true;
        // Longer patterns below are now redundant; they stay reachable but never decide.
        Ok(())
    }

    /// True if some pattern is a component prefix of `path`.
    pub fn is_match(&self, path: &[u8]) -> bool {
        self.match_from(0, path)
    }

    fn match_from(&self, mut node: usize, mut rest: &[u8]) -> bool {
        loop {
            let n = &self.nodes[node];
            if n.terminal {
                return true;
            }
            // Next component of the value.
            let trimmed = trim_leading_slashes(rest);
            if trimmed.is_empty() {
                return false;
            }
            let end = trimmed
                .iter()
                .position(|&b| b == b'/')
                .unwrap_or(trimmed.len());
            let (comp, after) = trimmed.split_at(end);
            if !n.globs.is_empty() {
                // Literal first, then each glob sibling (recursion bounded by trie depth).
                if let Some(&c) = n.literal.get(comp) {
                    if self.match_from(c, after) {
                        return true;
                    }
                }
                return n
                    .globs
                    .iter()
                    .any(|(g, c)| g.is_match(comp) && self.match_from(*c, after));
            }
            match n.literal.get(comp) {
                Some(&c) => {
                    node = c;
                    rest = after;
                }
                None => return false,
            }
        }
    }

    /// Heap bytes held (approximate).
    pub fn memory_usage(&self) -> usize {
        let mut total = self.nodes.capacity() * std::mem::size_of::<Node>();
        for n in &self.nodes {
            total += n.literal.capacity() * (std::mem::size_of::<(Box<[u8]>, usize)>() + 1)
                + n.literal.keys().map(|k| k.len()).sum::<usize>();
            total += n
                .globs
                .iter()
                .map(|(g, _)| g.memory_usage() + 16)
                .sum::<usize>();
        }
        total
    }
}

fn trim_leading_slashes(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|&&b| b == b'/').count();
    &s[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libsinsp_prefix_search_vectors() {
        let t = PathTrie::new(
            [
                "/var/run",
                "/var/run/dmesg",
                "/etc/",
                "/lib",
                "/usr/lib",
                "/usr/local",
            ]
            .map(str::as_bytes),
        )
        .unwrap();
        for (p, want) in [
            ("/var/run/docker", true),
            ("/boot", false),
            ("/var/lib/messages", false),
            ("/var", false),
            ("/var/run", true),
            ("/usr", false),
            ("/etc", true),
            ("/var/running", false),
        ] {
            assert_eq!(t.is_match(p.as_bytes()), want, "{p}");
        }
        let g = PathTrie::new(["/opt/*/subdir", "/opt2/*", "/opt3/*/subdir2/*"].map(str::as_bytes))
            .unwrap();
        for (p, want) in [
            ("/opt", false),
            ("/opt/dir/subdir", true),
            ("/opt/dir/subdir/file.txt", true),
            ("/opt3/dir/subdir2", false),
            ("/opt3/dir/subdir2/file.txt", true),
        ] {
            assert_eq!(g.is_match(p.as_bytes()), want, "{p}");
        }
        let root = PathTrie::new(["/"].map(str::as_bytes)).unwrap();
        assert!(root.is_match(b"/"));
        assert!(root.is_match(b"/one/two"));
    }
}
