//! Lists: item expansion and textual substitution into conditions.
//!
//! Falco never puts lists into the syntax tree. A list's items are first expanded (an item that
//! names an earlier list is replaced by that list's items), and then every macro and rule
//! condition is rewritten *as text*, before parsing, replacing each delimited occurrence of a
//! list's name with its comma-joined items. The exact output text matters: error positions inside
//! conditions are reported against it, so the spacing Falco produces is reproduced byte for byte,
//! quirks included (substitution also happens inside quoted strings, and an occurrence right after
//! a substitution at the very start of the text is skipped).

use std::collections::{BTreeSet, HashMap};

use crate::fields::NameRefMap;
use crate::load::info::ListInfo;

/// Blanks consumed around a substituted list name.
const BLANKS: &[u8] = b" \t\n\r";

/// True for the characters that may surround a list name in a condition.
fn is_delim(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'(' | b')' | b',' | b'=')
}

fn is_blank(b: u8) -> bool {
    BLANKS.contains(&b)
}

/// Quotes a list or exception item the way Falco does: an item containing a space that does not
/// already start with a quote is wrapped in double quotes. Nothing inside is escaped (Falco's
/// own "this breaks string escaping" limitation, kept for compatibility).
pub fn quote_item(item: &str) -> String {
    if item.contains(' ') && !item.starts_with('"') && !item.starts_with('\'') {
        format!("\"{item}\"")
    } else {
        item.to_string()
    }
}

/// One list after item expansion.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExpandedList {
    /// The items, with references to earlier lists replaced by those lists' items.
    pub items: Vec<String>,
    /// Positions (in the slice given to [`expand`]) of the lists this list references, in the
    /// order the references appear (a list referenced twice appears twice). Referenced lists
    /// count as used.
    pub referenced: Vec<usize>,
}

/// Expands list items as Falco's `compile_list_infos` does.
///
/// `lists` are all collected lists in index order. An item equal to the name of a list whose
/// first-definition index is below this list's visibility is replaced by that list's items *as
/// written* (Falco takes the referenced list's collected items, not its expanded ones, so
/// expansion goes one level deep per list).
pub fn expand(lists: &[&ListInfo]) -> Vec<ExpandedList> {
    let mut by_name: HashMap<&str, usize> = HashMap::with_capacity(lists.len());
    for (pos, list) in lists.iter().enumerate() {
        by_name.entry(list.name.as_str()).or_insert(pos);
    }
    lists
        .iter()
        .map(|list| {
            let mut out = ExpandedList::default();
            for item in &list.items {
                match by_name.get(item.as_str()) {
                    Some(&pos) if lists[pos].index < list.visibility => {
                        out.referenced.push(pos);
                        out.items.extend(lists[pos].items.iter().cloned());
                    }
                    _ => out.items.push(item.clone()),
                }
            }
            out
        })
        .collect()
}

/// The expanded items of every list (see [`expand`]), without the reference information.
pub fn expand_items(lists: &[&ListInfo]) -> Vec<Vec<String>> {
    expand(lists).into_iter().map(|l| l.items).collect()
}

/// The text each list's name is replaced with: its items quoted and joined with `", "`.
fn substitution_text(items: &[String]) -> String {
    let mut sub = String::new();
    for item in items {
        if !sub.is_empty() {
            sub.push_str(", ");
        }
        sub.push_str(&quote_item(item));
    }
    sub
}

/// Splits text into its maximal runs of non-delimiter bytes: exactly the places where a list name
/// without delimiter characters can be substituted.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_ascii() && is_delim(c as u8))
        .filter(|t| !t.is_empty())
}

/// Byte offset of the first occurrence of `name` in `text` at or after `from`, like
/// `std::string::find`.
fn find_from(text: &str, name: &str, from: usize) -> Option<usize> {
    if from > text.len() {
        return None;
    }
    // A match of a valid UTF-8 needle always starts on a character boundary, so moving `from`
    // up to the next boundary finds the same matches as a byte-wise search.
    let mut from = from;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..].find(name).map(|p| p + from)
}

/// Falco's `resolve_list` for one list: rewrites `cond` in place, returns true if the name was
/// substituted at least once.
fn resolve_one(cond: &mut String, name: &str, sub: &str) -> bool {
    if name.is_empty() {
        // Falco rejects empty list names when reading; never match one here.
        return false;
    }
    let mut used = false;
    let mut next = find_from(cond, name, 0);
    while let Some(found) = next {
        let mut start = found;
        let bytes = cond.as_bytes();
        let mut end = start + name.len();
        let delimited_before = start == 0 || is_delim(bytes[start - 1]);
        let delimited_after = end >= bytes.len() || is_delim(bytes[end]);
        if delimited_before && delimited_after {
            while start > 0 && is_blank(bytes[start - 1]) {
                start -= 1;
            }
            while end < bytes.len() && is_blank(bytes[end]) {
                end += 1;
            }
            // An empty list takes one neighbouring comma with it, the left one first.
            if sub.is_empty() {
                if start > 0 && bytes[start - 1] == b',' {
                    start -= 1;
                } else if end < bytes.len() && bytes[end] == b',' {
                    end += 1;
                }
            }
            let mut rewritten = String::with_capacity(cond.len() + sub.len() + 2);
            if start > 0 {
                rewritten.push_str(&cond[..start]);
                rewritten.push(' ');
            }
            rewritten.push_str(sub);
            rewritten.push(' ');
            rewritten.push_str(&cond[end..]);
            *cond = rewritten;
            // Falco resumes one past this offset; when the name was at the very start of the
            // text this skips the first character after the inserted items.
            start += sub.len() + 1;
            used = true;
        }
        next = find_from(cond, name, start + 1);
    }
    used
}

/// Substitutes lists into condition texts; build once, use for every condition.
///
/// The result is exactly what running Falco's `resolve_list` for every list in definition order
/// produces, but only the lists whose names occur in the text are tried: the text is split into
/// delimiter-separated words once, the words are looked up in a map, and words brought in by a
/// substitution are looked up too (they can match lists later in the order, as in Falco).
#[derive(Debug, Clone)]
pub struct Substituter<'a> {
    names: Vec<&'a str>,
    subs: Vec<String>,
    /// First list (in order) with each name. Later duplicates are checked individually below.
    by_name: NameRefMap<'a, Vec<usize>>,
    /// Lists whose names contain delimiter characters: these cannot be found by word lookup and
    /// are always tried.
    always: Vec<usize>,
}

impl<'a> Substituter<'a> {
    /// Prepares substitution for `lists`: `(name, expanded items)` in definition order.
    pub fn new(lists: &[(&'a str, &[String])]) -> Substituter<'a> {
        let mut by_name: NameRefMap<'a, Vec<usize>> =
            NameRefMap::with_capacity_and_hasher(lists.len(), Default::default());
        let mut always = Vec::new();
        for (pos, (name, _)) in lists.iter().enumerate() {
            if name.is_empty() {
                continue;
            }
            if name.bytes().any(is_delim) {
                always.push(pos);
            } else {
                by_name.entry(*name).or_default().push(pos);
            }
        }
        Substituter {
            names: lists.iter().map(|(n, _)| *n).collect(),
            subs: lists
                .iter()
                .map(|(_, items)| substitution_text(items))
                .collect(),
            by_name,
            always,
        }
    }

    /// Number of lists.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True if there are no lists.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    fn add_candidates(&self, text: &str, after: Option<usize>, pending: &mut BTreeSet<usize>) {
        for word in tokens(text) {
            if let Some(positions) = self.by_name.get(word) {
                for &p in positions {
                    if after.is_none_or(|a| p > a) {
                        pending.insert(p);
                    }
                }
            }
        }
    }

    /// Substitutes every list into `cond`; sets `used[i]` for each list `i` that was substituted
    /// (`used` shorter than the list count is tolerated: extra lists are just not recorded).
    pub fn substitute(&self, cond: &str, used: &mut [bool]) -> String {
        let mut text = cond.to_string();
        let mut pending: BTreeSet<usize> = self.always.iter().copied().collect();
        self.add_candidates(&text, None, &mut pending);
        while let Some(pos) = pending.pop_first() {
            let sub = &self.subs[pos];
            if resolve_one(&mut text, self.names[pos], sub) {
                if let Some(u) = used.get_mut(pos) {
                    *u = true;
                }
                // Only the inserted items bring new words; later lists may match them.
                self.add_candidates(sub, Some(pos), &mut pending);
            }
        }
        text
    }
}

/// Substitutes every list into a condition text (Falco's `resolve_list`, for all lists in
/// definition order). `lists` are `(name, expanded items)`; `used[i]` is set for each list `i`
/// that occurred. For many conditions, build a [`Substituter`] once instead.
pub fn substitute(cond: &str, lists: &[(&str, &[String])], used: &mut [bool]) -> String {
    Substituter::new(lists).substitute(cond, used)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::result::Context;

    /// Falco's algorithm, applied naively to every list in order: the reference for the
    /// word-lookup optimisation.
    fn substitute_naive(cond: &str, lists: &[(&str, &[String])], used: &mut [bool]) -> String {
        let mut text = cond.to_string();
        for (pos, (name, items)) in lists.iter().enumerate() {
            if resolve_one(&mut text, name, &substitution_text(items)) {
                used[pos] = true;
            }
        }
        text
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn list(name: &str, index: usize, visibility: usize, items: &[&str]) -> ListInfo {
        ListInfo {
            ctx: Context::default(),
            index,
            visibility,
            name: name.to_string(),
            items: strings(items),
        }
    }

    #[test]
    fn quote_item_follows_falco() {
        let cases = [
            ("cat", "cat"),
            ("escaped val", "\"escaped val\""),
            ("\"already quoted\"", "\"already quoted\""),
            ("'single quoted'", "'single quoted'"),
            ("in\"side x", "\"in\"side x\""),
            ("", ""),
            ("tab\there", "tab\there"),
        ];
        for (input, want) in cases {
            assert_eq!(quote_item(input), want, "item {input:?}");
        }
    }

    #[test]
    fn substitution_matches_falco_vectors() {
        let cat = strings(&["cat"]);
        // Vectors from the falcosecurity/testing legacy rules (ListSub*), outputs per Falco's
        // resolve_list.
        let cases = [
            ("proc.name=cat_binaries", "proc.name= cat "),
            ("proc.name in (ls, cat_binaries)", "proc.name in (ls, cat )"),
            (
                "proc.name in (cat_binaries, ps)",
                "proc.name in ( cat , ps)",
            ),
            (
                "proc.name in (ls, cat_binaries, ps)",
                "proc.name in (ls, cat , ps)",
            ),
            (
                "proc.name= cat_binaries or proc.name=nopey",
                "proc.name= cat or proc.name=nopey",
            ),
            ("cat_binaries", "cat "),
            ("proc.name in (cat_binaries)", "proc.name in ( cat )"),
            ("proc.name in (\tcat_binaries\n)", "proc.name in ( cat )"),
            // The quirk: names inside quoted strings are substituted too when delimited.
            (
                "proc.cmdline = \"x cat_binaries y\"",
                "proc.cmdline = \"x cat y\"",
            ),
        ];
        for (cond, want) in cases {
            let mut used = [false];
            let got = substitute(cond, &[("cat_binaries", &cat)], &mut used);
            assert_eq!(got, want, "condition {cond:?}");
            assert!(used[0], "condition {cond:?}");
        }
    }

    #[test]
    fn undelimited_occurrences_are_left_alone() {
        let items = strings(&["\"one string\""]);
        for cond in [
            "evt.type=open and fd.name in (file_my_list)",
            "fd.name in (my_list_x)",
            "fd.name in (my_list.x)",
            "fd.name startswith my_list/",
        ] {
            let mut used = [false];
            assert_eq!(substitute(cond, &[("my_list", &items)], &mut used), cond);
            assert!(!used[0]);
        }
    }

    #[test]
    fn items_are_quoted_and_joined() {
        let items = strings(&["non_escaped_val", "escaped val", "'q x'"]);
        let mut used = [false];
        let got = substitute("fd.name in (my_list)", &[("my_list", &items)], &mut used);
        assert_eq!(
            got,
            "fd.name in ( non_escaped_val, \"escaped val\", 'q x' )"
        );
    }

    #[test]
    fn empty_list_takes_one_comma() {
        let empty: Vec<String> = Vec::new();
        let cases = [
            ("proc.name in (a, empty)", "proc.name in (a  )"),
            ("proc.name in (empty, b)", "proc.name in (   b)"),
            ("proc.name in (a, empty, b)", "proc.name in (a  , b)"),
            ("proc.name in (empty)", "proc.name in (  )"),
            ("empty", " "),
        ];
        for (cond, want) in cases {
            let mut used = [false];
            assert_eq!(substitute(cond, &[("empty", &empty)], &mut used), want);
            assert!(used[0]);
        }
    }

    #[test]
    fn occurrence_right_after_a_leading_substitution_is_skipped() {
        let x = strings(&["x"]);
        let mut used = [false];
        // Falco resumes one character too far after a match at offset 0.
        assert_eq!(substitute("a a", &[("a", &x)], &mut used), "x a");
        assert_eq!(substitute("a  b a", &[("a", &x)], &mut used), "x b x ");
        assert_eq!(substitute("b a a", &[("a", &x)], &mut used), "b x x ");
    }

    #[test]
    fn later_lists_see_earlier_substitutions_but_not_the_reverse() {
        let first = strings(&["second"]);
        let second = strings(&["z"]);
        let mut used = [false, false];
        let lists: [(&str, &[String]); 2] = [("first", &first), ("second", &second)];
        assert_eq!(substitute("x in (first)", &lists, &mut used), "x in ( z )");
        assert_eq!(used, [true, true]);
        // Reverse definition order: the inserted name is not substituted again.
        let lists: [(&str, &[String]); 2] = [("second", &second), ("first", &first)];
        let mut used = [false, false];
        assert_eq!(
            substitute("x in (first)", &lists, &mut used),
            "x in ( second )"
        );
        assert_eq!(used, [false, true]);
    }

    #[test]
    fn names_with_delimiters_and_unicode_still_match() {
        let items = strings(&["v"]);
        let lists: [(&str, &[String]); 2] = [("odd name", &items), ("é_list", &items)];
        let mut used = [false, false];
        let got = substitute("a in (odd name, é_list) and b = \"ünï\"", &lists, &mut used);
        let mut naive_used = [false, false];
        let naive = substitute_naive(
            "a in (odd name, é_list) and b = \"ünï\"",
            &lists,
            &mut naive_used,
        );
        assert_eq!(got, naive);
        assert_eq!(got, "a in ( v , v ) and b = \"ünï\"");
        assert_eq!(used, [true, true]);
    }

    #[test]
    fn expansion_is_one_level_and_respects_visibility() {
        let lists = [
            list("a", 0, 0, &["x", "y"]),
            list("b", 1, 1, &["a", "w"]),
            list("c", 2, 2, &["b", "later"]),
            // Defined after "c": "c" cannot reference it.
            list("later", 3, 3, &["q"]),
            // Appended after "later" was defined: references resolve.
            list("d", 4, 9, &["later", "a", "escaped val"]),
        ];
        let refs: Vec<&ListInfo> = lists.iter().collect();
        let expanded = expand(&refs);
        let items: Vec<Vec<String>> = expanded.iter().map(|l| l.items.clone()).collect();
        assert_eq!(items, expand_items(&refs));
        assert_eq!(items[0], strings(&["x", "y"]));
        assert_eq!(items[1], strings(&["x", "y", "w"]));
        // Falco takes the referenced list's collected items: "b" as written contains "a".
        assert_eq!(items[2], strings(&["a", "w", "later"]));
        assert_eq!(items[3], strings(&["q"]));
        assert_eq!(items[4], strings(&["q", "x", "y", "escaped val"]));
        assert_eq!(expanded[0].referenced, Vec::<usize>::new());
        assert_eq!(expanded[1].referenced, vec![0]);
        assert_eq!(expanded[2].referenced, vec![1]);
        assert_eq!(expanded[4].referenced, vec![3, 0]);
    }

    #[test]
    fn self_reference_after_append_expands_once() {
        let lists = [list("a", 0, 5, &["x", "a"])];
        let refs: Vec<&ListInfo> = lists.iter().collect();
        assert_eq!(expand_items(&refs)[0], strings(&["x", "x", "a"]));
    }

    /// Every list and macro/rule condition of the upstream rules files, substituted both ways.
    #[test]
    fn upstream_rules_files_match_naive_substitution_and_are_fast() {
        // FALCO_RULES_DIR overrides the default location beside the repository.
        let dir = std::env::var("FALCO_RULES_DIR").unwrap_or_else(|_| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/falco-rules").to_string()
        });
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipping: {dir} not present");
            return;
        };
        let mut names = Vec::new();
        let mut items = Vec::new();
        let mut conds = Vec::new();
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            scan_yaml_items(&text, &mut names, &mut items, &mut conds);
        }
        if names.is_empty() || conds.is_empty() {
            eprintln!("skipping: no lists found in {dir}");
            return;
        }
        let lists: Vec<(&str, &[String])> = names
            .iter()
            .zip(&items)
            .map(|(n, i): (&String, &Vec<String>)| (n.as_str(), i.as_slice()))
            .collect();
        let start = std::time::Instant::now();
        let substituter = Substituter::new(&lists);
        let mut used = vec![false; lists.len()];
        let fast: Vec<String> = conds
            .iter()
            .map(|c| substituter.substitute(c, &mut used))
            .collect();
        let elapsed = start.elapsed();
        eprintln!(
            "{} conditions x {} lists substituted in {elapsed:?}",
            conds.len(),
            lists.len()
        );
        let mut naive_used = vec![false; lists.len()];
        for (cond, got) in conds.iter().zip(&fast) {
            assert_eq!(
                *got,
                substitute_naive(cond, &lists, &mut naive_used),
                "{cond}"
            );
        }
        assert_eq!(used, naive_used);
        assert!(used.iter().any(|u| *u));
        // Generous bound for an unoptimised test build on a busy machine.
        assert!(
            elapsed.as_millis() < 200,
            "{} conditions x {} lists took {elapsed:?}",
            conds.len(),
            lists.len()
        );
    }

    /// A rough line-based reader for the upstream files' `- list:` items (flow sequences on one
    /// line) and `condition:` values (single-line or indented block scalars); enough for a
    /// realistic workload without depending on the YAML loader.
    fn scan_yaml_items(
        text: &str,
        names: &mut Vec<String>,
        items: &mut Vec<Vec<String>>,
        conds: &mut Vec<String>,
    ) {
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i].trim();
            if let Some(name) = line.strip_prefix("- list:") {
                names.push(name.trim().to_string());
                items.push(Vec::new());
            } else if let Some(rest) = line.strip_prefix("items:") {
                let rest = rest.trim().trim_start_matches('[').trim_end_matches(']');
                if let Some(last) = items.last_mut() {
                    last.extend(
                        rest.split(',')
                            .map(|s| s.trim().trim_matches('"').to_string())
                            .filter(|s| !s.is_empty()),
                    );
                }
            } else if let Some(rest) = line.strip_prefix("condition:") {
                let rest = rest.trim();
                if rest.starts_with('>') || rest.starts_with('|') || rest.is_empty() {
                    let mut cond = String::new();
                    while i + 1 < lines.len() && lines[i + 1].starts_with("    ") {
                        i += 1;
                        cond.push_str(lines[i].trim());
                        cond.push(' ');
                    }
                    conds.push(cond);
                } else {
                    conds.push(rest.to_string());
                }
            }
            i += 1;
        }
    }
}
