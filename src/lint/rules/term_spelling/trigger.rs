//! `term-spelling`'s list as one case-insensitive regular expression, for the phrase screen
//! ([`crate::lint::screen`]): the rule finds names with `names` and slips with `slips`, but the
//! screen runs one automaton over every phrase rule's expression, and an expression that matches
//! wherever the rule can find something lets it screen out the prose where the rule has nothing to
//! do. Only for lists short enough that the expression stays small.

use std::collections::BTreeSet;

use crate::lint::rules::term_key;

/// The whole list as one case-insensitive expression, for the phrase screen: it matches wherever
/// the rule can find something (every written form, and a superset of the slips of each long name),
/// so screening out prose where it does not match loses nothing.
pub fn trigger<'a>(forms: impl Iterator<Item = &'a str>, long: &[(String, String)]) -> String {
    let mut written: BTreeSet<(usize, String)> = BTreeSet::new();
    for form in forms {
        let key = term_key(form);
        if !key.is_empty() {
            written.insert((usize::MAX - key.len(), written_pattern(form)));
        }
    }
    let alternatives: Vec<String> = written
        .into_iter()
        .map(|(_, pattern)| pattern)
        .chain(long.iter().flat_map(|(key, _)| slip_patterns(key)))
        .collect();
    format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alternatives.join("|"))
}

/// The expression of one written form (for [`trigger`]; `names` finds them): its letters and digits
/// in any case, with an optional `.` or `-` where the form changes from a lower-case letter to a
/// capital or between letters and digits ("Java-Script", "Node.JS") or has a separator itself, and
/// an optional space where it has one ("postgres sql"; not in "Next.js", or "the next JS file"
/// would be a name).
fn written_pattern(form: &str) -> String {
    let mut pattern = String::new();
    let mut previous: Option<char> = None;
    let mut separated = false;
    let mut space = false;
    for c in form.chars() {
        if !c.is_ascii_alphanumeric() {
            separated = true;
            space |= c.is_whitespace();
            continue;
        }
        if let Some(p) = previous {
            let hump = (p.is_ascii_lowercase() && c.is_ascii_uppercase())
                || (p.is_ascii_digit() != c.is_ascii_digit());
            if space {
                pattern.push_str("[ .-]?");
            } else if separated || hump {
                pattern.push_str("[.-]?");
            }
        }
        pattern.push(c.to_ascii_lowercase());
        previous = Some(c);
        separated = false;
        space = false;
    }
    pattern
}

/// Two patterns (for [`trigger`]) that together match every slip inside the name `key` (and more,
/// which the rule tells apart): its first letter, a run of about the length of the first half, and
/// the rest of the name; or the first half of the name, a run, and its last letter. A slip touches
/// at most two neighbouring letters, so it leaves one of the two ends intact.
fn slip_patterns(key: &str) -> [String; 2] {
    let n = key.len();
    let middle = n / 2;
    // The first letter, then what stands for key[1..=middle] (one letter more or less), then the rest.
    let head = format!(
        "{}[a-z0-9]{{{},{}}}{}",
        regex::escape(&key[..1]),
        middle - 1,
        middle + 1,
        regex::escape(&key[middle + 1..])
    );
    // key[..middle], then what stands for key[middle..n - 1], then the last letter.
    let tail = format!(
        "{}[a-z0-9]{{{},{}}}{}",
        regex::escape(&key[..middle]),
        n - middle - 2,
        n - middle,
        regex::escape(&key[n - 1..])
    );
    [head, tail]
}
