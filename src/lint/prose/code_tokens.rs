//! Words of running text that are code all the same: paths, file names, command-line flags and
//! their values, dotted and `::` identifiers, environment variables, `key=value` settings and MIME
//! types.
//!
//! Writers leave such tokens unformatted ("edit settings.yaml", "run it with -p 8080:80", "look
//! in /var/lib/docker"); a prose rule reading them as words would report `yaml` as a misspelled
//! name or a port as a bare number. Owns recognising them inside a prose range, by the shape of the
//! token alone; which parts of a field are prose at all is decided in [`super`].

use std::ops::Range;

/// Cuts the code-like tokens out of `ranges` (prose ranges of `text`, in order).
pub(super) fn cut(text: &str, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(ranges.len());
    for range in ranges {
        let mut from = range.start;
        let mut i = range.start;
        while let Some(at) = bytes[i..range.end]
            .iter()
            .position(|&b| MARKER[usize::from(b)])
        {
            let at = i + at;
            if !worth_a_look(bytes, &range, at) {
                i = at + 1;
                continue;
            }
            let token = token_around(bytes, &range, at);
            let word = trimmed(bytes, token.clone());
            if !is_code(&bytes[word.clone()]) {
                i = token.end;
                continue;
            }
            let end = flag_value_end(bytes, &range, &word).unwrap_or(word.end);
            if word.start > from {
                out.push(from..word.start);
            }
            from = end;
            // Past the whole token: its trailing punctuation was looked at with it.
            i = end.max(token.end);
        }
        if from < range.end {
            out.push(from..range.end);
        }
    }
    out
}

/// The bytes one of which every code-like token holds, as a table: one look-up per byte of prose.
/// The `.` and `-` of ordinary sentences are among them; [`worth_a_look`] spares those quickly.
static MARKER: [bool; 256] = {
    let mut table = [false; 256];
    let markers = *b"/\\.:-$=~";
    let mut k = 0;
    while k < markers.len() {
        table[markers[k] as usize] = true;
        k += 1;
    }
    table
};

/// A quick test on the marker's neighbours: whether its token can be code at all. Spares the
/// sentence-final `.`, the `-` inside hyphenated words and the `:` before a space their token.
fn worth_a_look(bytes: &[u8], range: &Range<usize>, i: usize) -> bool {
    let before = (i > range.start).then(|| bytes[i - 1]);
    let after = (i + 1 < range.end).then(|| bytes[i + 1]);
    let starts_token = before.is_none_or(opens_token);
    match bytes[i] {
        b'.' => after.is_some_and(|a| is_identifier_start(a) || a == b'/' || a == b'.'),
        b'-' | b'$' | b'~' => starts_token,
        b':' | b'=' => after.is_some_and(|a| !a.is_ascii_whitespace()),
        _ => true,
    }
}

/// The run of non-space bytes around `i`, within `range`.
fn token_around(bytes: &[u8], range: &Range<usize>, i: usize) -> Range<usize> {
    let start = bytes[range.start..i]
        .iter()
        .rposition(u8::is_ascii_whitespace)
        .map_or(range.start, |p| range.start + p + 1);
    let end = bytes[i..range.end]
        .iter()
        .position(u8::is_ascii_whitespace)
        .map_or(range.end, |p| i + p);
    start..end
}

/// `token` without the punctuation of the sentence around it: opening brackets and quotes before,
/// closing ones and final punctuation after ("(see /etc/hosts).", "“index.js”"). A bracket stays
/// when the token opens it (`document.write()`). Bytes of other scripts count as punctuation here:
/// curly quotes are the common ones, and a whole character is always dropped together.
fn trimmed(bytes: &[u8], token: Range<usize>) -> Range<usize> {
    let mut start = token.start;
    let mut end = token.end;
    while start < end && (opens_token(bytes[start]) || !bytes[start].is_ascii()) {
        start += 1;
    }
    while start < end {
        let last = bytes[end - 1];
        let unopened = |open: u8| !bytes[start..end].contains(&open);
        let closes = matches!(last, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'"' | b'\'')
            || !last.is_ascii()
            || (last == b')' && unopened(b'('))
            || (last == b']' && unopened(b'['));
        if !closes {
            break;
        }
        end -= 1;
    }
    start..end
}

/// Bytes after which a token starts: white space, opening brackets and quotes.
fn opens_token(b: u8) -> bool {
    b.is_ascii_whitespace() || matches!(b, b'(' | b'[' | b'"' | b'\'')
}

fn is_identifier(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_identifier_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$'
}

/// Whether a whole token (trimmed) is code.
fn is_code(token: &[u8]) -> bool {
    is_path(token)
        || is_flag(token)
        || is_environment_variable(token)
        || is_qualified_name(token)
        || is_setting(token)
        || is_mime_type(token)
}

/// `/var/lib/docker`, `~/project`, `./build/out`, `../x`, `C:\Users\x`, `\\server\share`,
/// `HKLM\Software`.
fn is_path(token: &[u8]) -> bool {
    let at = |k: usize| token.get(k).copied();
    let rooted = at(0) == Some(b'/')
        && at(1).is_some_and(|b| is_identifier(b) || matches!(b, b'.' | b'~' | b'$'));
    let relative = token.starts_with(b"~/")
        || token.starts_with(b"./")
        || token.starts_with(b"../")
        || token.starts_with(b".\\")
        || token.starts_with(b"\\\\");
    let drive = at(0).is_some_and(|b| b.is_ascii_alphabetic())
        && at(1) == Some(b':')
        && matches!(at(2), Some(b'\\' | b'/'));
    let backslashed = token
        .windows(3)
        .any(|w| w[1] == b'\\' && is_identifier(w[0]) && is_identifier(w[2]));
    rooted || relative || drive || backslashed
}

/// `-p`, `-it`, `--image=postgres`: a dash or two, then a letter.
fn is_flag(token: &[u8]) -> bool {
    let rest = token
        .strip_prefix(b"--")
        .or_else(|| token.strip_prefix(b"-"));
    rest.and_then(|r| r.first())
        .is_some_and(u8::is_ascii_alphabetic)
}

/// `$HOME`, `${PORT}`, `$_`.
fn is_environment_variable(token: &[u8]) -> bool {
    token.first() == Some(&b'$')
        && token
            .get(1)
            .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'_' || b == b'{')
}

/// A name with a qualifier or an extension, joined without spaces: `os.path.join`,
/// `Function.prototype.bind`, `index.js`, `*.css`, `settings.yaml`, `example.com`,
/// `std::sync::Arc`, `node:alpine`. Not a number (`1.5`, `16.8`, `10:30`), not an abbreviation
/// (`e.g.`, `U.S.`).
fn is_qualified_name(token: &[u8]) -> bool {
    let dotted = token.windows(3).any(|w| {
        w[1] == b'.'
            && (is_identifier(w[0]) || matches!(w[0], b')' | b'*'))
            && is_identifier_start(w[2])
    });
    let scoped = token
        .windows(4)
        .any(|w| w[1..3] == *b"::" && is_identifier(w[0]) && is_identifier_start(w[3]));
    // `image:tag`, `host:port`; a capital after the colon is a label missing its space
    // ("Result:We cut…"), and digits alone on the left a time or a ratio.
    let tagged = token.iter().enumerate().any(|(k, &b)| {
        b == b':'
            && k > 0
            && is_identifier(token[k - 1])
            && token
                .get(k + 1)
                .is_some_and(|&a| a.is_ascii_lowercase() || a.is_ascii_digit())
            && token[..k].iter().any(u8::is_ascii_alphabetic)
    });
    (dotted && !is_abbreviation(token)) || scoped || tagged
}

/// Single letters joined by dots: `e.g`, `i.e.`, `U.S.A.`, `a.k.a`.
fn is_abbreviation(token: &[u8]) -> bool {
    token
        .split(|&b| b == b'.')
        .all(|part| part.len() <= 1 && part.iter().all(u8::is_ascii_alphabetic))
}

/// `max_depth=3`, `SELINUX=enforcing`, `x=>x`: a name, `=` and a value without spaces.
fn is_setting(token: &[u8]) -> bool {
    token
        .windows(2)
        .any(|w| w[1] == b'=' && is_identifier(w[0]))
        && !token.ends_with(b"=")
}

/// `application/json`, `text/html`, `image/png`.
fn is_mime_type(token: &[u8]) -> bool {
    const TOP_LEVEL: [&[u8]; 9] = [
        b"application/",
        b"text/",
        b"image/",
        b"audio/",
        b"video/",
        b"multipart/",
        b"font/",
        b"model/",
        b"message/",
    ];
    TOP_LEVEL.iter().any(|top| {
        token.starts_with(top)
            && token
                .get(top.len())
                .is_some_and(|&b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// Where the value of the flag `word` ends, when the token after it is one: `-p 8080:80`,
/// `-t app:latest`, `-n 3`. A plain word after a flag (`-it ubuntu`, "the -v flag") stays prose.
fn flag_value_end(bytes: &[u8], range: &Range<usize>, word: &Range<usize>) -> Option<usize> {
    let flag = &bytes[word.clone()];
    if !is_flag(flag) || flag.contains(&b'=') {
        return None;
    }
    let gap = bytes[word.end..range.end]
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    let start = word.end + gap;
    if gap == 0 || start >= range.end {
        return None;
    }
    let value = trimmed(bytes, token_around(bytes, range, start));
    let plain = bytes[value.clone()].iter().all(u8::is_ascii_alphabetic);
    (!plain && value.start == start).then_some(value.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prose left of `text` when it is all one range.
    fn left(text: &str) -> Vec<&str> {
        cut(text, std::iter::once(0..text.len()).collect())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    /// The code-like tokens found in `text`.
    fn code(text: &str) -> Vec<String> {
        let kept = cut(text, std::iter::once(0..text.len()).collect());
        let mut out = Vec::new();
        let mut from = 0;
        for r in kept
            .iter()
            .chain(std::iter::once(&(text.len()..text.len())))
        {
            let gap = text[from..r.start].trim();
            if !gap.is_empty() {
                out.push(gap.to_owned());
            }
            from = r.end;
        }
        out
    }

    #[test]
    fn paths_are_code() {
        assert_eq!(
            code("Images live in /var/lib/docker/ and ~/project/src, not ./build/out or ../x."),
            ["/var/lib/docker/", "~/project/src", "./build/out", "../x"]
        );
        assert_eq!(
            code(r"On Windows see C:\Users\x and \\server\share."),
            [r"C:\Users\x", r"\\server\share"]
        );
    }

    #[test]
    fn file_names_and_qualified_names_are_code() {
        assert_eq!(
            code("Edit settings.yaml, then Dockerfile.dev (and index.js) or *.css files."),
            ["settings.yaml", "Dockerfile.dev", "index.js", "*.css"]
        );
        assert_eq!(
            code("Call Function.prototype.bind or os.path.join(a, b) from std::sync::Arc."),
            [
                "Function.prototype.bind",
                "os.path.join(a",
                "std::sync::Arc"
            ]
        );
        assert_eq!(
            code("Pull node:alpine and send application/json."),
            ["node:alpine", "application/json"]
        );
    }

    #[test]
    fn flags_settings_and_variables_are_code() {
        assert_eq!(
            code("Run it with --image=postgres -p 8080:80 -it ubuntu and max_depth=3."),
            ["--image=postgres", "-p 8080:80", "-it", "max_depth=3"]
        );
        assert_eq!(
            code("It reads $HOME and ${PORT} at start."),
            ["$HOME", "${PORT}"]
        );
    }

    #[test]
    fn sentences_numbers_and_abbreviations_are_prose() {
        for text in [
            "It cut latency by 40%. Then it took 1.5 s, e.g. at 10:30 on v16.8, i.e. U.S. time.",
            "A write-through cache -- mostly -- is fine; see the Containerfile/Dockerfile.",
            "Ratios of 16:9, ~5 MB, 2/5 = 40% and $5 are numbers, not code.",
            "Note: a sentence ends here. And so... it goes on.",
            "Result:We cut the bill in half, and re:Invent was fun.",
        ] {
            assert_eq!(left(text), [text], "{text}");
        }
    }

    #[test]
    fn ranges_keep_their_bounds() {
        let text = "see index.js here";
        assert!(cut(text, std::iter::once(4..12).collect()).is_empty());
        assert_eq!(cut(text, vec![0..3, 13..17]), [0..3, 13..17]);
        // A marker in the punctuation trimmed off a code token is behind the cut.
        assert_eq!(left("see /a.. and ~/b:"), ["see ", ".. and ", ":"]);
    }

    proptest::proptest! {
        /// What is left is inside the ranges given, in order, and starts and ends on characters.
        #[test]
        fn cuts_stay_within_their_ranges_on_char_boundaries(
            text in "([a-zA-Z0-9 .,:;=$~/\\\\()\"'\u{201c}\u{201d}é-]{0,8}){0,12}",
            split in 0usize..64,
        ) {
            let mid = (0..=split.min(text.len())).rev().find(|&k| text.is_char_boundary(k)).unwrap_or(0);
            let given = vec![0..mid, mid..text.len()];
            let kept = cut(&text, given.clone());
            for pair in kept.windows(2) {
                proptest::prop_assert!(pair[0].end <= pair[1].start);
            }
            for r in &kept {
                proptest::prop_assert!(given.iter().any(|g| g.start <= r.start && r.end <= g.end));
                proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
        }
    }
}
