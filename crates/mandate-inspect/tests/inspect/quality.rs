//! The quality gate on every labelled set, and the learned model on sets it was not
//! trained on.

use super::*;

/// Fails when the detectors drop below the goals on any labelled set in `tests/data`.
#[test]
fn quality_goals_hold_on_every_labelled_set() {
    // Every pair in tests/data: the product's samples and each validation round.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut sets: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_prefix("inputs_")
                .and_then(|n| n.strip_suffix(".jsonl"))
                .map(str::to_owned)
        })
        .collect();
    sets.sort();
    assert!(sets.len() >= 8, "labelled sets missing: {sets:?}");
    for set in &sets {
        let (inputs, outputs) = (
            format!("inputs_{set}.jsonl"),
            format!("outputs_{set}.jsonl"),
        );
        let i = mandate_inspect::eval::inputs(&data(&inputs));
        let o = mandate_inspect::eval::outputs(&data(&outputs));
        let report = mandate_inspect::eval::render(&i, &o);
        assert!(
            i.overall.recall() >= 0.95,
            "{inputs}: attack recall below 0.95\n{report}\n{:#?}",
            i.errors
        );
        assert!(
            i.overall.fpr() <= 0.01,
            "{inputs}: false positives above 1%\n{report}\n{:#?}",
            i.errors
        );
        assert!(
            o.overall.recall() >= 0.95,
            "{outputs}: commitment recall below 0.95\n{report}\n{:#?}",
            o.errors
        );
        assert!(
            o.overall.fpr() <= 0.02,
            "{outputs}: false positives above 2%\n{report}\n{:#?}",
            o.errors
        );
        assert!(
            o.kind_accuracy() >= 0.90,
            "{outputs}: commitment kind below 90%\n{report}\n{:#?}",
            o.errors
        );
    }
}

/// The learned second opinion generalises: trained without a set, it still finds most of that
/// set's attacks and commitments and flags almost none of its ordinary messages. Guards the
/// features and the trainer against changes that would leave a model that only memorises.
#[test]
fn the_learned_model_holds_on_sets_it_was_not_trained_on() {
    use mandate_inspect::eval::held_out;
    use mandate_inspect::learned::Task;
    for (task, least_recall) in [(Task::Attack, 0.65), (Task::Commitment, 0.80)] {
        let scores = held_out(task);
        let th = task.threshold();
        let (pos, neg): (Vec<_>, Vec<_>) = scores.iter().partition(|s| s.positive);
        assert!(
            pos.len() >= 200 && neg.len() >= 200,
            "{task:?}: sets missing"
        );
        let recall = pos.iter().filter(|s| s.score >= th).count() as f64 / pos.len() as f64;
        let fpr = neg.iter().filter(|s| s.score >= th).count() as f64 / neg.len() as f64;
        assert!(
            recall >= least_recall && fpr <= 0.015,
            "{task:?}: held-out recall {recall:.3}, false positives {fpr:.3}"
        );
    }
}
