//! One page of a listing (users, groups, the audit log) as a table with the pager, or the empty state that says what
//! to do.

use leptos::prelude::*;

use super::pager::{PagePosition, Pager};
use crate::api::users::encode_query_value;

/// The listing at `listing` (e.g. `/users`) with its filters (e.g. `prefix`), then the pager's parameters.
fn list_href(listing: &str, filters: &[(&'static str, String)], params: Vec<(&'static str, String)>) -> String {
    let mut href = listing.to_owned();
    // An empty filter is no filter: left out, so the addresses stay short.
    let filters = filters.iter().filter(|(_, value)| !value.is_empty());
    for (i, (key, value)) in filters.chain(params.iter()).enumerate() {
        let separator = if i == 0 { '?' } else { '&' };
        href.push_str(&format!("{separator}{key}={}", encode_query_value(value)));
    }
    href
}

/// What the table is: its address, element id, caption, column headings, and its two empty states (a first page
/// with nothing yet; a later page past the end).
pub struct TableKind {
    pub listing: &'static str,
    pub id: &'static str,
    pub caption: &'static str,
    pub headers: &'static [&'static str],
    pub empty: &'static str,
    pub no_more: &'static str,
}

/// `filters` are the listing's own query parameters, kept by the pager's links; `rows` is the page's rows (`<tr>`s);
/// `next_marker` the marker of the next page, when there is one.
#[component]
pub fn PagedTable(
    kind: TableKind,
    filters: Vec<(&'static str, String)>,
    position: PagePosition,
    next_marker: Option<String>,
    row_count: usize,
    rows: AnyView,
) -> impl IntoView {
    let previous = position.previous().map(|params| list_href(kind.listing, &filters, params));
    let next = next_marker.map(|m| list_href(kind.listing, &filters, position.next(&m)));
    if row_count == 0 {
        let text = if position.after.is_some() { kind.no_more } else { kind.empty };
        return view! {
            <section class="card empty" aria-live="polite">
                <p>{text}</p>
                <Pager previous next page=position.page_number() />
            </section>
        }
        .into_any();
    }
    let headers = kind.headers.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view();
    view! {
        <section class="card table-card">
            <table class="data" id=kind.id>
                <caption class="visually-hidden">{kind.caption}</caption>
                <thead>
                    <tr>{headers}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <Pager previous next page=position.page_number() />
        </section>
    }
    .into_any()
}
