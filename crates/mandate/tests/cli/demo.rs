//! `mandate demo` as a newcomer runs it: every step as expected, in seconds.

use crate::support::{mandate, text};

#[test]
fn the_demo_plays_every_step_as_expected() {
    let started = std::time::Instant::now();
    let out = mandate(&["demo", "--json"]);
    assert!(out.status.success(), "{}", text(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(v["ok"], true, "{v:#}");
    let steps = v["steps"].as_array().unwrap();
    let titles: Vec<&str> = steps.iter().map(|s| s["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Order status",
            "A small refund",
            "A large refund",
            "A prompt injection",
            "An injection in a product review",
            "A discount nobody approved",
            "Someone else's order",
            "Another shop's order id",
            "Closing the case",
            "The audit log and the case trail",
        ]
    );
    for s in steps {
        assert_eq!(s["ok"], true, "{s:#}");
        assert!(!s["actual"].as_str().unwrap().is_empty());
    }
    let kinds: Vec<&str> = v["trace"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.first(), Some(&"case.opened"));
    assert_eq!(kinds.last(), Some(&"case.closed"));
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn piped_output_is_plain_with_a_summary() {
    let out = mandate(&["demo"]);
    assert!(out.status.success(), "{}", text(&out));
    let t = String::from_utf8_lossy(&out.stdout);
    assert!(!t.contains('\x1b'), "no colour codes when piped");
    assert!(
        t.contains("Summary") && t.contains("10/10 steps behaved as expected"),
        "{t}"
    );
    assert!(t.contains("customer ›") && t.contains("assistant ›") && t.contains("mandate ›"));
}
