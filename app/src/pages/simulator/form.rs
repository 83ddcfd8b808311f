//! The simulator's question: a GET form to `/simulator`, filled in from the address so a result shows what was
//! asked. With JavaScript the router's `Form` navigates without a reload; without it the browser does the same GET.

use leptos::prelude::*;
use leptos_router::components::Form;

use super::PAGE;
use crate::api::users::user_name_suggestions;
use crate::components::html_text::textarea_text;
use crate::model::simulator::{SimulatorForm, MODE_CUSTOM, MODE_GROUP, MODE_USER};

/// This module's islands are linked into the front end through this (see [`crate::link_islands`]).
#[cfg(feature = "hydrate")]
pub(crate) fn link() {}

/// The form, filled in from the address: after a submission it holds what was typed.
#[component]
pub fn AskForm(asked: Memo<SimulatorForm>) -> impl IntoView {
    view! {
        <Fields form=asked.get_untracked() />
        <UserNames />
    }
}

#[component]
fn Fields(form: SimulatorForm) -> impl IntoView {
    let mode = form.chosen_mode().to_owned();
    let asked_something = !form.is_empty();
    let mfa_option = |value: &'static str, label: &'static str| {
        view! { <option value=value selected=form.mfa.trim() == value>{label}</option> }
    };
    let mfa_options = view! {
        {mfa_option("", "Not supplied")}
        {mfa_option("true", "true (MFA used)")}
        {mfa_option("false", "false (no MFA)")}
    };

    view! {
        <Form method="GET" action=PAGE attr:class="card simulator-form" attr:aria-label="Simulation">
            <fieldset class="simulator-modes">
                <legend>"Simulate"</legend>
                <label>
                    <input type="radio" name="mode" value=MODE_USER checked=mode == MODE_USER />
                    " An IAM user's policies"
                </label>
                <label>
                    <input type="radio" name="mode" value=MODE_GROUP checked=mode == MODE_GROUP />
                    " An IAM group's policies"
                </label>
                <label>
                    <input type="radio" name="mode" value=MODE_CUSTOM checked=mode == MODE_CUSTOM />
                    " A pasted policy only"
                </label>
            </fieldset>
            <div class="simulator-fields question">
                <div class="field wide user">
                    <label for="sim-user">"User name"</label>
                    <input
                        id="sim-user"
                        name="user"
                        list="simulator-users"
                        autocomplete="off"
                        placeholder="backup"
                        value=form.user.clone()
                        aria-describedby="sim-user-hint"
                    />
                    <p id="sim-user-hint" class="hint">
                        "Their inline policies, their groups' and the managed policies attached to either."
                    </p>
                </div>
                <div class="field wide group">
                    <label for="sim-group">"Group name"</label>
                    <input
                        id="sim-group"
                        name="group"
                        autocomplete="off"
                        placeholder="admins"
                        value=form.group.clone()
                        aria-describedby="sim-group-hint"
                    />
                    <p id="sim-group-hint" class="hint">
                        "The group's inline policies and the managed policies attached to it: what every member gets from it."
                    </p>
                </div>
                <div class="field wide custom">
                    <label for="sim-caller">"Caller ARN"</label>
                    <input
                        id="sim-caller"
                        name="caller_arn"
                        autocomplete="off"
                        placeholder="arn:aws:iam::123456789012:user/app/backup"
                        value=form.caller_arn.clone()
                        aria-describedby="sim-caller-hint"
                    />
                    <p id="sim-caller-hint" class="hint">
                        "Pasted policies only, optional: the user they are simulated for, which gives "
                        <code>"${aws:username}"</code>
                        " its value."
                    </p>
                </div>
                <PolicyDocuments documents=form.policies.clone() />
                <div class="field">
                    <label for="sim-actions">"Actions"</label>
                    <textarea
                        id="sim-actions"
                        name="actions"
                        rows="4"
                        spellcheck="false"
                        autocapitalize="none"
                        placeholder="s3:GetObject\nec2:RunInstances"
                        aria-describedby="sim-actions-hint"
                    >
                        {textarea_text(form.actions.clone())}
                    </textarea>
                    <p id="sim-actions-hint" class="hint">"One per line, or separated by commas."</p>
                </div>
                <div class="field">
                    <label for="sim-resources">"Resources"</label>
                    <textarea
                        id="sim-resources"
                        name="resources"
                        rows="4"
                        spellcheck="false"
                        autocapitalize="none"
                        placeholder="arn:aws:s3:::mybucket/photo.jpg"
                        aria-describedby="sim-resources-hint"
                    >
                        {textarea_text(form.resources.clone())}
                    </textarea>
                    <p id="sim-resources-hint" class="hint">"One ARN per line. None means every resource (*)."</p>
                </div>
            </div>
            <fieldset class="simulator-context">
                <legend>"Context keys (optional)"</legend>
                <p class="hint">
                    "Only the keys given are part of the simulated request. A condition on a key left out is reported as missing."
                </p>
                <div class="simulator-fields">
                    <div class="field">
                        <label for="sim-source-ip">"Source IP " <code>"aws:SourceIp"</code></label>
                        <input id="sim-source-ip" name="source_ip" placeholder="203.0.113.7" value=form.source_ip.clone() />
                    </div>
                    <div class="field">
                        <label for="sim-mfa">"MFA present " <code>"aws:MultiFactorAuthPresent"</code></label>
                        <select id="sim-mfa" name="mfa">{mfa_options}</select>
                    </div>
                    <div class="field">
                        <label for="sim-current-time">"Current time " <code>"aws:CurrentTime"</code></label>
                        <input
                            id="sim-current-time"
                            name="current_time"
                            placeholder="2026-11-29T12:00:00Z"
                            value=form.current_time.clone()
                        />
                    </div>
                    <div class="field">
                        <label for="sim-username">"User name " <code>"aws:username"</code></label>
                        <input id="sim-username" name="username" placeholder="backup" value=form.username.clone() />
                    </div>
                </div>
            </fieldset>
            <div class="actions">
                <button type="submit" class="primary">"Simulate"</button>
                {asked_something.then(|| view! { <a href=PAGE>"Clear"</a> })}
            </div>
        </Form>
    }
}

/// Suggestions for the user name field: the first page of users. A caller who may not list users still types a
/// name; the simulation then says whether they may simulate that user.
#[component]
fn UserNames() -> impl IntoView {
    let users = Resource::new(|| (), |_| user_name_suggestions());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let names = users.await.unwrap_or_default();
                view! {
                    <datalist id="simulator-users">
                        {names.into_iter().map(|name| view! { <option value=name /> }).collect_view()}
                    </datalist>
                }
            })}
        </Suspense>
    }
}

/// One text area per pasted document, and one more that is blank: without JavaScript, each simulation makes room
/// for another document; in the browser (an island), "Add a policy" does it at once.
#[island]
fn PolicyDocuments(documents: Vec<String>) -> impl IntoView {
    let mut documents: Vec<String> = documents.into_iter().filter(|d| !d.trim().is_empty()).collect();
    documents.push(String::new());
    let shown = documents.len();
    let added = RwSignal::new(0usize);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let area = |n: usize, text: String| {
        let id = format!("sim-policy-{n}");
        let label = if n == 1 { "Policy document".to_owned() } else { format!("Policy document {n}") };
        view! {
            <div class="field wide">
                <label for=id.clone()>{label}</label>
                <textarea
                    id=id
                    name="policy"
                    rows="8"
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="none"
                    aria-describedby="sim-policy-hint"
                >
                    {textarea_text(text)}
                </textarea>
            </div>
        }
    };
    view! {
        {documents.into_iter().enumerate().map(|(i, text)| area(i + 1, text)).collect_view()}
        {move || (1..=added.get()).map(|extra| area(shown + extra, String::new())).collect_view()}
        <div class="field wide">
            <p id="sim-policy-hint" class="hint">
                "Pasted policies are the only ones simulated, each in full (a deny in one wins over an allow in another). "
                "With a user they are optional: extra policies, as if attached to them."
            </p>
            <button
                type="button"
                class="ghost small"
                on:click=move |_| added.update(|n| *n += 1)
                disabled=move || !hydrated.get()
                title=move || if hydrated.get() { "" } else { "Without JavaScript, a blank one appears after each simulation." }
            >
                "Add a policy"
            </button>
        </div>
    }
}
