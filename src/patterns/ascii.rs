//! Narrowing a pattern's word escapes to ASCII.
//!
//! A Unicode word boundary forces the regex crate onto its slowest engine for every line it
//! searches (measured on boilerplate: 1.2 MB/s on a 4 MB page); an ASCII one keeps the fast
//! engines. Unicode `\w` and `\d` compile to large automata, slow to build and to run. Our phrases
//! and boilerplate patterns are matched at ASCII word edges anyway, and claims are written with
//! ASCII letters and digits around them: the lint lists read `\w` and `\d` as ASCII, other
//! letters and digits count as non-word characters. The rewrite works on the pattern's syntax
//! tree, so an escaped backslash (`\\b`) stays a backslash and a `\w` inside a bracketed class
//! (`[\w-]`) becomes a class item, not a nested group.

use regex_syntax::ast::parse::Parser;
use regex_syntax::ast::print::Printer;
use regex_syntax::ast::{
    AssertionKind, Ast, ClassAscii, ClassAsciiKind, ClassPerlKind, ClassSet, ClassSetItem, Flag,
    Flags, FlagsItem, FlagsItemKind, Group, GroupKind, Span,
};

/// `pattern` with its word boundaries (`\b`, `\B`, `\b{start}` …) made ASCII.
pub fn ascii_word_boundaries(pattern: &str) -> String {
    rewrite(pattern, false)
}

/// `pattern` with its word boundaries, `\w` and `\d` made ASCII (`\s` and the negated classes
/// stay as written: made ASCII they could match half a character).
pub fn ascii_word_classes(pattern: &str) -> String {
    rewrite(pattern, true)
}

fn rewrite(pattern: &str, classes: bool) -> String {
    // A pattern that does not parse is left alone: compiling it reports the error, with its place.
    let Ok(mut ast) = Parser::new().parse(pattern) else {
        return pattern.to_owned();
    };
    narrow(&mut ast, classes);
    let mut out = String::with_capacity(pattern.len() + 16);
    match Printer::new().print(&ast, &mut out) {
        Ok(()) => out,
        Err(_) => pattern.to_owned(),
    }
}

/// Narrows `ast` in place. The parser's nesting limit bounds the recursion.
fn narrow(ast: &mut Ast, classes: bool) {
    let wrap = match ast {
        Ast::Assertion(assertion) => is_word_boundary(&assertion.kind),
        Ast::ClassPerl(perl) => classes && !perl.negated && ascii_kind(&perl.kind).is_some(),
        Ast::ClassBracketed(class) => {
            if classes {
                narrow_set(&mut class.kind);
            }
            false
        }
        Ast::Repetition(repetition) => {
            narrow(&mut repetition.ast, classes);
            false
        }
        Ast::Group(group) => {
            narrow(&mut group.ast, classes);
            false
        }
        Ast::Alternation(alternation) => {
            alternation
                .asts
                .iter_mut()
                .for_each(|ast| narrow(ast, classes));
            false
        }
        Ast::Concat(concat) => {
            concat.asts.iter_mut().for_each(|ast| narrow(ast, classes));
            false
        }
        _ => false,
    };
    if wrap {
        let span = *ast.span();
        let inner = std::mem::replace(ast, Ast::empty(span));
        *ast = without_unicode(inner, span);
    }
}

/// A `\w` or `\d` inside a bracketed class becomes the ASCII class item `[:word:]` or `[:digit:]`.
fn narrow_set(set: &mut ClassSet) {
    match set {
        ClassSet::Item(item) => narrow_item(item),
        ClassSet::BinaryOp(op) => {
            narrow_set(&mut op.lhs);
            narrow_set(&mut op.rhs);
        }
    }
}

fn narrow_item(item: &mut ClassSetItem) {
    match item {
        ClassSetItem::Perl(perl) if !perl.negated => {
            if let Some(kind) = ascii_kind(&perl.kind) {
                *item = ClassSetItem::Ascii(ClassAscii {
                    span: perl.span,
                    kind,
                    negated: false,
                });
            }
        }
        ClassSetItem::Bracketed(class) => narrow_set(&mut class.kind),
        ClassSetItem::Union(union) => union.items.iter_mut().for_each(narrow_item),
        _ => {}
    }
}

fn ascii_kind(kind: &ClassPerlKind) -> Option<ClassAsciiKind> {
    match kind {
        ClassPerlKind::Word => Some(ClassAsciiKind::Word),
        ClassPerlKind::Digit => Some(ClassAsciiKind::Digit),
        ClassPerlKind::Space => None,
    }
}

fn is_word_boundary(kind: &AssertionKind) -> bool {
    !matches!(
        kind,
        AssertionKind::StartLine
            | AssertionKind::EndLine
            | AssertionKind::StartText
            | AssertionKind::EndText
    )
}

/// `(?-u:ast)`.
fn without_unicode(ast: Ast, span: Span) -> Ast {
    let item = |kind| FlagsItem { span, kind };
    Ast::group(Group {
        span,
        kind: GroupKind::NonCapturing(Flags {
            span,
            items: vec![
                item(FlagsItemKind::Negation),
                item(FlagsItemKind::Flag(Flag::Unicode)),
            ],
        }),
        ast: Box::new(ast),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_become_ascii_and_escaped_backslashes_stay() {
        assert_eq!(
            ascii_word_boundaries(r"\bjob\\b\d\b"),
            r"(?-u:\b)job\\b\d(?-u:\b)"
        );
        assert_eq!(ascii_word_boundaries(r"\Bx"), r"(?-u:\B)x");
        assert_eq!(ascii_word_boundaries(r"^a$"), r"^a$");
    }

    #[test]
    fn word_classes_become_ascii_inside_and_outside_brackets() {
        assert_eq!(ascii_word_classes(r"a\\b\w+\d"), r"a\\b(?-u:\w)+(?-u:\d)");
        assert_eq!(ascii_word_classes(r"[\w-]+"), r"[[:word:]-]+");
        assert_eq!(ascii_word_classes(r"[^\d.]"), r"[^[:digit:].]");
        // Negated and space classes are left as written.
        assert_eq!(ascii_word_classes(r"\W\s\D"), r"\W\s\D");
    }

    #[test]
    fn the_rewrite_compiles_and_matches_ascii_words_only() {
        let pattern = regex::Regex::new(&ascii_word_classes(r"(?i)\b\w+ly\b")).unwrap();
        assert!(pattern.is_match("It ran smoothly."));
        // ASCII classes: "ü" is not a word character, so "üly" has no word before its "ly".
        assert!(!pattern.is_match("üly"));
        let class = regex::Regex::new(&ascii_word_classes(r"^[\w-]+$")).unwrap();
        assert!(class.is_match("dead-letter_queue"));
        assert!(!class.is_match("naïve"));
    }

    #[test]
    fn invalid_patterns_are_left_for_the_compiler_to_report() {
        assert_eq!(ascii_word_classes(r"(\w"), r"(\w");
    }
}
