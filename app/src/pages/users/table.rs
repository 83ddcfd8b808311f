//! One page of users, with the pager.

use leptos::prelude::*;

use crate::api::users::encode_query_value;
use crate::components::pager::{PagePosition, Pager};
use crate::model::{Page, UserView};

fn list_href(prefix: &str, params: Vec<(&'static str, String)>) -> String {
    let mut href = format!("/users?prefix={}", encode_query_value(prefix));
    for (key, value) in params {
        href.push_str(&format!("&{key}={}", encode_query_value(&value)));
    }
    href
}

#[component]
pub fn UsersTable(page: Page<UserView>, prefix: String, position: PagePosition) -> impl IntoView {
    let previous = position.previous().map(|params| list_href(&prefix, params));
    let next = page.marker.as_deref().filter(|_| page.is_truncated).map(|m| list_href(&prefix, position.next(m)));
    if page.items.is_empty() {
        let text = if position.after.is_some() {
            "No more users."
        } else {
            "No users here yet. Create one with the form below, in this path or any other."
        };
        return view! {
            <section class="card empty" aria-live="polite">
                <p>{text}</p>
                <Pager previous next page=position.page_number() />
            </section>
        }
        .into_any();
    }
    let rows = page
        .items
        .into_iter()
        .map(|user| {
            let href = format!("/users/{}", encode_query_value(&user.user_name));
            view! {
                <tr>
                    <td><a href=href>{user.user_name.clone()}</a></td>
                    <td><code>{user.path.clone()}</code></td>
                    <td><time datetime=user.create_date.clone()>{user.create_date.clone()}</time></td>
                    <td>{user.password_last_used.clone().unwrap_or_else(|| "never".into())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card table-card">
            <table class="data" id="users-table">
                <caption class="visually-hidden">"Users"</caption>
                <thead>
                    <tr>
                        <th scope="col">"User name"</th>
                        <th scope="col">"Path"</th>
                        <th scope="col">"Created"</th>
                        <th scope="col">"Console sign-in"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <Pager previous next page=position.page_number() />
        </section>
    }
    .into_any()
}
