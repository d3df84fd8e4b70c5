//! Telling a chat or ticketing integration that an approval is waiting: a JSON POST to the
//! configured URL, retried with backoff, after the approval has been committed. Delivery never
//! affects the decision: the approval is in the queue whether or not anyone was told.

use std::time::Duration;

use mandate_core::approval::Approval;
use serde_json::json;

use crate::Gateway;
use crate::config::Webhook;

/// Announces a new approval in the background.
pub fn approval_requested(gw: &Gateway, approval: &Approval) {
    let Some(hook) = gw.config().approval_webhook.clone() else {
        return;
    };
    let body = json!({
        "event": "approval.requested",
        "approval": {
            "id": approval.id,
            "tenant": approval.tenant,
            "case": approval.case,
            "kind": approval.kind.as_str(),
            "role": approval.role.as_str(),
            "amount": approval.amount,
            "subject": approval.subject,
            "subject_sha256": approval.subject_sha256,
            "expires_at": approval.expires_at,
        }
    });
    let gw = gw.clone();
    let id = approval.id.to_string();
    tokio::spawn(async move {
        let delivered = deliver(&hook, &body).await;
        gw.metrics().count_webhook(delivered);
        if delivered {
            tracing::debug!(approval = %id, "approval webhook delivered");
        } else {
            tracing::warn!(approval = %id, attempts = hook.attempts, "approval webhook not delivered; the approval is in the queue regardless");
        }
    });
}

/// Posts `body`, retrying on errors and non-2xx answers with exponential backoff (0.5 s, 1 s,
/// 2 s... up to 30 s). Returns whether any attempt succeeded.
async fn deliver(hook: &Webhook, body: &serde_json::Value) -> bool {
    let Ok(client) = reqwest::Client::builder()
        .timeout(Duration::from_secs(hook.timeout_seconds))
        .user_agent(concat!("mandate/", env!("CARGO_PKG_VERSION")))
        .build()
    else {
        return false;
    };
    let mut wait = Duration::from_millis(500);
    for attempt in 1..=hook.attempts {
        match client.post(&hook.url).json(body).send().await {
            Ok(r) if r.status().is_success() => return true,
            Ok(r) => tracing::debug!(
                attempt,
                status = r.status().as_u16(),
                "approval webhook refused"
            ),
            Err(e) => tracing::debug!(attempt, error = %e, "approval webhook failed"),
        }
        if attempt < hook.attempts {
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_secs(30));
        }
    }
    false
}
