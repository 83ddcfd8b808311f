//! The editor's findings list and size meter, both derived from the current [`Analysis`].

use iam_policy::Severity;
use leptos::prelude::*;

use super::analysis::Analysis;

/// Every finding with severity, code, message, help and line:column. Clicking the location selects the span in the
/// textarea (`select`, given UTF-16 offsets); without JavaScript the list is still there, rendered by the server.
#[component]
pub fn FindingsList(
    id: String,
    analysis: Memo<Analysis>,
    select: impl Fn((u32, u32)) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let summary = move || {
        analysis.with(|a| {
            let count = |severity| a.findings.iter().filter(|f| f.severity == severity).count();
            let parts: Vec<String> = [
                (Severity::Error, "error"),
                (Severity::SecurityWarning, "security warning"),
                (Severity::Warning, "warning"),
                (Severity::Suggestion, "suggestion"),
            ]
            .into_iter()
            .filter_map(|(severity, noun)| match count(severity) {
                0 => None,
                1 => Some(format!("1 {noun}")),
                n => Some(format!("{n} {noun}s")),
            })
            .collect();
            if parts.is_empty() {
                "No findings: the policy is valid.".to_owned()
            } else {
                parts.join(", ")
            }
        })
    };
    view! {
        <section class="editor-findings" id=id aria-label="Findings">
            <p class="findings-summary" role="status">{summary}</p>
            <ol class="plain findings">
                {move || {
                    analysis
                        .get()
                        .findings
                        .into_iter()
                        .map(|finding| {
                            let at = finding.utf16;
                            let class = finding.class();
                            let location = finding.location();
                            view! {
                                <li class=class>
                                    <button
                                        type="button"
                                        class="ghost finding-location"
                                        title="Select in the editor"
                                        on:click=move |_| {
                                            if let Some(range) = at {
                                                select(range);
                                            }
                                        }
                                    >
                                        {location}
                                    </button>
                                    <span class="finding-severity">{finding.severity.as_str()}</span>
                                    <code class="finding-code">{finding.code}</code>
                                    <span class="finding-message">{finding.message}</span>
                                    {finding.help.map(|help| view! { <span class="finding-help">{help}</span> })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </section>
    }
}

/// Size as AWS counts it, against the limit for this kind of policy.
#[component]
pub fn SizeMeter(analysis: Memo<Analysis>) -> impl IntoView {
    let size = move || analysis.with(|a| a.size);
    let max = move || analysis.with(|a| a.max_size);
    view! {
        <span class="size-meter" class:over=move || { size() > max() }>
            <meter min="0" max=max value=size high=move || max() * 9 / 10 aria-label="Policy size"></meter>
            <span class="size-text">{move || format!("{} / {} characters", size(), max())}</span>
        </span>
    }
}
