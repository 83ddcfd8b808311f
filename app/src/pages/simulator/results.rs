//! The simulator's answer: one row per action × resource with its decision, the statements that decided it and the
//! context keys it lacked; then each policy holding a deciding statement, those statements highlighted.

use leptos::prelude::*;

use super::policy_text::{line_anchor, PolicyTexts};
use crate::model::reports::{EvaluationResult, StatementView};
use crate::model::simulator::SimulationReport;

/// AWS's `EvalDecision` as the console says it, and the class that colours it.
pub(super) fn decision(eval_decision: &str) -> (&'static str, &'static str) {
    match eval_decision {
        "allowed" => ("allowed", "decision-allowed"),
        "explicitDeny" => ("explicit deny", "decision-explicit-deny"),
        _ => ("implicit deny", "decision-implicit-deny"),
    }
}

/// `lines a–b`, or `line a` for a statement on one line.
fn line_range(statement: &StatementView) -> String {
    if statement.start.line == statement.end.line {
        format!("line {}", statement.start.line)
    } else {
        format!("lines {}–{}", statement.start.line, statement.end.line)
    }
}

#[component]
pub fn Results(report: SimulationReport) -> impl IntoView {
    let SimulationReport { results, policies } = report;
    let allowed = results.iter().filter(|r| r.eval_decision == "allowed").count();
    let summary = format!("{allowed} of {} allowed", results.len());
    let shown: Vec<String> = policies.iter().map(|p| p.id.clone()).collect();
    let rows = results.iter().map(|result| result_row(result, &shown)).collect_view();
    let texts = (!policies.is_empty()).then(|| view! { <PolicyTexts policies results /> });

    view! {
        <section class="card table-card simulator-results" aria-labelledby="sim-results-title">
            <h2 id="sim-results-title">"Results " <span class="muted">{summary}</span></h2>
            <table class="data" id="simulator-results">
                <caption class="visually-hidden">"Each action on each resource: the decision and why"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Action"</th>
                        <th scope="col">"Resource"</th>
                        <th scope="col">"Decision"</th>
                        <th scope="col">"Deciding statements"</th>
                        <th scope="col">"Missing context keys"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
        {texts}
    }
}

/// One result. `shown` are the ids of the policies whose text is shown below, in order: a deciding statement links
/// to its first line there.
fn result_row(result: &EvaluationResult, shown: &[String]) -> impl IntoView {
    let (label, class) = decision(&result.eval_decision);
    let statements = if result.matched_statements.is_empty() {
        view! { <span class="muted">"none"</span> }.into_any()
    } else {
        let items = result
            .matched_statements
            .iter()
            .map(|statement| {
                let name = statement.source_policy_id.clone();
                let link = shown
                    .iter()
                    .position(|id| *id == statement.source_policy_id)
                    .map(|n| format!("#{}", line_anchor(n, statement.start.line)));
                let name = match link {
                    Some(href) => view! { <a href=href><code>{name}</code></a> }.into_any(),
                    None => view! { <code>{name}</code> }.into_any(),
                };
                view! { <li>{name} " " <span class="muted range">{line_range(statement)}</span></li> }
            })
            .collect_view();
        view! { <ul class="simulator-list">{items}</ul> }.into_any()
    };
    let missing = if result.missing_context_values.is_empty() {
        view! { <span class="muted">"none"</span> }.into_any()
    } else {
        let keys = result.missing_context_values.iter().map(|key| view! { <li><code>{key.clone()}</code></li> });
        view! { <ul class="simulator-list missing-keys">{keys.collect_view()}</ul> }.into_any()
    };

    view! {
        <tr class=class>
            <td><code>{result.eval_action_name.clone()}</code></td>
            <td><code class="arn">{result.eval_resource_name.clone()}</code></td>
            <td><span class=format!("badge decision {class}")>{label}</span></td>
            <td>{statements}</td>
            <td>{missing}</td>
        </tr>
    }
}
