//! YAML front matter of a Markdown file: `title`, `deck` and `tags` (`tags: [sql, databases]` or
//! `tags: sql, databases`).

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub deck: Option<String>,
    #[serde(default)]
    pub tags: Tags,
}

/// `tags: [a, b]`, a YAML list, or `tags: a, b`.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
pub enum Tags {
    #[default]
    None,
    List(Vec<String>),
    Text(String),
}

impl Tags {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            Tags::None => Vec::new(),
            Tags::List(tags) => tags,
            Tags::Text(text) => text.split([',', ' ']).map(str::to_owned).collect(),
        }
        .into_iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
    }
}

impl FrontMatter {
    pub fn read(yaml: &str) -> Result<FrontMatter, serde_norway::Error> {
        serde_norway::from_str(yaml)
    }
}
