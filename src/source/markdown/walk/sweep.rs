//! The last step of the walk: every non-blank line in no card and in no skipped entry is listed as
//! skipped, in runs, with a reason from where it stands. Nothing is left out without a word.

use super::Walk;

impl Walk<'_> {
    /// Lists every non-blank line that is in no card and in no skipped entry, in runs, with a reason
    /// from where it stands: nothing is left out without a word.
    pub(super) fn sweep(&mut self) {
        let source = self.source();
        let lines: Vec<&str> = source.split('\n').collect();
        // Lines covered by a card or a skipped entry, counted with a difference array.
        let mut delta = vec![0i64; lines.len() + 2];
        let spans = self
            .cards
            .iter()
            .map(|c| (c.source.line, c.source.end_line))
            .chain(
                self.skipped
                    .iter()
                    .filter_map(|s| Some((s.line?, s.end_line?))),
            );
        for (a, b) in spans {
            delta[a.min(lines.len() + 1)] += 1;
            delta[(b + 1).min(lines.len() + 1)] -= 1;
        }
        let mut depth = 0;
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut run: Option<(usize, usize)> = None;
        for (i, text) in lines.iter().enumerate() {
            let number = i + 1;
            depth += delta[number];
            if text.trim().is_empty() {
                continue;
            }
            if depth == 0 {
                run = Some(run.map_or((number, number), |(a, _)| (a, number)));
            } else {
                runs.extend(run.take());
            }
        }
        runs.extend(run);
        let first_card = self.cards.iter().map(|c| c.source.line).min();
        let last_card = self.cards.iter().map(|c| c.source.end_line).max();
        let mut offsets = Vec::with_capacity(lines.len() + 1);
        let mut at = 0;
        for line in &lines {
            offsets.push(at);
            at += line.len() + 1;
        }
        offsets.push(source.len());
        for (a, b) in runs {
            let reason = if lines[a - 1..b].iter().all(|l| is_markup_only(l)) {
                "markup with no text (HTML tags, thematic breaks)"
            } else {
                match (first_card, last_card) {
                    (None, _) => "text outside any question",
                    (Some(first), _) if b < first => "text before the first question",
                    (_, Some(last)) if a > last => "text after the last answer",
                    _ => "text between cards, outside any answer",
                }
            };
            let range = offsets[a - 1]..offsets[b].min(source.len());
            self.skip(&range, reason);
        }
        self.skipped.sort_by_key(|s| s.line);
    }
}

/// A line of nothing but HTML tags (`<details>`, `</b></details>`) or a thematic break (`---`).
fn is_markup_only(line: &str) -> bool {
    let mut rest = line.trim();
    let rule = |c: char| rest.len() >= 3 && rest.chars().all(|x| x == c || x == ' ');
    if rule('-') || rule('*') || rule('_') {
        return true;
    }
    if rest.is_empty() {
        return true;
    }
    while let Some(after) = rest.strip_prefix('<') {
        let Some(close) = after.find('>') else {
            return false;
        };
        rest = after[close + 1..].trim_start();
        if rest.is_empty() {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_only_lines() {
        assert!(is_markup_only("</b></details>"));
        assert!(is_markup_only("  <details>"));
        assert!(is_markup_only("---"));
        assert!(!is_markup_only("<b>Note</b>"));
        assert!(!is_markup_only("--"));
    }
}
