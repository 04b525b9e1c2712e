//! Hand-built exports for the export tests: cards with the content each format must survive.

use prep::export::{Entry, Export, ExportedFinding};
use prep::model::{Alternate, Card, CardId, CardMap, Severity, SourceRef};

pub fn card(id: &str, file: &str, line: usize, question: &str, answer: &str) -> Card {
    Card {
        id: CardId(id.into()),
        question: question.into(),
        answer: answer.into(),
        example: None,
        section: None,
        tags: Vec::new(),
        source: SourceRef {
            file: file.into(),
            line,
            end_line: line + 2,
            offset: 0,
            length: 1,
        },
        map: CardMap::default(),
    }
}

/// An entry with nothing merged into it, no tags and no findings.
pub fn entry(guid: &str, deck: &str, card: Card) -> Entry {
    Entry {
        guid: guid.into(),
        card,
        alternates: Vec::new(),
        also_asked_as: Vec::new(),
        deck: deck.into(),
        tags: Vec::new(),
        findings: Vec::new(),
    }
}

pub fn alternate(card: &Card) -> Alternate {
    Alternate {
        id: card.id.clone(),
        question: card.question.clone(),
        answer: card.answer.clone(),
        example: card.example.clone(),
        source: card.source.clone(),
    }
}

/// Four entries in two decks (one named like a question), with commas, quotes, line breaks, cells a
/// spreadsheet would run, raw HTML, Markdown markup in questions, a `#` at the start of a GUID, merged
/// duplicates and findings.
pub fn sample() -> Export {
    let backend = "Interview questions::Backend";
    let mut consistency = card(
        "1a2b3c4d5e6f7081",
        "notes/backend.md",
        12,
        "What does \"eventual consistency\" mean, in practice?",
        "Replicas converge, given time.\n\n- reads may be stale\n- writes are never lost",
    );
    consistency.example = Some("=SUM(A1) counted the \"lost\" orders, twice.".into());
    let mut reworded = card(
        "90a1b2c3d4e5f607",
        "faq.txt",
        40,
        "What is eventual consistency?",
        "Replicas agree, eventually.",
    );
    reworded.example = Some("A DNS change.".into());
    let same = card(
        "8899aabbccddeeff",
        "old/notes.md",
        7,
        "What does \"eventual consistency\" mean, in practice?",
        "Convergence.",
    );
    let mut first = entry("#aB3,xY9!q", backend, consistency);
    first.alternates = vec![alternate(&reworded), alternate(&same)];
    first.also_asked_as = vec!["What is eventual consistency?".into()];
    first.tags = vec!["backend".into(), "databases".into()];
    first.findings = vec![
        ExportedFinding {
            rule: "absolute-claim".into(),
            level: Severity::Warning,
            message: "`never` admits no exception".into(),
        },
        ExportedFinding {
            rule: "unsupported-metric".into(),
            level: Severity::Info,
            message: "`twice` states a change without a baseline".into(),
        },
    ];

    let script = entry(
        "Kq9!pL2a~z",
        backend,
        card(
            "0f1e2d3c4b5a6978",
            "notes/backend.md",
            30,
            "Why is <script>alert(1)</script> dangerous in a card?",
            "-1 is what the check returns.\n\nAnki runs <script> in fields & templates.",
        ),
    );

    let rust = "Interview questions::Why Rust?";
    let mut kubernetes = entry(
        "z,\"q\"7",
        rust,
        card(
            "aa00bb11cc22dd33",
            "rust.md",
            3,
            "Kubernetes basics",
            "+1 for pods; a Deployment manages ReplicaSets.\n\n```yaml\nkind: Deployment # comment\n```",
        ),
    );
    kubernetes.tags = vec!["k8s".into()];
    let mut derive = entry(
        "Xr5@w$1",
        rust,
        card(
            "ee44ff5566778899",
            "rust.md",
            20,
            "How do `#[derive]` and *traits* relate? #",
            "@derive is Java; `#[derive(Debug)]` is Rust.",
        ),
    );
    derive.card.example = Some("We derived `Clone`\nfor every config type.".into());

    Export {
        title: "Interview questions".into(),
        entries: vec![first, script, kubernetes, derive],
        modified: 1_700_000_000,
        media: Default::default(),
    }
}
