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

async fn policy_hash(server: &crate::support::Server) -> String {
    let (_, info) = server.get("/v1/policies", &server.admin_token()).await;
    info["policy_hash"].as_str().unwrap().to_owned()
}

async fn wait_for_change(server: &crate::support::Server, from: &str) -> String {
    for _ in 0..100 {
        let now = policy_hash(server).await;
        if now != from {
            return now;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the policy set did not change");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_file_and_sighup_reload_the_policies() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let policies = data.join("policies");
    std::fs::create_dir_all(&policies).unwrap();
    std::fs::copy(
        commerce().join("policies/shop.cedarschema"),
        policies.join("shop.cedarschema"),
    )
    .unwrap();

    // Watching: a file change is picked up without a restart.
    let server =
        crate::support::Server::start(&data, None, "[policy]\nwatch_interval_seconds = 1\n");
    let empty = policy_hash(&server).await;
    std::fs::write(
        policies.join("read.cedar"),
        "@id(\"read\") permit(principal, action == Mandate::Action::\"order.read\", resource);",
    )
    .unwrap();
    let watched = wait_for_change(&server, &empty).await;
    // A broken file is refused and the last good set keeps serving.
    std::fs::write(
        policies.join("broken.cedar"),
        "permit(principal, action, resource",
    )
    .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(policy_hash(&server).await, watched);
    std::fs::remove_file(policies.join("broken.cedar")).unwrap();
    server.stop();

    // No watching: SIGHUP reloads.
    let server =
        crate::support::Server::start(&data, None, "[policy]\nwatch_interval_seconds = 0\n");
    let before = policy_hash(&server).await;
    std::fs::write(
        policies.join("read.cedar"),
        "@id(\"read-v2\") permit(principal, action == Mandate::Action::\"order.read\", resource);",
    )
    .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        policy_hash(&server).await,
        before,
        "nothing reloads without a trigger"
    );
    let _ = std::process::Command::new("kill")
        .arg("-HUP")
        .arg(server.child.id().to_string())
        .status();
    let after = wait_for_change(&server, &before).await;
    let (_, info) = server.get("/v1/policies", &server.admin_token()).await;
    assert_eq!(info["policies"], serde_json::json!(["read-v2"]));
    assert_ne!(after, before);
    let (_, log) = server
        .get("/v1/audit?limit=5000", &server.admin_token())
        .await;
    let triggers: Vec<String> = log["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"].as_str().unwrap().starts_with("policy.reload"))
        .map(|r| {
            format!(
                "{}:{}",
                r["kind"].as_str().unwrap(),
                r["payload"]["trigger"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        triggers.contains(&"policy.reloaded:file_change".to_owned()),
        "{triggers:?}"
    );
    assert!(
        triggers.contains(&"policy.reload_failed:file_change".to_owned()),
        "{triggers:?}"
    );
    assert!(
        triggers.contains(&"policy.reloaded:sighup".to_owned()),
        "{triggers:?}"
    );
    server.stop();
}
