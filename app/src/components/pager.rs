//! Previous / next links for keyset-paginated listings. Markers only go forward, so the addresses carry the markers
//! of the pages before (`back`): both links are plain links and work without JavaScript.

use leptos::prelude::*;

/// Stands for "the first page" in the `back` list (real markers are 22+ characters of URL-safe Base64).
const FIRST: &str = "1";
const SEPARATOR: char = '.';

/// Where the current page of a listing is: after which marker, and the markers of the pages before it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PagePosition {
    pub after: Option<String>,
    pub back: Vec<String>,
}

impl PagePosition {
    pub fn from_query(after: Option<String>, back: Option<String>) -> Self {
        let back = back.unwrap_or_default().split(SEPARATOR).filter(|m| !m.is_empty()).map(str::to_owned).collect();
        Self { after: after.filter(|a| !a.is_empty()), back }
    }

    /// The query parameters (`after`, `back`) of the next page, which starts after `marker`.
    pub fn next(&self, marker: &str) -> Vec<(&'static str, String)> {
        let mut back = self.back.clone();
        back.push(self.after.clone().unwrap_or_else(|| FIRST.to_owned()));
        vec![("after", marker.to_owned()), ("back", join(&back))]
    }

    /// The query parameters of the previous page, if there is one.
    pub fn previous(&self) -> Option<Vec<(&'static str, String)>> {
        let mut back = self.back.clone();
        let before = back.pop()?;
        let mut params = Vec::new();
        if before != FIRST {
            params.push(("after", before));
        }
        if !back.is_empty() {
            params.push(("back", join(&back)));
        }
        Some(params)
    }

    pub fn page_number(&self) -> usize {
        self.back.len() + 1
    }
}

fn join(markers: &[String]) -> String {
    markers.join(&SEPARATOR.to_string())
}

/// The pager: `previous` and `next` are complete addresses (or `None` at either end).
#[component]
pub fn Pager(previous: Option<String>, next: Option<String>, page: usize) -> impl IntoView {
    let nothing_to_page = previous.is_none() && next.is_none();
    (!nothing_to_page).then(|| {
        view! {
            <nav class="pager" aria-label="Pages">
                {match previous {
                    Some(href) => view! { <a href=href rel="prev">"← Previous"</a> }.into_any(),
                    None => view! { <span class="muted">"← Previous"</span> }.into_any(),
                }}
                <span class="muted">"Page " {page}</span>
                {match next {
                    Some(href) => view! { <a href=href rel="next">"Next →"</a> }.into_any(),
                    None => view! { <span class="muted">"Next →"</span> }.into_any(),
                }}
            </nav>
        }
    })
}
