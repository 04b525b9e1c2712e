//! Finding known names in a text in time linear in the text and in the list, however long the list.
//!
//! Owns matching names as written: in any case, with a `.` or `-` where a name changes from a small
//! letter to a capital or between letters and digits ("Java-Script", "Node.JS"), with a space only
//! where a written form has one ("postgres sql"), always as whole ASCII words. One regular
//! expression over every name did this until about 2,000 names, where it exceeded the regex size
//! limit. Here the text's words are lowered into one stream, each run of words joined by single
//! separators kept together; one Aho-Corasick automaton over the names' letters finds every name in
//! it, and a match counts where it starts and ends at a word's edges and every separator inside it
//! stands where one of the name's written forms allows it. At each word the longest name wins, as
//! in the expression it replaces (longer names first). What a name is spelled as, and slips, are
//! the rule's.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// Up to this many names the automaton is a full DFA.
const DFA_KEYS: usize = 2_000;

/// What may stand between two letters of a name in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    Nothing,
    /// A `.` or a `-`, or nothing.
    DotOrHyphen,
    /// A space, a `.` or a `-`, or nothing.
    Any,
}

impl Gap {
    fn allows(self, separator: u8) -> bool {
        match separator {
            b'.' | b'-' => self >= Gap::DotOrHyphen,
            b' ' => self == Gap::Any,
            _ => false,
        }
    }
}

/// One written form of a name: its ASCII letters and digits in lower case (the name's key, as
/// `term_key` gives it), and what may stand before each of them.
struct Form {
    key: String,
    gaps: Vec<Gap>,
}

impl Form {
    /// A separator may stand where the form has one (a space only where it has a space), where a
    /// small letter meets a capital, and where letters meet digits; nowhere else ("Next.js" is
    /// not "the next JS file").
    fn of(written: &str) -> Form {
        let mut key = String::new();
        let mut gaps = Vec::new();
        let mut previous: Option<char> = None;
        let (mut separated, mut space) = (false, false);
        for c in written.chars() {
            if !c.is_ascii_alphanumeric() {
                separated = true;
                space |= c.is_whitespace();
                continue;
            }
            let gap = match previous {
                None => Gap::Nothing,
                Some(_) if space => Gap::Any,
                Some(p) => {
                    let hump = (p.is_ascii_lowercase() && c.is_ascii_uppercase())
                        || (p.is_ascii_digit() != c.is_ascii_digit());
                    if separated || hump {
                        Gap::DotOrHyphen
                    } else {
                        Gap::Nothing
                    }
                }
            };
            gaps.push(gap);
            key.push(c.to_ascii_lowercase());
            previous = Some(c);
            (separated, space) = (false, false);
        }
        Form { key, gaps }
    }
}

pub struct NameFinder {
    /// Every distinct key.
    automaton: AhoCorasick,
    /// Per key (by its pattern number): the gaps of each of its written forms.
    gaps: Vec<Vec<Vec<Gap>>>,
}

impl NameFinder {
    /// The finder over `written` forms (forms without letters or digits are left out); `None`
    /// when no form is left.
    pub fn new<'a>(written: impl IntoIterator<Item = &'a str>) -> Result<Option<Self>, String> {
        let mut keys: Vec<String> = Vec::new();
        let mut gaps: Vec<Vec<Vec<Gap>>> = Vec::new();
        let mut place = std::collections::HashMap::new();
        for form in written.into_iter().map(Form::of) {
            if form.key.is_empty() {
                continue;
            }
            let k = *place.entry(form.key.clone()).or_insert_with(|| {
                keys.push(form.key.clone());
                gaps.push(Vec::new());
                keys.len() - 1
            });
            gaps[k].push(form.gaps);
        }
        if keys.is_empty() {
            return Ok(None);
        }
        let automaton = AhoCorasickBuilder::new()
            // Every occurrence: the scan keeps those that fit the words, then the longest.
            .match_kind(MatchKind::Standard)
            // A full DFA is the fastest to search and small for a list of a few hundred names;
            // for a long one the builder picks (a DFA's size grows with the list).
            .kind((keys.len() <= DFA_KEYS).then_some(AhoCorasickKind::DFA))
            .build(&keys)
            .map_err(|err| err.to_string())?;
        Ok(Some(NameFinder { automaton, gaps }))
    }

    /// The names in `text`, left to right, and the words where none starts that `keep_word` keeps
    /// (given in lower case: a word's key): at each word the longest name that starts there.
    pub fn scan(&self, text: &str, keep_word: impl Fn(&[u8]) -> bool) -> Vec<Range<usize>> {
        let words = Words::of(text);
        // Per word: the end (in the stream) of the longest name that starts there.
        let mut longest: Vec<Option<usize>> = vec![None; words.runs.len()];
        for m in self.automaton.find_overlapping_iter(&words.stream) {
            if let Some(first) = self.fits(&words, m.start(), m.end(), m.pattern().as_usize()) {
                let end = longest[first].get_or_insert(m.end());
                *end = (*end).max(m.end());
            }
        }
        let mut found = Vec::new();
        let mut free_from = 0;
        for (k, run) in words.runs.iter().enumerate() {
            if run.stream < free_from {
                continue;
            }
            match longest[k] {
                Some(end) => {
                    let last = &words.runs[words.run_ending_at(end).unwrap_or(k)];
                    found.push(run.text..last.text + last.len);
                    free_from = end;
                }
                None if keep_word(&words.stream[run.stream..run.stream + run.len]) => {
                    found.push(run.text..run.text + run.len);
                }
                None => {}
            }
        }
        found
    }

    /// The word a match of key `key` over `start..end` of the stream starts at, when it starts and
    /// ends at a word's edges and each separator inside it stands where a form of the key allows.
    fn fits(&self, words: &Words, start: usize, end: usize, key: usize) -> Option<usize> {
        let first = words.run_starting_at(start)?;
        let last = words.run_ending_at(end)?;
        let fits_form = |gaps: &Vec<Gap>| {
            words.runs[first + 1..=last].iter().all(|run| {
                let at = run.stream - start;
                run.separator_before.is_some_and(|s| gaps[at].allows(s))
            })
        };
        self.gaps[key].iter().any(fits_form).then_some(first)
    }
}

/// A word of a text: a run of ASCII letters and digits between ASCII word edges.
struct Run {
    /// Where it starts in the text and in the stream; its length is the same in both.
    text: usize,
    stream: usize,
    len: usize,
    /// The separator between it and the word before, when the two are joined by one.
    separator_before: Option<u8>,
}

/// A text's words, lowered into one stream where words joined by one separator follow each other
/// and anything else stands between as a byte no name holds.
struct Words {
    stream: Vec<u8>,
    /// In the order of the text (and of the stream).
    runs: Vec<Run>,
}

/// Stands in the stream between words that no name may join.
const BREAK: u8 = 0;

/// Whether a byte is an ASCII word byte, `\b`'s `[0-9A-Za-z_]`.
const WORD_BYTE: [bool; 256] = {
    let mut class = [false; 256];
    let mut b = 0;
    while b < 256 {
        class[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    class
};
impl Words {
    fn of(text: &str) -> Words {
        let bytes = text.as_bytes();
        let mut words = Words {
            stream: Vec::with_capacity(text.len()),
            runs: Vec::new(),
        };
        // Where the last word pushed ended in the text, if the stream may go on from it.
        let mut joinable: Option<usize> = None;
        let mut at = 0;
        while at < bytes.len() {
            if !WORD_BYTE[usize::from(bytes[at])] {
                at += 1;
                continue;
            }
            let (start, before) = (at, words.stream.len());
            let separator_before = joinable
                .filter(|&end| end + 1 == start && matches!(bytes[end], b' ' | b'.' | b'-'))
                .map(|end| bytes[end]);
            if separator_before.is_none() && before > 0 {
                words.stream.push(BREAK);
            }
            let stream = words.stream.len();
            let mut underscore = false;
            while let Some(&b) = bytes.get(at).filter(|&&b| WORD_BYTE[usize::from(b)]) {
                underscore |= b == b'_';
                words.stream.push(b.to_ascii_lowercase());
                at += 1;
            }
            // A `_` makes the whole run one word no name can start or end in (`\b` sees none).
            if underscore {
                words.stream.truncate(before);
                joinable = None;
                continue;
            }
            words.runs.push(Run {
                text: start,
                stream,
                len: at - start,
                separator_before,
            });
            joinable = Some(at);
        }
        words
    }

    /// The word that starts at `at` in the stream, if one does.
    fn run_starting_at(&self, at: usize) -> Option<usize> {
        let k = self.runs.partition_point(|run| run.stream < at);
        (self.runs.get(k)?.stream == at).then_some(k)
    }

    /// The word that ends just before `end` in the stream, if one does.
    fn run_ending_at(&self, end: usize) -> Option<usize> {
        let k = self
            .runs
            .partition_point(|run| run.stream < end)
            .checked_sub(1)?;
        let run = &self.runs[k];
        (run.stream + run.len == end).then_some(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(forms: &[&str], text: &str) -> Vec<String> {
        let finder = NameFinder::new(forms.iter().copied()).unwrap().unwrap();
        finder
            .scan(text, |_| false)
            .into_iter()
            .map(|range| text[range].to_owned())
            .collect()
    }

    #[test]
    fn a_name_is_found_in_any_case_as_whole_words() {
        assert_eq!(
            names(
                &["Kubernetes", "Redis"],
                "kubernetes, REDIS; redis_host, Rediska"
            ),
            ["kubernetes", "REDIS"]
        );
    }

    #[test]
    fn separators_stand_only_where_a_form_allows_them() {
        let forms = [
            "JavaScript",
            "Node.js",
            "postgres sql",
            "PostgreSQL",
            "IPv4",
        ];
        assert_eq!(
            names(
                &forms,
                "Java-Script, Node.JS, Node-js, Postgres SQL, postgre-sql, IPv-4"
            ),
            [
                "Java-Script",
                "Node.JS",
                "Node-js",
                "Postgres SQL",
                "postgre-sql",
                "IPv-4"
            ]
        );
        // A separator where the name has no hump, a space where no form has one, two separators.
        assert!(
            names(
                &forms,
                "Jav-aScript, Node js, Java--Script, Java - Script, I-Pv4"
            )
            .is_empty()
        );
    }

    #[test]
    fn the_longest_name_at_a_word_wins_and_words_are_kept_as_asked() {
        let finder = NameFinder::new(["Postgres", "PostgreSQL db", "SQL"])
            .unwrap()
            .unwrap();
        let text = "a postgresql-db here, postgres sql";
        let found: Vec<&str> = finder
            .scan(text, |word| word.len() == 4)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["postgresql-db", "here", "postgres", "sql"]);
    }
}
