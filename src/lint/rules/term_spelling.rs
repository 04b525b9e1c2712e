//! `term-spelling`: product and technology names in their canonical spelling (Elasticsearch,
//! PostgreSQL, Kubernetes, gRPC, …), in answers, examples and questions. A name is reported in
//! another case or with other separators, and a long name with one letter slipped inside it; a
//! name inside code, a path or a file name is not prose and never read (`crate::lint::prose`).
//! The built-in list lives in `src/lint/rules/words.toml`; `[rules.term-spelling] words` replaces
//! it and `extend-words` adds to it.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::lint::prose::prose_ranges;
use crate::lint::rules::{builtin_terms, term_key};
use crate::lint::{Case, Field, Finding, Prose, Rule, RuleDoc, RuleOptions};
use crate::model::{Card, Severity};

pub struct TermSpelling {
    /// The configured names; `None`: the built-in list.
    pub custom: Option<TermList>,
}

/// Names shorter than this (in letters and digits) are found only as written, up to case and
/// separators: one letter away from a short name there is often another word or another name.
const SLIP_MIN_LEN: usize = 8;

/// Known names: written form (see [`term_key`]) → canonical spelling, and one case-insensitive
/// pattern for all of them. A name is found in any case ("ElasticSearch", "kubernetes"), with a `.`
/// or `-` between its parts ("Java-Script", "Node.JS"), and with a space only where it has one or
/// an alias does ("Postgres SQL"): "a Docker file" and "my SQL query" are words, not names. A long
/// name is also found with one letter slipped inside it ("Dockefile"): see [`TermList::slip`].
pub struct TermList {
    names: BTreeMap<String, String>,
    /// Keys of the names long enough for slips, with their canonical spelling.
    long: Vec<(String, String)>,
    regex: Regex,
}

/// What is wrong with a name as written.
enum Verdict<'a> {
    /// The name, in another case or with other separators.
    Spelled(&'a str),
    /// One letter off inside a long name.
    Slip(&'a str),
}

impl TermList {
    pub fn new(terms: &[String], aliases: &BTreeMap<String, String>) -> Result<Self, String> {
        let mut names = BTreeMap::new();
        let mut written: BTreeSet<(usize, String)> = BTreeSet::new();
        for term in terms {
            names.insert(term_key(term), term.clone());
        }
        for (alias, canonical) in aliases {
            names.insert(term_key(alias), canonical.clone());
        }
        for form in terms.iter().chain(aliases.keys()) {
            let key = term_key(form);
            if !key.is_empty() {
                // Longer names first, so "postgressql" wins over a shorter overlapping name.
                written.insert((usize::MAX - key.len(), written_pattern(form)));
            }
        }
        if written.is_empty() {
            return Err("no names".to_owned());
        }
        let long: Vec<(String, String)> = terms
            .iter()
            .map(|term| (term_key(term), term.clone()))
            .filter(|(key, _)| key.len() >= SLIP_MIN_LEN)
            .collect();
        // Exact forms come first: where both match at one place, the name as written wins.
        let alternatives: Vec<String> = written
            .into_iter()
            .map(|(_, pattern)| pattern)
            .chain(long.iter().flat_map(|(key, _)| slip_patterns(key)))
            .collect();
        let pattern = format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alternatives.join("|"));
        let regex = Regex::new(&pattern).map_err(|err| err.to_string())?;
        Ok(TermList { names, long, regex })
    }

    /// What is wrong with `written`, a match of the pattern, if anything.
    fn verdict(&self, written: &str) -> Option<Verdict<'_>> {
        let key = term_key(written);
        match self.names.get(&key) {
            Some(canonical) => (written != canonical).then_some(Verdict::Spelled(canonical)),
            None => self.slip(&key).map(Verdict::Slip),
        }
    }

    /// The long name `key` is one slip away from: one letter replaced, left out, added or swapped
    /// with its neighbour, never the first or the last (a plural, "Dockerfiles", or another name
    /// built on this one, "Memcachedb", changes an end).
    fn slip(&self, key: &str) -> Option<&str> {
        self.long
            .iter()
            .find(|(name, _)| one_inner_edit_apart(key.as_bytes(), name.as_bytes()))
            .map(|(_, canonical)| canonical.as_str())
    }
}

/// The pattern of one written form: its letters and digits in any case, with an optional `.` or
/// `-` where the form changes from a lower-case letter to a capital or between letters and digits
/// ("Java-Script", "Node.JS") or has a separator itself, and an optional space where it has one
/// ("postgres sql"; not in "Next.js", or "the next JS file" would be a name).
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

/// Two patterns that together match every slip inside the name `key` (and more, which
/// [`TermList::slip`] tells apart): its first letter, a run of about the length of the first half,
/// and the rest of the name; or the first half of the name, a run, and its last letter. A slip
/// touches at most two neighbouring letters, so it leaves one of the two ends intact.
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

/// Whether `written` is `name` with one edit that keeps the first and the last letter.
fn one_inner_edit_apart(written: &[u8], name: &[u8]) -> bool {
    if written == name || written.first() != name.first() || written.last() != name.last() {
        return false;
    }
    let common = written.iter().zip(name).take_while(|(a, b)| a == b).count();
    let (w, n) = (&written[common..], &name[common..]);
    match w.len().cast_signed() - n.len().cast_signed() {
        // Replaced, or swapped with the next letter.
        0 => w[1..] == n[1..] || (w.len() >= 2 && w[0] == n[1] && w[1] == n[0] && w[2..] == n[2..]),
        // A letter added, or one left out.
        1 => w[1..] == *n,
        -1 => *w == n[1..],
        _ => false,
    }
}

static BUILTIN: LazyLock<Option<TermList>> = LazyLock::new(|| {
    let (terms, aliases) = builtin_terms();
    TermList::new(&terms, &aliases).ok()
});

impl TermSpelling {
    fn list(&self) -> Option<&TermList> {
        self.custom.as_ref().or(BUILTIN.as_ref())
    }
}

/// Whether the match `start..end` of `text` is part of a longer name joined by `-` or `.`
/// ("my-redis-host", "redis.conf", "aws-elasticsearch"): then it is not the name.
fn glued(text: &str, start: usize, end: usize) -> bool {
    let mut after = text[end..].chars();
    let joined_after = match (after.next(), after.next()) {
        (Some('-'), _) => true,
        (Some('.'), Some(next)) => next.is_alphanumeric(),
        _ => false,
    };
    let mut before = text[..start].chars().rev();
    let joined_before = matches!(
        (before.next(), before.next()),
        (Some('-' | '.'), Some(prev)) if prev.is_alphanumeric()
    );
    joined_after || joined_before
}

/// The ranges of a field to read: the prose ranges given, and for the question (given whole, as
/// other rules read it) its prose, so a code span or a file name in a question is not read either.
fn ranges_to_read(field: Field, text: &str, given: &[Range<usize>]) -> Vec<Range<usize>> {
    if field != Field::Question || given.is_empty() {
        return given.to_vec();
    }
    prose_ranges(text)
        .into_iter()
        .filter(|r| given.iter().any(|g| g.start <= r.start && r.end <= g.end))
        .collect()
}

impl Rule for TermSpelling {
    fn id(&self) -> &'static str {
        "term-spelling"
    }

    fn default_level(&self) -> Severity {
        Severity::Warning
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Flags product and technology names not spelled the way their makers spell them: ElasticSearch, Postgres SQL, kubernetes, GRPC, and a letter slipped inside a long name (Dockefile).",
            why: "Names spelled right read as experience; names spelled wrong read as second-hand knowledge, and they make your notes harder to search.",
            bad: "We stored logs in ElasticSearch and ran everything on kubernetes.",
            good: "We stored logs in Elasticsearch and ran everything on Kubernetes.",
            cases: CASES,
        }
    }

    fn configure(&self, options: &RuleOptions) -> Result<Box<dyn Rule>, String> {
        options.only(self.id(), &["words", "extend-words"])?;
        let (builtin, aliases) = builtin_terms();
        let mut terms = options.words.clone().unwrap_or(builtin);
        terms.extend(options.extend_words.iter().cloned());
        let list = TermList::new(&terms, &aliases)
            .map_err(|err| format!("`term-spelling` words: {err}"))?;
        Ok(Box::new(TermSpelling { custom: Some(list) }))
    }

    fn trigger(&self) -> Option<String> {
        // The pattern carries its flags inline.
        self.list().map(|list| list.regex.as_str().to_owned())
    }

    fn check(&self, _card: &Card, prose: &Prose, out: &mut Vec<Finding>) {
        let Some(list) = self.list() else {
            return;
        };
        for (field, text, given) in &prose.fields {
            for range in ranges_to_read(*field, text, given) {
                for m in list.regex.find_iter(&text[range.clone()]) {
                    let span = range.start + m.start()..range.start + m.end();
                    if glued(text, span.start, span.end) {
                        continue;
                    }
                    let written = m.as_str();
                    let (message, canonical) = match list.verdict(written) {
                        Some(Verdict::Spelled(name)) => {
                            (format!("`{written}` is spelled `{name}`"), name)
                        }
                        Some(Verdict::Slip(name)) => (
                            format!("`{written}` looks like a misspelling of `{name}`"),
                            name,
                        ),
                        None => continue,
                    };
                    out.push(Finding {
                        field: *field,
                        span,
                        message,
                        help: format!("write `{canonical}`"),
                    });
                }
            }
        }
    }
}

/// Borderline cases for `prep explain term-spelling`.
const CASES: &[Case] = &[
    Case {
        text: "Build it from the Dockefile in the repository root.",
        flagged: true,
        why: "one letter is missing inside a long name: a slip, not another word",
    },
    Case {
        text: "We keep three Dockerfiles, one per service.",
        flagged: false,
        why: "a plural changes the end of the name, not its inside",
    },
    Case {
        text: "Each team writes its own Docker file.",
        flagged: false,
        why: "two words: a file for Docker, not a misspelled name",
    },
    Case {
        text: "Processes are confined by SElinux policies.",
        flagged: true,
        why: "the name in the wrong case: SELinux",
    },
    Case {
        text: "Copy the defaults into settings.yaml first.",
        flagged: false,
        why: "a file name is code, not the format's name",
    },
    Case {
        text: "The data lives under /var/lib/postgresql on the host.",
        flagged: false,
        why: "a path is code",
    },
    Case {
        text: "There is no SQL in my SQL-free design.",
        flagged: false,
        why: "\"no SQL\" is two words; NoSQL is matched only when written as one",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::test_support::flagged;

    const BUILT_IN: TermSpelling = TermSpelling { custom: None };

    #[test]
    fn flags_misspelled_names() {
        assert_eq!(
            flagged(&BUILT_IN, "Logs go to ElasticSearch on kubernetes."),
            ["ElasticSearch", "kubernetes"]
        );
        assert_eq!(
            flagged(&BUILT_IN, "It is the default in Postgres SQL."),
            ["Postgres SQL"]
        );
        assert_eq!(
            flagged(&BUILT_IN, "We call it over GRPC from NodeJS."),
            ["GRPC", "NodeJS"]
        );
    }

    #[test]
    fn spares_canonical_spellings_and_other_words() {
        assert!(
            flagged(
                &BUILT_IN,
                "Elasticsearch, PostgreSQL 16, Kubernetes, gRPC and Node.js."
            )
            .is_empty()
        );
        assert!(
            flagged(
                &BUILT_IN,
                "OAuth2 tokens, a postgres role, `kubernetes` in code."
            )
            .is_empty()
        );
    }

    #[test]
    fn flags_names_in_the_wrong_case() {
        assert_eq!(
            flagged(
                &BUILT_IN,
                "Pods run confined by SElinux; DBScan finds the clusters."
            ),
            ["SElinux", "DBScan"]
        );
        assert_eq!(
            flagged(&BUILT_IN, "We wrote it in Javascript and Typescript."),
            ["Javascript", "Typescript"]
        );
    }

    #[test]
    fn flags_a_letter_slipped_inside_a_long_name() {
        assert_eq!(
            flagged(
                &BUILT_IN,
                "Build it from the Containerfile/Dockefile, then deploy to Kuberentes."
            ),
            ["Dockefile", "Kuberentes"]
        );
        let mut out = Vec::new();
        let card = crate::lint::rules::test_support::card("Q?", "Ship the Dockerflie.");
        BUILT_IN.check(&card, &Prose::of(&card), &mut out);
        assert_eq!(
            out[0].message,
            "`Dockerflie` looks like a misspelling of `Dockerfile`"
        );
    }

    #[test]
    fn spares_plurals_words_and_other_names_near_a_name() {
        for text in [
            "We keep three Dockerfiles and one Docker file per team.",
            "There is no SQL in my SQL-free notes; my SQL skills grew.",
            "Run JS on the server, then move to ML, and open the next JS file.",
            "Terraformed and terraforms are verbs; Memcachedb is its own store.",
            "The aws-elasticsearch module and my-redis-host are identifiers.",
        ] {
            assert!(
                flagged(&BUILT_IN, text).is_empty(),
                "{text}: {:?}",
                flagged(&BUILT_IN, text)
            );
        }
    }

    #[test]
    fn spares_names_inside_code_paths_files_and_flags() {
        for text in [
            "Edit settings.yaml and package.json, then run with --format=json.",
            "Data lives in /var/lib/postgresql and ~/mongodb/data; send application/json.",
            "Set ${REDIS_URL} and SELINUX=enforcing; see <code>kubernetes</code> here.",
            "Call os.path.join or Kubernetes::client, or run `dockefile` in code.",
        ] {
            assert!(
                flagged(&BUILT_IN, text).is_empty(),
                "{text}: {:?}",
                flagged(&BUILT_IN, text)
            );
        }
    }

    #[test]
    fn reads_the_question_as_prose_too() {
        let flagged_in_question = |question: &str| {
            let card = crate::lint::rules::test_support::card(question, "An answer.");
            let mut out = Vec::new();
            BUILT_IN.check(&card, &Prose::of(&card), &mut out);
            out.into_iter()
                .map(|f| question[f.span].to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            flagged_in_question("How does SElinux confine a pod?"),
            ["SElinux"]
        );
        assert!(flagged_in_question("What goes in `yaml` and settings.yaml?").is_empty());
        assert!(flagged_in_question("What does --output=json print?").is_empty());
    }

    #[test]
    fn a_slip_is_one_inner_edit() {
        let slip = |a: &str, b: &str| one_inner_edit_apart(a.as_bytes(), b.as_bytes());
        assert!(slip("dockefile", "dockerfile"));
        assert!(slip("dockrefile", "dockerfile"));
        assert!(slip("dockerfiile", "dockerfile"));
        assert!(slip("dockarfile", "dockerfile"));
        assert!(!slip("dockerfiles", "dockerfile"));
        assert!(!slip("ockerfile", "dockerfile"));
        assert!(!slip("dockerfile", "dockerfile"));
        assert!(!slip("dockrefiel", "dockerfile"));
    }

    #[test]
    fn the_pattern_finds_every_slip_inside_every_long_name() {
        let Some(list) = BUILT_IN.list() else {
            panic!("the built-in list compiles");
        };
        for (key, canonical) in &list.long {
            let n = key.len();
            let mut slips = Vec::new();
            for p in 1..n - 1 {
                slips.push(format!("{}{}", &key[..p], &key[p + 1..]));
                slips.push(format!("{}x{}", &key[..p], &key[p + 1..]));
                slips.push(format!("{}q{}", &key[..p], &key[p..]));
                if p + 2 < n {
                    let b = key.as_bytes();
                    slips.push(format!(
                        "{}{}{}{}",
                        &key[..p],
                        b[p + 1] as char,
                        b[p] as char,
                        &key[p + 2..]
                    ));
                }
            }
            slips.push(format!("{}q{}", &key[..n - 1], &key[n - 1..]));
            for slip in slips.iter().filter(|s| *s != key) {
                let found = list.regex.find(slip).map(|m| m.as_str());
                assert_eq!(found, Some(slip.as_str()), "{slip} for {canonical}");
                assert!(
                    matches!(list.verdict(slip), Some(Verdict::Slip(name)) if name == canonical),
                    "{slip}"
                );
            }
        }
    }

    #[test]
    fn a_slip_names_one_name_and_no_name_is_a_slip_of_another() {
        let Some(list) = BUILT_IN.list() else {
            panic!("the built-in list compiles");
        };
        // Aliases are misspellings of their own name on purpose.
        for (a, name) in &list.long {
            for (b, _) in list.names.iter().filter(|(_, other)| *other != name) {
                assert!(
                    !one_inner_edit_apart(b.as_bytes(), a.as_bytes()),
                    "{b} is a slip of {a}"
                );
            }
        }
    }

    #[test]
    fn the_documented_cases_hold() {
        for case in BUILT_IN.doc().cases {
            let found = flagged(&BUILT_IN, case.text);
            assert_eq!(!found.is_empty(), case.flagged, "{}: {found:?}", case.text);
        }
    }

    #[test]
    fn extend_words_adds_names_and_words_replaces_the_list() {
        let extended = BUILT_IN
            .configure(&RuleOptions {
                extend_words: vec!["ClickHouse".into()],
                ..RuleOptions::default()
            })
            .unwrap();
        assert_eq!(
            flagged(extended.as_ref(), "We moved to Clickhouse on kubernetes."),
            ["Clickhouse", "kubernetes"]
        );
        let replaced = BUILT_IN
            .configure(&RuleOptions {
                words: Some(vec!["ClickHouse".into()]),
                ..RuleOptions::default()
            })
            .unwrap();
        assert_eq!(
            flagged(replaced.as_ref(), "We moved to Clickhouse on kubernetes."),
            ["Clickhouse"]
        );
        assert!(
            BUILT_IN
                .configure(&RuleOptions {
                    max_items: Some(3),
                    ..RuleOptions::default()
                })
                .is_err()
        );
    }
}
