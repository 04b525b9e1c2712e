//! Every rule over the bundled sample documents (source/), one line per finding: a snapshot reviewed
//! by hand, so a change in what any rule flags on realistic text shows up in review.

use crate::common;

#[test]
fn every_rule_over_the_sample_documents() {
    let out = common::prep(
        &common::repo(),
        &["lint", "--format", "concise", "--exit-zero", "source"],
    );
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}
