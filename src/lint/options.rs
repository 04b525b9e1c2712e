//! The options a rule takes in `[rules.<id>]` besides `level`. Each rule declares its options once
//! ([`crate::lint::Rule::options`]: name, type, default, one-line doc); from those declarations come
//! the checking of `lints.toml` (an option the rule does not take, or a value of another type, is
//! an error pointing at it, with the nearest option the rule does take) and the lines `prep init`
//! writes under the rule. A rule's `configure` then reads typed values and never sees a raw one.

use std::collections::BTreeMap;
use std::ops::Range;

use thiserror::Error;
use toml::Spanned;

/// One option of a rule.
#[derive(Debug, Clone, Copy)]
pub struct OptionDecl {
    /// The key in `[rules.<id>]`, kebab-case.
    pub name: &'static str,
    pub kind: OptionKind,
    /// What the option does, in one line.
    pub doc: &'static str,
}

/// An option's type, with its default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    /// A whole number; the default.
    Count(usize),
    /// A list of strings (words, names or patterns). Empty by default, unless `builtin`: then the
    /// default is the rule's built-in list, too long to write out.
    Words { builtin: bool },
}

impl OptionDecl {
    /// A whole number, `default` unless set.
    pub const fn count(name: &'static str, default: usize, doc: &'static str) -> Self {
        OptionDecl {
            name,
            kind: OptionKind::Count(default),
            doc,
        }
    }

    /// A list of strings, empty unless set: it adds to something.
    pub const fn words(name: &'static str, doc: &'static str) -> Self {
        OptionDecl {
            name,
            kind: OptionKind::Words { builtin: false },
            doc,
        }
    }

    /// A list of strings in place of the rule's built-in one.
    pub const fn builtin_words(name: &'static str, doc: &'static str) -> Self {
        OptionDecl {
            name,
            kind: OptionKind::Words { builtin: true },
            doc,
        }
    }
}

impl OptionKind {
    /// What a value of this type looks like, for messages.
    fn expected(self) -> &'static str {
        match self {
            OptionKind::Count(_) => "a whole number, such as 10",
            OptionKind::Words { .. } => "a list of strings, such as [\"word\"]",
        }
    }
}

/// A value of a declared type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionValue {
    Count(usize),
    Words(Vec<String>),
}

/// The options given to one rule, each checked against the rule's declarations and of its
/// declared type. Options not given are absent: the rule knows its defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleOptions {
    values: BTreeMap<&'static str, OptionValue>,
}

impl RuleOptions {
    /// These options, for a rule that declares them (tests; `lints.toml` goes through [`check`]).
    #[cfg(test)]
    pub fn of(values: impl IntoIterator<Item = (&'static str, OptionValue)>) -> Self {
        RuleOptions {
            values: values.into_iter().collect(),
        }
    }

    /// The number given as `name`, if any.
    pub fn count(&self, name: &str) -> Option<usize> {
        match self.values.get(name) {
            Some(OptionValue::Count(count)) => Some(*count),
            _ => None,
        }
    }

    /// The list given as `name`, if any.
    pub fn words(&self, name: &str) -> Option<&[String]> {
        match self.values.get(name) {
            Some(OptionValue::Words(words)) => Some(words),
            _ => None,
        }
    }
}

/// What a rule's `configure` refuses in options of the right type (a pattern that would match
/// everything, a list that does not compile): the message, what to do, and the option to point at
/// (`None`: the options together).
#[derive(Debug, Error)]
#[error("{message}")]
pub struct ConfigureError {
    pub option: Option<&'static str>,
    pub message: String,
    pub help: String,
}

/// An option a rule does not declare, or a value of another type than declared.
#[derive(Debug, Error)]
pub enum OptionError {
    #[error("`{rule}` takes no options; {given} given")]
    NoOptions {
        rule: &'static str,
        given: String,
        /// `level`, when a given key is a slip of it.
        nearest: Option<&'static str>,
    },
    #[error("`{rule}` has no option `{name}` (it takes: {takes})")]
    Unknown {
        rule: &'static str,
        name: String,
        takes: String,
        /// The key nearest to `name` (an option or `level`), for "did you mean".
        nearest: Option<&'static str>,
    },
    #[error("{}", .source.message().trim())]
    WrongType {
        option: &'static str,
        expected: &'static str,
        #[source]
        source: Box<toml::de::Error>,
    },
}

impl OptionError {
    pub fn help(&self) -> String {
        match self {
            OptionError::NoOptions {
                nearest: Some(name),
                ..
            }
            | OptionError::Unknown {
                nearest: Some(name),
                ..
            } => format!("did you mean `{name}`?"),
            OptionError::NoOptions { rule, .. } | OptionError::Unknown { rule, .. } => {
                format!("`prep explain {rule}` says what the rule takes")
            }
            OptionError::WrongType {
                option, expected, ..
            } => format!("`{option}` takes {expected}"),
        }
    }
}

/// The options `given` under `[rules.<rule>]`, checked against `declared` and converted to their
/// types; an error comes with the place in `lints.toml` to point at.
pub fn check(
    rule: &'static str,
    declared: &'static [OptionDecl],
    given: &BTreeMap<Spanned<String>, Spanned<toml::Value>>,
) -> Result<RuleOptions, (OptionError, Range<usize>)> {
    let mut options = RuleOptions::default();
    for (name, value) in given {
        let Some(decl) = declared.iter().find(|d| d.name == name.get_ref()) else {
            return Err((unknown(rule, declared, name.get_ref(), given), name.span()));
        };
        let typed = match decl.kind {
            OptionKind::Count(_) => value.get_ref().clone().try_into().map(OptionValue::Count),
            OptionKind::Words { .. } => value.get_ref().clone().try_into().map(OptionValue::Words),
        };
        let typed = typed.map_err(|source| {
            let error = OptionError::WrongType {
                option: decl.name,
                expected: decl.kind.expected(),
                source: Box::new(source),
            };
            (error, value.span())
        })?;
        options.values.insert(decl.name, typed);
    }
    Ok(options)
}

/// The error for `name`, which `rule` does not declare.
fn unknown(
    rule: &'static str,
    declared: &'static [OptionDecl],
    name: &str,
    given: &BTreeMap<Spanned<String>, Spanned<toml::Value>>,
) -> OptionError {
    let names = declared.iter().map(|d| d.name);
    let nearest = nearest(name, names.clone().chain(["level"]));
    if declared.is_empty() {
        let given: Vec<&str> = given.keys().map(|k| k.get_ref().as_str()).collect();
        return OptionError::NoOptions {
            rule,
            given: given.join(", "),
            nearest,
        };
    }
    OptionError::Unknown {
        rule,
        name: name.to_owned(),
        takes: names.collect::<Vec<_>>().join(", "),
        nearest,
    }
}

/// The candidate nearest to `word`, at most three edits away, for "did you mean".
pub fn nearest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|name| (strsim::damerau_levenshtein(word, name), name))
        .min()
        .filter(|(distance, _)| *distance <= 3)
        .map(|(_, name)| name)
}

/// The lines `prep init` writes under `[rules.<id>]` for these options, commented out at their
/// defaults. A built-in list is not written out (its sibling's doc names it), and a comment
/// follows only an empty list, whose value does not show what goes in it.
pub fn template_lines(declared: &[OptionDecl]) -> Vec<String> {
    declared
        .iter()
        .filter_map(|decl| match decl.kind {
            OptionKind::Count(default) => Some(format!("# {} = {default}", decl.name)),
            OptionKind::Words { builtin: false } => {
                Some(format!("# {} = []   # {}", decl.name, decl.doc))
            }
            OptionKind::Words { builtin: true } => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECLARED: &[OptionDecl] = &[
        OptionDecl::count("max-things", 5, "more things than this are flagged"),
        OptionDecl::words("extend-things", "more things"),
        OptionDecl::builtin_words("things", "replace the built-in things"),
    ];

    fn given(text: &str) -> BTreeMap<Spanned<String>, Spanned<toml::Value>> {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn declared_options_come_back_typed() {
        let options = check(
            "rule",
            DECLARED,
            &given("max-things = 3\nextend-things = ['a', 'b']\n"),
        )
        .unwrap();
        assert_eq!(options.count("max-things"), Some(3));
        assert_eq!(
            options.words("extend-things"),
            Some(&["a".to_owned(), "b".to_owned()][..])
        );
        assert_eq!(options.words("things"), None);
    }

    #[test]
    fn a_rule_without_options_names_those_given() {
        let (error, _) = check("rule", &[], &given("a = 1\nb = 2\n")).unwrap_err();
        assert_eq!(error.to_string(), "`rule` takes no options; a, b given");
        assert_eq!(error.help(), "`prep explain rule` says what the rule takes");
        let (error, _) = check("rule", &[], &given("levle = 'off'\n")).unwrap_err();
        assert_eq!(error.help(), "did you mean `level`?");
    }

    #[test]
    fn the_template_shows_defaults_and_the_docs_of_empty_lists() {
        assert_eq!(
            template_lines(DECLARED),
            ["# max-things = 5", "# extend-things = []   # more things"]
        );
    }
}
