//! The simulator's question: a GET form to `/simulator`, filled in from the address so a result shows what was
//! asked. With JavaScript the router's `Form` navigates without a reload; without it the browser does the same GET.

use leptos::prelude::*;
use leptos_router::components::Form;

use super::PAGE;
use crate::api::users::user_name_suggestions;
use crate::components::html_text::textarea_text;
use crate::model::simulator::{SimulatorForm, MODE_CUSTOM, MODE_USER};

/// The form, drawn afresh from the address whenever the address changes (back, forward, "Clear") and never at
/// hydration, so nothing typed before the WASM arrived is wiped. After a submission the address holds what was
/// typed, so redrawing changes nothing a person sees.
#[component]
pub fn AskForm(asked: Memo<SimulatorForm>) -> impl IntoView {
    view! {
        {move || view! { <Fields form=asked.get() /> }}
        <UserNames />
    }
}

#[component]
fn Fields(form: SimulatorForm) -> impl IntoView {
    let user_mode = form.is_user_mode();
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
                    <input type="radio" name="mode" value=MODE_USER checked=user_mode />
                    " An IAM user's policies"
                </label>
                <label>
                    <input type="radio" name="mode" value=MODE_CUSTOM checked=!user_mode />
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
                <div class="field wide">
                    <label for="sim-policy">"Policy document"</label>
                    <textarea
                        id="sim-policy"
                        name="policy"
                        rows="8"
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="none"
                        aria-describedby="sim-policy-hint"
                    >
                        {textarea_text(form.policy.clone())}
                    </textarea>
                    <p id="sim-policy-hint" class="hint">
                        "A pasted policy is the only one simulated. With a user, it is optional: an extra policy, as if attached to them."
                    </p>
                </div>
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
