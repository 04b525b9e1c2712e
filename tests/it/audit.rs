//! The dependency tree has no known vulnerability: `cargo-audit` over Cargo.lock with the RustSec
//! advisory database, offline, from ../shared/audit (see its README). Skipped with a SKIPPED message
//! when that folder is missing; it exists in CI.

use crate::common;

use std::process::Command;

use serde_json::Value;

#[test]
fn the_lock_file_has_no_known_vulnerability() {
    let audit = common::repo().join("../shared/audit");
    let (binary, database) = (audit.join("cargo-audit"), audit.join("advisory-db"));
    if !binary.is_file() || !database.is_dir() {
        eprintln!(
            "SKIPPED the_lock_file_has_no_known_vulnerability: ../shared/audit not found (it \
             exists in CI)"
        );
        return;
    }
    let output = Command::new(&binary)
        .current_dir(common::repo())
        .args(["audit", "--db"])
        .arg(&database)
        .args(["--no-fetch", "--stale", "--json"])
        .output()
        .expect("cargo-audit runs");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "cargo-audit printed no JSON report ({e}):\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let vulnerabilities = &report["vulnerabilities"];
    let ids: Vec<&str> = vulnerabilities["list"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|found| found["advisory"]["id"].as_str())
        .collect();
    assert_eq!(vulnerabilities["count"], 0, "advisories: {ids:?}");
    assert!(
        output.status.success(),
        "cargo-audit exited {}",
        output.status
    );
    let warnings = report["warnings"].as_object().map_or(0, |kinds| {
        kinds
            .values()
            .filter_map(Value::as_array)
            .map(Vec::len)
            .sum()
    });
    eprintln!("cargo-audit: 0 vulnerabilities, {warnings} warning(s)");
}
