//! The layers of the crate, checked: a module uses only modules on lower layers, so no two modules
//! import each other, directly or around a circle. Data flows up the list: files are loaded and
//! parsed into the model, deduplicated and linted, then reported and exported; the command line
//! sits on top. A test reads every `crate::` path in `src/` (comments left out) and fails on a use
//! that goes sideways or down.

/// Top-level modules from the bottom up; modules on one layer may not use each other.
#[cfg(test)]
const LAYERS: &[&[&str]] = &[
    // Helpers for the unit tests, which may test any module.
    &["test_support"],
    &["excerpt", "model", "normalize", "patterns"],
    &["dedup"],
    &["config"],
    &["source"],
    &["lint"],
    &["report"],
    &["export"],
    &["config_template"],
    &["cli"],
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    use super::LAYERS;

    fn layer(module: &str) -> Option<usize> {
        LAYERS.iter().position(|layer| layer.contains(&module))
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The top-level modules `code` names through `crate::`, in paths and in `use crate::{…}`.
    fn used_modules(code: &str) -> BTreeSet<String> {
        let code: String = code
            .lines()
            .map(|line| line.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        let path = regex::Regex::new(r"\bcrate::(\w+)").unwrap();
        let group = regex::Regex::new(r"\bcrate::\{([^}]*)").unwrap();
        let first = regex::Regex::new(r"(?:^|,)\s*(\w+)").unwrap();
        let mut used: BTreeSet<String> =
            path.captures_iter(&code).map(|c| c[1].to_owned()).collect();
        for names in group.captures_iter(&code) {
            used.extend(first.captures_iter(&names[1]).map(|c| c[1].to_owned()));
        }
        used
    }

    #[test]
    fn every_module_uses_only_lower_layers() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let mut wrong = Vec::new();
        for file in &files {
            let relative = file.strip_prefix(&src).unwrap();
            let top = relative
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_owned();
            let Some(own) = layer(&top) else { continue };
            let code = std::fs::read_to_string(file).unwrap();
            for used in used_modules(&code) {
                match layer(&used) {
                    Some(theirs) if used != top && theirs >= own => {
                        wrong.push(format!("{}: {top} uses {used}", relative.display()));
                    }
                    None => wrong.push(format!(
                        "{}: `crate::{used}` is not in LAYERS",
                        relative.display()
                    )),
                    _ => {}
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "uses against the layers:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn the_check_sees_paths_and_groups_but_not_comments() {
        let used = used_modules(
            "use crate::{lint::Rule, model};\nlet x = crate::dedup::run();\n// crate::cli\n",
        );
        assert_eq!(
            used.into_iter().collect::<Vec<_>>(),
            ["dedup", "lint", "model"]
        );
    }
}
