use leptos::prelude::*;

use crate::api::users::user_groups;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;

/// The groups the user is in (at most 10).
#[component]
pub fn GroupsSection(user_name: String) -> impl IntoView {
    let groups = Resource::new(move || user_name.clone(), user_groups);
    view! {
        <section class="card" aria-labelledby="groups-heading">
            <h2 id="groups-heading">"Groups"</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match groups.await {
                        Ok(groups) if groups.is_empty() => view! {
                            <p class="muted">"In no group. Groups give their members the group's policies."</p>
                        }
                        .into_any(),
                        Ok(groups) => view! {
                            <ul class="plain">
                                {groups
                                    .into_iter()
                                    .map(|g| view! { <li>{g.group_name} " " <code class="muted">{g.path}</code></li> })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
