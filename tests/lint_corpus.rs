//! Every rule over the bundled sample documents (source/), one line per finding: a snapshot reviewed
//! by hand, so a change in what any rule flags on realistic text shows up in review.

mod common;

#[test]
fn every_rule_over_the_sample_documents() {
    let out = assert_cmd::Command::cargo_bin("prep")
        .unwrap()
        .current_dir(common::repo())
        .args(["lint", "--format", "concise", "--exit-zero", "source"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}
