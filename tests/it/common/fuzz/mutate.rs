//! Mutations of a document's bytes, aimed at what the parsers look at: question markers (numbers,
//! `#`, `**`, `?`, list markers), HTML (`<details>`, `<summary>`, unclosed tags), line ends (CRLF,
//! CR, mixed), control characters, deep nesting, long lines, and whole lines moved, repeated or
//! spliced in from another document. Text is cut and joined at character boundaries, so nearly every
//! mutant stays UTF-8 and reaches the parser; a few mutations break the bytes on purpose.

use super::rng::Rng;

/// Mutants grow no larger than this: big enough for every layout and blow-up, small enough that a
/// few seconds try hundreds of them.
pub const MAX_INPUT: usize = 192 * 1024;

/// What a question can start with, in every layout we read (and some we do not).
const MARKERS: &[&str] = &[
    "1. ",
    "12) ",
    "99999999999999999999. ",
    "0. ",
    "Q: ",
    "Q3: ",
    "A: ",
    "Question 4 – ",
    "Answer: ",
    "Example: ",
    "# ",
    "## ",
    "### ",
    "###### ",
    "####### ",
    "#",
    "**",
    "__",
    "* ",
    "- ",
    "+ ",
    "• ",
    "1.  ### ",
    "> ",
    "    ",
    "\t",
    "---\n",
    "===\n",
    "```\n",
    "~~~\n",
    "| a | b |\n| --- | --- |\n| ",
    "[x] ",
    "- [ ] ",
    "<!-- prep-ignore -->\n",
    "<!-- prep-ignore vague-claim -->\n",
];

/// HTML as interview repositories write it, whole and broken.
const HTML: &[&str] = &[
    "<details>",
    "</details>",
    "<summary>",
    "</summary>",
    "<details><summary>What is a pod?</summary>",
    "<details open>",
    "<summary><b>Tell me about yourself.</b></summary>",
    "<b>",
    "</b>",
    "<br>",
    "<br/>",
    "<p>",
    "</p>",
    "<div align=\"right\">",
    "</div>",
    "<ul><li>",
    "</li></ul>",
    "<li>",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "<pre>",
    "<style>",
    "<textarea>",
    "<a href=\"#top\">",
    "</a>",
    "<img src=x onerror=alert(1)>",
    "<",
    ">",
    "</",
    "&amp;",
    "&#0;",
    "&#x1F;",
    "&#xD800;",
    "<![CDATA[",
    "<?xml ?>",
    "<code>",
    "</code>",
    "<table><tr><td>",
    "<summary",
    "<details\n",
];

/// Characters that arrive by copy and paste: C0 and C1 controls, Anki's field separator U+001F,
/// invisible formatting, line and paragraph separators, a BOM mid-file, combining marks, wide forms.
const ODD_CHARS: &[&str] = &[
    "\u{1}",
    "\u{7}",
    "\u{8}",
    "\u{b}",
    "\u{c}",
    "\u{1b}",
    "\u{1f}",
    "\u{7f}",
    "\u{85}",
    "\u{9c}",
    "\u{200b}",
    "\u{200d}",
    "\u{200e}",
    "\u{202e}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{fffd}",
    "\u{301}",
    "\u{1F600}",
    "\u{FF1D}",
    "\u{FF0B}",
    "\u{FE0F}",
    "⭐️",
    "\r",
    "\t",
    "？",
    "؟",
];

/// One or more random mutations of `input`, using `donor` (another document) for splices.
pub fn mutate(rng: &mut Rng, input: &[u8], donor: &[u8]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..rng.between(1, 8) {
        mutate_once(rng, &mut bytes, donor);
        if bytes.len() > MAX_INPUT {
            let end = boundary(&bytes, MAX_INPUT);
            bytes.truncate(end);
        }
    }
    bytes
}

fn mutate_once(rng: &mut Rng, bytes: &mut Vec<u8>, donor: &[u8]) {
    match rng.below(20) {
        0..=2 => insert_at_line_start(rng, bytes, MARKERS),
        3..=5 => insert_anywhere(rng, bytes, HTML),
        6 => change_line_ends(rng, bytes),
        7 | 8 => insert_anywhere(rng, bytes, ODD_CHARS),
        9 => nest(rng, bytes),
        10 => lengthen_line(rng, bytes),
        11 => repeat_lines(rng, bytes),
        12 => delete_lines(rng, bytes),
        13 => splice(rng, bytes, donor),
        14 => question_marks(rng, bytes),
        15 => wrap_line(rng, bytes),
        16 => insert_anywhere(rng, bytes, &["\n", "\n\n", "\r\n\r\n", "  \n", " "]),
        17 => front_matter(rng, bytes),
        18 => swap_lines(rng, bytes),
        _ => break_bytes(rng, bytes),
    }
}

/// `at` moved back to the start of the character holding it.
fn boundary(bytes: &[u8], at: usize) -> usize {
    let mut at = at.min(bytes.len());
    while at > 0 && at < bytes.len() && bytes[at] & 0xC0 == 0x80 {
        at -= 1;
    }
    at
}

/// Byte offsets where each line starts.
fn line_starts(bytes: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            (0..bytes.len())
                .filter(|&i| bytes[i] == b'\n')
                .map(|i| i + 1),
        )
        .filter(|&i| i <= bytes.len())
        .collect()
}

/// A random line as a byte range, without its `\n`.
fn some_line(rng: &mut Rng, bytes: &[u8]) -> std::ops::Range<usize> {
    let starts = line_starts(bytes);
    let start = *rng.pick(&starts);
    let end = bytes[start..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| start + p);
    start..end
}

fn insert(bytes: &mut Vec<u8>, at: usize, what: &[u8]) {
    bytes.splice(at..at, what.iter().copied());
}

fn insert_at_line_start(rng: &mut Rng, bytes: &mut Vec<u8>, snippets: &[&str]) {
    let at = some_line(rng, bytes).start;
    insert(bytes, at, rng.pick(snippets).as_bytes());
}

fn insert_anywhere(rng: &mut Rng, bytes: &mut Vec<u8>, snippets: &[&str]) {
    for _ in 0..rng.between(1, 4) {
        let at = boundary(bytes, rng.below(bytes.len() + 1));
        insert(bytes, at, rng.pick(snippets).as_bytes());
    }
}

/// All line ends as CRLF, as lone CR, as LF, or each one chosen at random.
fn change_line_ends(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let style = rng.below(4);
    let lf_only: Vec<u8> = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| !(b == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
        .map(|(_, &b)| b)
        .collect();
    let mut out = Vec::with_capacity(lf_only.len() * 2);
    for b in lf_only {
        if b != b'\n' {
            out.push(b);
            continue;
        }
        match if style == 3 { rng.below(3) } else { style } {
            0 => out.extend_from_slice(b"\r\n"),
            1 => out.push(b'\r'),
            _ => out.push(b'\n'),
        }
    }
    *bytes = out;
}

/// Deep structure at a line start: block quotes, nested list items, nested `<details>`, brackets,
/// emphasis or back-ticks, up to a few hundred levels.
fn nest(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let depth = if rng.one_in(4) {
        rng.between(50, 400)
    } else {
        rng.between(2, 12)
    };
    let at = some_line(rng, bytes).start;
    let text = match rng.below(6) {
        0 => "> ".repeat(depth) + "What is nesting?\n",
        1 => (0..depth)
            .map(|d| format!("{}- What is level {d}?\n", "  ".repeat(d)))
            .collect(),
        2 => "<details><summary>Why?</summary>".repeat(depth) + &"</details>".repeat(depth / 2),
        3 => "[".repeat(depth) + "link" + &"](#x)".repeat(depth / 3),
        4 => "*".repeat(depth) + "What is bold?" + &"*".repeat(depth),
        _ => format!("{}1. How deep?\n", "    ".repeat(depth)),
    };
    insert(bytes, at, text.as_bytes());
}

/// A line repeated into a very long one, or a very long word or run of white space.
fn lengthen_line(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let line = some_line(rng, bytes);
    let times = rng.between(10, 400);
    let text: Vec<u8> = match rng.below(3) {
        0 if !line.is_empty() => bytes[line.clone()].repeat(times.min(20_000 / line.len().max(1))),
        1 => "x".repeat(times * 50).into_bytes(),
        _ => " \t".repeat(times * 10).into_bytes(),
    };
    insert(bytes, line.end, &text);
}

/// A line or a few lines repeated, once or many times: duplicate questions for dedup and lint.
fn repeat_lines(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let starts = line_starts(bytes);
    let first = rng.below(starts.len());
    let last = (first + rng.below(6)).min(starts.len() - 1);
    let end = starts.get(last + 1).copied().unwrap_or(bytes.len());
    let mut block = bytes[starts[first]..end].to_vec();
    if !block.ends_with(b"\n") {
        block.push(b'\n');
    }
    let times = if rng.one_in(5) {
        rng.between(20, 200)
    } else {
        rng.between(1, 3)
    };
    let at = *rng.pick(&starts);
    insert(bytes, at, &block.repeat(times));
}

fn delete_lines(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let starts = line_starts(bytes);
    let first = rng.below(starts.len());
    let last = (first + rng.below(4)).min(starts.len() - 1);
    let end = starts.get(last + 1).copied().unwrap_or(bytes.len());
    bytes.drain(starts[first]..end);
}

fn swap_lines(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let text = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec);
    let mut lines: Vec<Vec<u8>> = text.collect();
    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
    lines.swap(a, b);
    *bytes = lines.join(&b'\n');
}

/// A run of lines from another document, inserted at a line start.
fn splice(rng: &mut Rng, bytes: &mut Vec<u8>, donor: &[u8]) {
    let starts = line_starts(donor);
    let first = rng.below(starts.len());
    let last = (first + rng.between(1, 30)).min(starts.len() - 1);
    let end = starts.get(last + 1).copied().unwrap_or(donor.len());
    let at = some_line(rng, bytes).start;
    insert(bytes, at, &donor[starts[first]..end]);
}

/// A question mark added to a line's end, or one taken away.
fn question_marks(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let marks: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] == b'?').collect();
    if !marks.is_empty() && rng.one_in(2) {
        bytes.remove(*rng.pick(&marks));
    } else {
        let line = some_line(rng, bytes);
        let end = if bytes[..line.end].ends_with(b"\r") {
            line.end - 1
        } else {
            line.end
        };
        insert(bytes, end, b"?");
    }
}

/// A line wrapped in emphasis, a heading, or a `<summary>`.
fn wrap_line(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let line = some_line(rng, bytes);
    let (open, close): (&str, &str) = *rng.pick(&[
        ("**", "**"),
        ("__", "__"),
        ("*", "*"),
        ("`", "`"),
        ("## ", ""),
        ("<summary>", "</summary>"),
        ("<details><summary>", "</summary>"),
        ("<b>", ""),
        ("[", "](#anchor)"),
    ]);
    insert(bytes, line.end, close.as_bytes());
    insert(bytes, line.start, open.as_bytes());
}

/// YAML front matter at the top: well formed, malformed, or not closed.
fn front_matter(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let header = rng.pick(&[
        "---\ntitle: Fuzzed\ndeck: A::B\ntags: [sql, databases]\n---\n",
        "---\ntitle: [unclosed\n---\n",
        "---\n: : :\n---\n",
        "---\ntags: sql, \u{1f}x\n---\n",
        "---\ntitle: Never closed\n",
        "---\ndeck: \"\"\ntitle: ~\n---\n",
        "\u{feff}---\ntitle: After a BOM\n---\n",
    ]);
    insert(bytes, 0, header.as_bytes());
}

/// Bytes that are not UTF-8, or a NUL: a cut inside a character, a flipped bit, a stray byte.
fn break_bytes(rng: &mut Rng, bytes: &mut Vec<u8>) {
    if bytes.is_empty() {
        bytes.push(0xFF);
        return;
    }
    let at = rng.below(bytes.len());
    match rng.below(4) {
        0 => bytes.truncate(at),
        1 => bytes[at] ^= 1 << rng.below(8),
        2 => bytes.insert(at, *rng.pick(&[0x80, 0xC0, 0xFE, 0xFF, 0xED])),
        _ => bytes.insert(at, 0),
    }
}
