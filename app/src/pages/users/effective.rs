use leptos::prelude::*;

use crate::api::users::load_effective_permissions;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::model::effective_permissions::{EffectivePermissions, ServicePermissions, StatementGrant, ALL_SERVICES};

/// Beyond AWS: every statement that reaches the user — their own policies and their groups' — sorted by the service
/// it grants or denies, each with the policy and lines it comes from. Denies are listed first: they win.
#[component]
pub fn EffectivePermissionsSection(user_name: String) -> impl IntoView {
    let permissions = Resource::new(move || user_name.clone(), load_effective_permissions);
    view! {
        <section class="card" aria-labelledby="effective-heading" id="effective-permissions">
            <h2 id="effective-heading">"Effective permissions"</h2>
            <p class="muted">
                "Every statement that reaches this user, by service: from their own policies and their groups'. "
                "An explicit deny wins over any allow; what nothing allows is denied. Conditions are shown, not "
                "evaluated: the simulator answers for one request."
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match permissions.await {
                        Ok(answer) => view! { <ByService answer /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ByService(answer: EffectivePermissions) -> impl IntoView {
    if answer.services.is_empty() {
        return view! {
            <p class="muted">"No statement reaches this user: every request is implicitly denied."</p>
        }
        .into_any();
    }
    answer.services.into_iter().map(|service| view! { <ServiceTable service /> }).collect_view().into_any()
}

#[component]
fn ServiceTable(service: ServicePermissions) -> impl IntoView {
    let heading = if service.service == ALL_SERVICES {
        "All services".to_owned()
    } else {
        format!("{} actions", service.service)
    };
    let heading_id = format!("effective-{}", service.service.replace('*', "all"));
    let rows = service.statements.into_iter().map(|grant| view! { <GrantRow grant /> }).collect_view();
    view! {
        <h3 id=heading_id.clone() class="effective-service">{heading}</h3>
        <div class="table-scroll">
            <table class="data effective" aria-labelledby=heading_id>
                <thead>
                    <tr>
                        <th scope="col">"Effect"</th>
                        <th scope="col">"Actions"</th>
                        <th scope="col">"Resources"</th>
                        <th scope="col">"Conditions"</th>
                        <th scope="col">"From"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn GrantRow(grant: StatementGrant) -> impl IntoView {
    let effect_class = if grant.is_deny() { "badge decision-explicit-deny" } else { "badge decision-allowed" };
    let row_class = if grant.is_deny() { "deny" } else { "allow" };
    let lines = if grant.start_line == grant.end_line {
        format!("line {}", grant.start_line)
    } else {
        format!("lines {}–{}", grant.start_line, grant.end_line)
    };
    let sid = grant.sid.clone().map(|sid| view! { " " <code>{sid}</code> });
    view! {
        <tr class=row_class>
            <td><span class=effect_class>{grant.effect.clone()}</span></td>
            <td><PatternList negated=grant.not_action values=grant.actions code_class="action" /></td>
            <td><PatternList negated=grant.not_resource values=grant.resources code_class="arn" /></td>
            <td>
                {if grant.conditions.is_empty() {
                    view! { <span class="muted">"none"</span> }.into_any()
                } else {
                    view! {
                        <ul class="plain">
                            {grant.conditions.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </td>
            <td><a href=grant.policy_href>{grant.source}</a> ", " {lines} {sid}</td>
        </tr>
    }
}

/// Action or resource patterns as written (`code_class`: `action` keeps a name on one line, `arn` may break it); for
/// `NotAction`/`NotResource`, "all but" them.
#[component]
fn PatternList(negated: bool, values: Vec<String>, code_class: &'static str) -> impl IntoView {
    view! {
        <ul class="plain">
            {negated.then(|| view! { <li class="muted">"all but"</li> })}
            {values.into_iter().map(|v| view! { <li><code class=code_class>{v}</code></li> }).collect_view()}
        </ul>
    }
}
