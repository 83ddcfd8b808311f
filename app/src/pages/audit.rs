//! `/audit`: the account's audit log, newest first, filtered by principal, action, outcome and days. Read-only.
//! Everything is in the address (the filters, `after`, `back`), so filtering and paging are a GET form and plain
//! links: bookmarkable, and the same without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::api::audit::list_audit_events;
use crate::components::audit_row::{AuditRow, AUDIT_HEADERS};
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::paged_table::{PagedTable, TableKind};
use crate::components::pager::PagePosition;
use crate::model::reports::AuditEventView;
use crate::model::Page;

const LISTING: &str = "/audit";

/// The filters as the address carries them; empty means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct AuditFilters {
    principal: String,
    action: String,
    outcome: String,
    from: String,
    to: String,
}

impl AuditFilters {
    fn from_query(q: &ParamsMap) -> Self {
        let get = |key: &str| q.get(key).map(|v| v.trim().to_owned()).unwrap_or_default();
        Self {
            principal: get("principal"),
            action: get("action"),
            outcome: get("outcome"),
            from: get("from"),
            to: get("to"),
        }
    }

    /// The non-empty filters as query parameters, for the pager's links.
    fn params(&self) -> Vec<(&'static str, String)> {
        [
            ("principal", &self.principal),
            ("action", &self.action),
            ("outcome", &self.outcome),
            ("from", &self.from),
            ("to", &self.to),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.clone()))
        .collect()
    }

    fn is_empty(&self) -> bool {
        self.params().is_empty()
    }
}

fn some(value: String) -> Option<String> {
    Some(value).filter(|v| !v.is_empty())
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let filters = Memo::new(move |_| query.with(AuditFilters::from_query));
    let position = Memo::new(move |_| query.with(|q| PagePosition::from_query(q.get("after"), q.get("back"))));

    let events = Resource::new(
        move || (filters.get(), position.get().after),
        |(f, after)| {
            list_audit_events(some(f.principal), some(f.action), some(f.outcome), some(f.from), some(f.to), after)
        },
    );

    view! {
        <Title text="Audit log" />
        <h1>"Audit log"</h1>
        <p class="muted">
            "Every request the console and the API made of this account: who, what, on which resource, and whether it was allowed. Denials are marked."
        </p>
        <AuditFilterForm filters />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match events.await {
                    Ok(page) => {
                        view! { <AuditTable page filters=filters.get_untracked() position=position.get_untracked() /> }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A GET form to `/audit`: the filters become the address, and the page the server sends fills them in.
#[component]
fn AuditFilterForm(filters: Memo<AuditFilters>) -> impl IntoView {
    let initial = filters.get_untracked();
    let option = move |value: &'static str, label: &'static str| {
        view! { <option value=value selected=initial.outcome == value>{label}</option> }
    };

    view! {
        <Form method="GET" action=LISTING attr:class="card audit-filter" attr:role="search" attr:aria-label="Filter the audit log">
            <div class="audit-fields">
                <div class="field wide">
                    <label for="audit-principal">"Principal ARN"</label>
                    <input
                        id="audit-principal"
                        name="principal"
                        placeholder="arn:aws:iam::123456789012:user/app/backup"

                        value=initial.principal.clone()
                        aria-describedby="audit-exact"
                    />
                </div>
                <div class="field">
                    <label for="audit-action">"Action"</label>
                    <input id="audit-action" name="action" placeholder="iam:CreateUser" value=initial.action.clone() aria-describedby="audit-exact" />
                </div>
                <div class="field">
                    <label for="audit-outcome">"Outcome"</label>
                    <select id="audit-outcome" name="outcome">
                        {option("", "Any")}
                        {option("allowed", "Allowed")}
                        {option("denied", "Denied")}
                        {option("failed", "Failed")}
                    </select>
                </div>
                <div class="field">
                    <label for="audit-from">"From (UTC)"</label>
                    <input id="audit-from" name="from" type="date" value=initial.from.clone() />
                </div>
                <div class="field">
                    <label for="audit-to">"To (UTC)"</label>
                    <input id="audit-to" name="to" type="date" value=initial.to.clone() />
                </div>
            </div>
            <p id="audit-exact" class="muted hint">"The principal ARN and the action match exactly (the action ignoring case)."</p>
            <div class="actions">
                <button type="submit" class="primary">"Filter"</button>
                {move || (!filters.get().is_empty()).then(|| view! { <a href=LISTING>"Clear filters"</a> })}
            </div>
        </Form>
    }
}

#[component]
fn AuditTable(page: Page<AuditEventView>, filters: AuditFilters, position: PagePosition) -> impl IntoView {
    let next_marker = page.marker.clone().filter(|_| page.is_truncated);
    let row_count = page.items.len();
    let rows = page.items.into_iter().map(|event| view! { <AuditRow event /> }).collect_view().into_any();
    let kind = TableKind {
        listing: LISTING,
        id: "audit-table",
        caption: "Audit events, newest first",
        headers: AUDIT_HEADERS,
        empty: "No events match these filters. Widen the days, or clear a filter.",
        no_more: "No more events.",
    };
    view! { <PagedTable kind filters=filters.params() position next_marker row_count rows /> }
}
