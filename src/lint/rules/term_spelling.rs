//! `term-spelling`: product and technology names in their canonical spelling (Elasticsearch,
//! PostgreSQL, Kubernetes, gRPC, …), in answers, examples and questions. A name is reported in
//! another case or with other separators, and a long name with one letter slipped inside it; a
//! name inside code, a path or a file name is not prose and never read (`crate::lint::prose`).
//! The built-in list lives in `src/lint/rules/words.toml`; `[rules.term-spelling] words` replaces
//! it and `extend-words` adds to it.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use crate::lint::prose::prose_ranges;
use crate::lint::rules::{builtin_terms, term_key};
use crate::lint::{
    Case, ConfigureError, Field, Finding, OptionDecl, Prose, Rule, RuleDoc, RuleOptions,
};
use crate::model::{Card, Severity};

mod names;
mod slips;
mod trigger;

use names::NameFinder;
use slips::SlipIndex;
use trigger::trigger;

pub struct TermSpelling {
    /// The configured names; `None`: the built-in list.
    pub custom: Option<TermList>,
}

/// Names shorter than this (in letters and digits) are found only as written, up to case and
/// separators: one letter away from a short name there is often another word or another name.
const SLIP_MIN_LEN: usize = 8;

/// Above this many written forms the rule offers no trigger to the phrase screen: the expression
/// would be as large as the one [`NameFinder`] replaces (and the rule then reads all prose).
const SCREENED_FORMS: usize = 500;

/// Known names: written form (see [`term_key`]) → canonical spelling. A name is found in any case
/// ("ElasticSearch", "kubernetes"), with a `.` or `-` between its parts ("Java-Script", "Node.JS"),
/// and with a space only where it has one or an alias does ("Postgres SQL"): "a Docker file" and
/// "my SQL query" are words, not names (`names`). A long name is also found with one letter
/// slipped inside it ("Dockefile"): see [`TermList::slip`]. Both in time linear in the text, for a
/// list of any length (one regular expression over every name exceeded the regex size limit at
/// about 2,000 names).
pub struct TermList {
    names: BTreeMap<String, String>,
    /// Keys of the names long enough for slips, with their canonical spelling.
    long: Vec<(String, String)>,
    finder: NameFinder,
    slips: SlipIndex,
    /// The list as one expression for the phrase screen, when it is short enough.
    trigger: Option<String>,
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
        for term in terms {
            names.insert(term_key(term), term.clone());
        }
        for (alias, canonical) in aliases {
            names.insert(term_key(alias), canonical.clone());
        }
        let forms = || terms.iter().chain(aliases.keys()).map(String::as_str);
        let finder = NameFinder::new(forms())?.ok_or_else(|| "no names".to_owned())?;
        let long: Vec<(String, String)> = terms
            .iter()
            .map(|term| (term_key(term), term.clone()))
            .filter(|(key, _)| key.len() >= SLIP_MIN_LEN)
            .collect();
        let slips = SlipIndex::new(long.iter().map(|(key, _)| key.as_str()));
        let trigger = (forms().count() <= SCREENED_FORMS).then(|| trigger(forms(), &long));
        Ok(TermList {
            names,
            long,
            finder,
            slips,
            trigger,
        })
    }

    /// Where `text` holds a name as written, or a word that is a slip of a long name, left to
    /// right: the spans [`TermList::verdict`] judges.
    fn find_iter(&self, text: &str) -> Vec<Range<usize>> {
        self.finder.scan(text, |key| self.slip(key).is_some())
    }

    /// What is wrong with `written`, a match of the pattern, if anything.
    fn verdict(&self, written: &str) -> Option<Verdict<'_>> {
        let key = term_key(written);
        match self.names.get(&key) {
            Some(canonical) => (written != canonical).then_some(Verdict::Spelled(canonical)),
            None => self.slip(key.as_bytes()).map(Verdict::Slip),
        }
    }

    /// The long name `key` is one slip away from (the first in the list): one letter replaced,
    /// left out, added or swapped with its neighbour, never the first or the last (a plural,
    /// "Dockerfiles", or another name built on this one, "Memcachedb", changes an end).
    fn slip(&self, key: &[u8]) -> Option<&str> {
        self.slips
            .candidates(key)
            .into_iter()
            .filter(|&place| one_inner_edit_apart(key, self.long[place].0.as_bytes()))
            .min()
            .map(|place| self.long[place].1.as_str())
    }
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

/// Its list of names, replaced or extended.
const OPTIONS: &[OptionDecl] = &[
    OptionDecl::builtin_words("words", "canonical names in place of the built-in list"),
    OptionDecl::words(
        "extend-words",
        "more canonical names, e.g. [\"ClickHouse\"]; `words = [...]` replaces the list",
    ),
];

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

    fn options(&self) -> &'static [OptionDecl] {
        OPTIONS
    }

    fn configure(&self, options: &RuleOptions) -> Result<Box<dyn Rule>, ConfigureError> {
        let (builtin, aliases) = builtin_terms();
        let mut terms = options.words("words").map_or(builtin, <[String]>::to_vec);
        terms.extend(
            options
                .words("extend-words")
                .unwrap_or_default()
                .iter()
                .cloned(),
        );
        let list = TermList::new(&terms, &aliases).map_err(|err| ConfigureError {
            option: None,
            message: format!("`term-spelling` words: {err}"),
            help: "names are plain words, written as their makers spell them".to_owned(),
        })?;
        Ok(Box::new(TermSpelling { custom: Some(list) }))
    }

    fn trigger(&self) -> Option<String> {
        // The pattern carries its flags inline.
        self.list().and_then(|list| list.trigger.clone())
    }

    fn check(&self, _card: &Card, prose: &Prose, out: &mut Vec<Finding>) {
        let Some(list) = self.list() else {
            return;
        };
        for (field, text, given) in &prose.fields {
            for range in ranges_to_read(*field, text, given) {
                for found in list.find_iter(&text[range.clone()]) {
                    let span = range.start + found.start..range.start + found.end;
                    if glued(text, span.start, span.end) {
                        continue;
                    }
                    let written = &text[span.clone()];
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
    use crate::lint::options::OptionValue;
    use crate::lint::rules::test_support::{
        assert_documented_cases, card, findings, flagged, flagged_in_question,
    };

    const BUILT_IN: TermSpelling = TermSpelling { custom: None };

    /// Asserts that the built-in names flag nothing in any of `texts`.
    fn assert_spares(texts: &[&str]) {
        for text in texts {
            let found = flagged(&BUILT_IN, text);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }

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
        assert_spares(&[
            "Elasticsearch, PostgreSQL 16, Kubernetes, gRPC and Node.js.",
            "OAuth2 tokens, a postgres role, `kubernetes` in code.",
        ]);
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
        let found = findings(&BUILT_IN, &card("Q?", "Ship the Dockerflie."));
        assert_eq!(
            found[0].message,
            "`Dockerflie` looks like a misspelling of `Dockerfile`"
        );
    }

    #[test]
    fn spares_plurals_words_and_other_names_near_a_name() {
        assert_spares(&[
            "We keep three Dockerfiles and one Docker file per team.",
            "There is no SQL in my SQL-free notes; my SQL skills grew.",
            "Run JS on the server, then move to ML, and open the next JS file.",
            "Terraformed and terraforms are verbs; Memcachedb is its own store.",
            "The aws-elasticsearch module and my-redis-host are identifiers.",
        ]);
    }

    #[test]
    fn spares_names_inside_code_paths_files_and_flags() {
        assert_spares(&[
            "Edit settings.yaml and package.json, then run with --format=json.",
            "Data lives in /var/lib/postgresql and ~/mongodb/data; send application/json.",
            "Set ${REDIS_URL} and SELINUX=enforcing; see <code>kubernetes</code> here.",
            "Call os.path.join or Kubernetes::client, or run `dockefile` in code.",
        ]);
    }

    #[test]
    fn reads_the_question_as_prose_too() {
        let in_question = |question: &str| flagged_in_question(&BUILT_IN, question);
        assert_eq!(in_question("How does SElinux confine a pod?"), ["SElinux"]);
        assert!(in_question("What goes in `yaml` and settings.yaml?").is_empty());
        assert!(in_question("What does --output=json print?").is_empty());
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
        let trigger = regex::Regex::new(list.trigger.as_deref().unwrap()).unwrap();
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
                let found: Vec<&str> = list.find_iter(slip).into_iter().map(|r| &slip[r]).collect();
                assert_eq!(found, [slip.as_str()], "{slip} for {canonical}");
                // The phrase screen lets it through.
                assert_eq!(trigger.find(slip).map(|m| m.as_str()), Some(slip.as_str()));
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
        assert_documented_cases(BUILT_IN.doc().cases, |text| flagged(&BUILT_IN, text));
    }

    #[test]
    fn extend_words_adds_names_and_words_replaces_the_list() {
        let names = |names: &[&str]| OptionValue::Words(names.iter().map(|&n| n.into()).collect());
        let extended = BUILT_IN
            .configure(&RuleOptions::of([("extend-words", names(&["ClickHouse"]))]))
            .unwrap();
        assert_eq!(
            flagged(extended.as_ref(), "We moved to Clickhouse on kubernetes."),
            ["Clickhouse", "kubernetes"]
        );
        let replaced = BUILT_IN
            .configure(&RuleOptions::of([("words", names(&["ClickHouse"]))]))
            .unwrap();
        assert_eq!(
            flagged(replaced.as_ref(), "We moved to Clickhouse on kubernetes."),
            ["Clickhouse"]
        );
        let given = toml::from_str("max-items = 3").unwrap();
        assert!(crate::lint::options::check(BUILT_IN.id(), BUILT_IN.options(), &given).is_err());
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// The names and slips found in any ASCII text are those the one expression over the
        /// built-in list found (the phrase screen's trigger is that expression): what changed is
        /// only how they are found.
        #[test]
        fn finds_what_the_one_expression_found(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![
                        "Kubernetes", "kuberentes", "Dockefile", "Dockerfiles", "Node", "js", "JS",
                        "Postgres", "SQL", "PostgreSQL", "db", "elastic", "search", "Java", "script",
                        "my", "no", "IPv4", "v4", "Next", "Containerfile", "Containrfile", "x_y",
                        "Terraform", "Terrafrom", "Memcachedb", "Git", "Hub", "Mongo", "DB",
                    ])
                    .prop_map(str::to_owned),
                    "[a-zA-Z0-9]{1,12}",
                ],
                1..12,
            ),
            separators in proptest::collection::vec(
                proptest::sample::select(vec![" ", ".", "-", "", ", ", "_", "--", " - ", "/"]),
                12,
            ),
        ) {
            let mut text = String::new();
            for (part, separator) in parts.iter().zip(&separators) {
                text.push_str(part);
                text.push_str(separator);
            }
            let Some(list) = BUILT_IN.list() else {
                panic!("the built-in list compiles");
            };
            static ONE: LazyLock<regex::Regex> = LazyLock::new(|| {
                let trigger = BUILT_IN.list().and_then(|list| list.trigger.clone());
                regex::Regex::new(&trigger.unwrap()).unwrap()
            });
            let judged = |spans: Vec<Range<usize>>| -> Vec<(Range<usize>, String)> {
                spans
                    .into_iter()
                    .filter_map(|span| {
                        let verdict = match list.verdict(&text[span.clone()])? {
                            Verdict::Spelled(name) => format!("spelled {name}"),
                            Verdict::Slip(name) => format!("slip of {name}"),
                        };
                        Some((span, verdict))
                    })
                    .collect()
            };
            let before = judged(ONE.find_iter(&text).map(|m| m.range()).collect());
            let now = judged(list.find_iter(&text));
            proptest::prop_assert_eq!(now, before, "{}", text);
        }
    }
}
