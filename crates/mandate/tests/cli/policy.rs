//! `mandate policy check` and `mandate policy test` as a deployer runs them in CI.

use std::path::PathBuf;

use crate::support::{mandate, text};

fn commerce() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/commerce")
}

#[test]
fn the_commerce_pack_checks_and_its_tests_pass() {
    let out = mandate(&[
        "policy",
        "check",
        commerce().join("policies").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("refund.issue"));
    let out = mandate(&[
        "policy",
        "test",
        commerce().join("policy-tests.toml").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("0 failed"), "{}", text(&out));
}

#[test]
fn check_rejects_an_undeclared_attribute_readably() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        commerce().join("policies/shop.cedarschema"),
        dir.path().join("shop.cedarschema"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("colour.cedar"),
        "@id(\"red-orders\")\npermit (principal, action, resource is Shop::Order) when { resource.colour == \"red\" };\n",
    )
    .unwrap();
    let out = mandate(&["policy", "check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let t = text(&out);
    assert!(
        t.contains("red-orders") && t.contains("`colour`") && t.contains("Shop::Order"),
        "{t}"
    );
}

#[test]
fn a_failing_policy_test_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tests.toml");
    std::fs::write(
        &file,
        format!(
            "policies = \"{}\"\n[[entities]]\nuid = {{ type = \"Shop::Order\", id = \"A-1\" }}\nattrs = {{ customer = \"c-1\", total = 100 }}\nparents = []\n\
             [[cases]]\nname = \"wrongly expected\"\naction = \"order.read\"\nresource = {{ type = \"Shop::Order\", id = \"A-1\" }}\ncustomer = {{ id = \"c-1\", verified = true }}\nexpect = \"deny\"\n",
            commerce().join("policies").display()
        ),
    )
    .unwrap();
    let out = mandate(&["policy", "test", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("FAIL  wrongly expected"),
        "{}",
        text(&out)
    );
}
