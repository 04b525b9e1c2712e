//! The two real scraped pages in ../shared/seeds parse exactly as gold.json says.
//! Skipped, with a message, where ../shared is absent.

use std::collections::BTreeSet;

use crate::common::{
    assert_no_problems, cards_of, check_positions, prep_json, seeds_or_skip, text_of,
};
use serde_json::Value;

fn gold_and_output(test: &str) -> Option<(std::path::PathBuf, Value, Value)> {
    let seeds = seeds_or_skip(test)?;
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(seeds.join("gold.json")).unwrap()).unwrap();
    let files: Vec<String> = gold["files"]
        .as_object()
        .unwrap()
        .keys()
        .map(|name| seeds.join(name).display().to_string())
        .collect();
    let mut args = vec!["parse", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let output = prep_json(&args);
    Some((seeds, gold, output))
}

#[test]
fn every_gold_question_and_faq_becomes_a_card_and_nothing_else_does() {
    let Some((_, gold, output)) = gold_and_output("gold questions") else {
        return;
    };
    let mut problems = Vec::new();
    for (name, file) in gold["files"].as_object().unwrap() {
        let cards = cards_of(&output, name);
        let mut expected = BTreeSet::new();
        for q in file["questions"].as_array().unwrap() {
            let line = q["line"].as_u64().unwrap();
            expected.insert(q["question"].as_str().unwrap().to_owned());
            match cards
                .iter()
                .find(|c| c["source"]["line"].as_u64() == Some(line))
            {
                None => problems.push(format!("{name}:{line}: no card for {}", q["question"])),
                Some(card) if card["question"] != q["question"] => problems.push(format!(
                    "{name}:{line}: question {} expected {}",
                    card["question"], q["question"]
                )),
                Some(card) if card["answer"].as_str().is_none_or(str::is_empty) => {
                    problems.push(format!("{name}:{line}: empty answer"))
                }
                Some(_) => {}
            }
        }
        for faq in file["faq"].as_array().unwrap() {
            expected.insert(faq.as_str().unwrap().to_owned());
            let found = cards.iter().find(|c| c["question"] == *faq);
            match found {
                None => problems.push(format!("{name}: no FAQ card {faq}")),
                Some(card) if !card["tags"].as_array().unwrap().contains(&"faq".into()) => {
                    problems.push(format!("{name}: FAQ card {faq} is not tagged faq"))
                }
                Some(_) => {}
            }
        }
        let optional: BTreeSet<&str> = file["optional"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_str().unwrap())
            .collect();
        for card in &cards {
            let question = card["question"].as_str().unwrap();
            if !expected.contains(question) && !optional.contains(question) {
                problems.push(format!("{name}: unexpected card {question:?}"));
            }
        }
        let numbered = file["questions"].as_array().unwrap().len();
        let faqs = file["faq"].as_array().unwrap().len();
        if cards.len() < numbered + faqs || cards.len() > numbered + faqs + optional.len() {
            problems.push(format!(
                "{name}: {} cards for {numbered} + {faqs} questions",
                cards.len()
            ));
        }
    }
    assert_no_problems(&problems);
}

#[test]
fn examples_are_split_from_answers_exactly_where_gold_says() {
    let Some((_, gold, output)) = gold_and_output("gold examples") else {
        return;
    };
    let mut problems = Vec::new();
    for (name, file) in gold["files"].as_object().unwrap() {
        let cards = cards_of(&output, name);
        let with_example: BTreeSet<&str> = file["has_example"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_str().unwrap())
            .collect();
        for q in file["questions"].as_array().unwrap() {
            let line = q["line"].as_u64().unwrap();
            let Some(card) = cards
                .iter()
                .find(|c| c["source"]["line"].as_u64() == Some(line))
            else {
                continue; // reported by the question test
            };
            let example = card["example"].as_str();
            let wanted = with_example.contains(q["id"].as_str().unwrap());
            if wanted != example.is_some_and(|e| !e.is_empty()) {
                problems.push(format!(
                    "{name}:{line}: example {example:?}, expected one: {wanted}"
                ));
            }
            let answer = card["answer"].as_str().unwrap_or_default();
            if answer.contains("Example:") || example.is_some_and(|e| e.contains("Example:")) {
                problems.push(format!("{name}:{line}: the `Example:` marker was kept"));
            }
        }
    }
    assert_no_problems(&problems);
}

#[test]
fn no_boilerplate_phrase_appears_in_any_card() {
    let Some((_, gold, output)) = gold_and_output("gold boilerplate") else {
        return;
    };
    let phrases: Vec<String> = gold["files"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|f| f["boilerplate"].as_array().unwrap())
        .map(|p| p.as_str().unwrap().to_lowercase())
        .collect();
    let mut problems = Vec::new();
    for card in output["cards"].as_array().unwrap() {
        let text = text_of(card).to_lowercase();
        for phrase in &phrases {
            if text.contains(phrase) {
                problems.push(format!(
                    "card at line {} contains {phrase:?}",
                    card["source"]["line"]
                ));
            }
        }
    }
    assert_no_problems(&problems);
}

#[test]
fn indented_lists_stay_markdown_lists_in_their_answers() {
    let Some((seeds, gold, output)) = gold_and_output("gold lists") else {
        return;
    };
    let mut problems = Vec::new();
    for name in gold["files"].as_object().unwrap().keys() {
        let text = std::fs::read_to_string(seeds.join(name)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for card in cards_of(&output, name) {
            let (first, last) = (
                card["source"]["line"].as_u64().unwrap() as usize,
                card["source"]["end_line"].as_u64().unwrap() as usize,
            );
            let answer = card["answer"].as_str().unwrap_or_default();
            let answer_lines: BTreeSet<&str> = answer.lines().collect();
            for source_line in &lines[first..last] {
                let Some(item) = source_line.strip_prefix("  ") else {
                    continue;
                };
                let item = item.trim_start();
                let expected = if let Some(rest) = item.strip_prefix("• ") {
                    format!("- {}", rest.trim())
                } else if item
                    .split_once(". ")
                    .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
                {
                    item.trim().to_owned()
                } else {
                    continue;
                };
                if !answer_lines.contains(expected.as_str()) {
                    problems.push(format!("{name}:{first}: list item missing: {expected:.60}"));
                }
            }
            if answer.contains('•') {
                problems.push(format!(
                    "{name}:{first}: a `•` bullet was not made a Markdown item"
                ));
            }
        }
    }
    assert_no_problems(&problems);
}

#[test]
fn spans_slice_the_original_bytes_and_ids_are_unique() {
    let Some((seeds, gold, output)) = gold_and_output("gold positions") else {
        return;
    };
    let mut problems = Vec::new();
    for name in gold["files"].as_object().unwrap().keys() {
        problems.extend(check_positions(&seeds.join(name), &cards_of(&output, name)));
    }
    let ids: Vec<&str> = output["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    if unique.len() != ids.len() {
        problems.push(format!("{} ids for {} cards", unique.len(), ids.len()));
    }
    assert_no_problems(&problems);
}
