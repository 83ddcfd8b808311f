//! The text of each policy holding a deciding statement, one numbered line each, the deciding statements' lines
//! marked: green where a statement allowed, red where it denied.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::model::reports::EvaluationResult;
use crate::model::simulator::PolicyText;

/// The element id of line `line` (1-based) of the `n`th policy shown (0-based), the target of a result's link.
pub(super) fn line_anchor(n: usize, line: u32) -> String {
    format!("sim-policy-{}-L{line}", n + 1)
}

/// Each deciding line of the policy `id`, with the effect of its statement: a statement deciding an allowed result
/// is an Allow, one deciding an explicit deny a Deny (only those two kinds of result have deciding statements).
fn deciding_lines(id: &str, results: &[EvaluationResult]) -> BTreeMap<u32, &'static str> {
    let mut lines = BTreeMap::new();
    for result in results {
        let effect = if result.eval_decision == "explicitDeny" { "deny" } else { "allow" };
        for statement in result.matched_statements.iter().filter(|s| s.source_policy_id == id) {
            for line in statement.start.line..=statement.end.line {
                // A Deny's colour wins where statements share a line: it is what decided.
                let entry = lines.entry(line).or_insert(effect);
                if effect == "deny" {
                    *entry = effect;
                }
            }
        }
    }
    lines
}

#[component]
pub fn PolicyTexts(policies: Vec<PolicyText>, results: Vec<EvaluationResult>) -> impl IntoView {
    let sections = policies
        .into_iter()
        .enumerate()
        .map(|(n, policy)| {
            let marked = deciding_lines(&policy.id, &results);
            let lines = policy
                .document
                .lines()
                .zip(1u32..)
                .map(|(text, line)| {
                    let id = line_anchor(n, line);
                    let text = text.to_owned();
                    match marked.get(&line) {
                        Some(effect) => view! {
                            <li id=id class=format!("deciding {effect}")><mark>{text}</mark></li>
                        }
                        .into_any(),
                        None => view! { <li id=id><span>{text}</span></li> }.into_any(),
                    }
                })
                .collect_view();
            view! {
                <section class="card policy-text" id=format!("sim-policy-{}", n + 1) aria-label=format!("Policy {}", policy.id)>
                    <h3><code>{policy.id.clone()}</code> " " <span class="badge">{policy.source_type.clone()}</span></h3>
                    <ol class="policy-lines">{lines}</ol>
                </section>
            }
        })
        .collect_view();
    view! {
        <h2 class="simulator-policies-title">"Deciding statements in their policies"</h2>
        {sections}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::reports::{Position, StatementView};

    fn result(decision: &str, id: &str, from: u32, to: u32) -> EvaluationResult {
        EvaluationResult {
            eval_action_name: "s3:GetObject".into(),
            eval_resource_name: "*".into(),
            eval_decision: decision.into(),
            matched_statements: vec![StatementView {
                source_policy_id: id.into(),
                source_policy_type: "user".into(),
                start: Position { line: from, column: 5 },
                end: Position { line: to, column: 6 },
            }],
            missing_context_values: Vec::new(),
        }
    }

    #[test]
    fn lines_of_deciding_statements_are_marked_by_effect() {
        let results = [
            result("allowed", "user/a", 3, 5),
            result("explicitDeny", "user/a", 5, 6),
            result("allowed", "user/b", 1, 1),
        ];
        let lines = deciding_lines("user/a", &results);
        assert_eq!(lines.into_iter().collect::<Vec<_>>(), [(3, "allow"), (4, "allow"), (5, "deny"), (6, "deny")]);
    }
}
