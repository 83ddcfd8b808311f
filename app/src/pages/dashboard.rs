//! The account at a glance: its id, alias and the address where its IAM users sign in; then what needs attention
//! (each figure with what it means and a link to where to fix it) and 30 days of activity as a server-rendered SVG
//! chart with the numbers in a table for screen readers. Read-only: the same without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::account::{dashboard, security_overview};
use crate::components::copy_button::CopyButton;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::model::dashboard::{Activity, KeySample, SecurityOverview, ACTIVITY_DAYS, STALE_DAYS};
use crate::model::DashboardView;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let facts = Resource::new(|| (), |_| dashboard());
    let overview = Resource::new(|| (), |_| security_overview());
    view! {
        <Title text="Dashboard" />
        <h1>"Dashboard"</h1>
        <Suspense fallback=|| view! { <p class="loading" aria-busy="true">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match facts.await {
                    Ok(view_model) => view! { <AccountCard facts=view_model /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(overview) => view! { <Overview overview /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountCard(facts: DashboardView) -> impl IntoView {
    let DashboardView { account, sign_in_url } = facts;
    view! {
        <section class="card" aria-labelledby="account-heading">
            <h2 id="account-heading">"Account"</h2>
            <dl class="facts">
                <dt>"Account id"</dt>
                <dd><code id="account-id">{account.account_id.clone()}</code></dd>
                <dt>"Alias"</dt>
                <dd id="account-alias">{account.alias.clone().unwrap_or_else(|| "none".into())}</dd>
                <dt>"Root email"</dt>
                <dd>{account.root_email.clone()}</dd>
                <dt>"Created"</dt>
                <dd><time datetime=account.created_at.clone()>{account.created_at.clone()}</time></dd>
                <dt>"Console sign-in URL"</dt>
                <dd>
                    <code id="sign-in-url">{sign_in_url.clone()}</code>
                    " "
                    <CopyButton text=sign_in_url />
                </dd>
            </dl>
            <p class="muted">"IAM users of this account sign in at that address."</p>
        </section>
    }
}

/// A user's page; names are limited to `[\w+=,.@-]`, all safe in a path.
fn user_href(name: &str) -> String {
    format!("/users/{name}")
}

#[component]
fn Overview(overview: SecurityOverview) -> impl IntoView {
    let SecurityOverview {
        root_mfa,
        users,
        users_without_mfa,
        old_keys,
        unused_keys,
        paths,
        paths_truncated,
        activity,
    } = overview;
    let more = |count: u64, shown: usize| {
        (count > shown as u64).then(|| view! { <li class="muted">{format!("and {} more", count - shown as u64)}</li> })
    };
    let without_more = more(users_without_mfa.count, users_without_mfa.examples.len());
    view! {
        <section aria-labelledby="security-heading">
            <h2 id="security-heading">"Security recommendations"</h2>
            <div class="recommendations">
                <section
                    id="root-mfa"
                    class=if root_mfa { "card recommendation ok" } else { "card recommendation attention" }
                    aria-labelledby="root-mfa-heading"
                >
                    <h3 id="root-mfa-heading">"Root user"</h3>
                    <p class="figure">{if root_mfa { "Root MFA: on" } else { "Root MFA: off" }}</p>
                    <p>
                        {if root_mfa {
                            "The root user can do anything in the account, and signing in as root needs a code from its MFA device."
                        } else {
                            "The root user can do anything in the account; today its password alone is enough to sign in as root."
                        }}
                    </p>
                    <a href="/mfa">{if root_mfa { "Manage root MFA" } else { "Set up MFA for root" }}</a>
                </section>

                <section
                    id="users-without-mfa"
                    class=if users_without_mfa.count == 0 { "card recommendation ok" } else { "card recommendation attention" }
                    aria-labelledby="no-mfa-heading"
                >
                    <h3 id="no-mfa-heading">"Users without MFA"</h3>
                    <p class="figure">{format!("{} of {users}", users_without_mfa.count)}</p>
                    <p>"A user without MFA can be signed in as with a password or used with a key alone. Open a user to assign a device."</p>
                    {(!users_without_mfa.examples.is_empty()).then(|| view! {
                        <ul class="examples">
                            {users_without_mfa.examples.iter().map(|name| view! {
                                <li><a href=user_href(name)>{name.clone()}</a></li>
                            }).collect_view()}
                            {without_more}
                        </ul>
                    })}
                    {(users == 0).then(|| view! { <p class="muted">"No users yet. " <a href="/users">"Create one"</a></p> })}
                </section>

                <KeysCard
                    id="old-keys"
                    title=format!("Access keys older than {STALE_DAYS} days")
                    meaning=format!("An active key more than {STALE_DAYS} days old should be rotated: create a new one, move to it, then deactivate and delete the old one.")
                    keys=old_keys
                />
                <KeysCard
                    id="unused-keys"
                    title=format!("Access keys unused for {STALE_DAYS} days")
                    meaning=format!("An active key nobody has used in {STALE_DAYS} days is a risk with no benefit: deactivate it, and delete it if nothing breaks.")
                    keys=unused_keys
                />

                <section id="users-per-path" class="card recommendation" aria-labelledby="paths-heading">
                    <h3 id="paths-heading">"Users per path"</h3>
                    <p>"Where the account's users sit; policies can grant or refuse by path."</p>
                    {if paths.is_empty() {
                        view! { <p class="muted">"No users yet. " <a href="/users">"Create one"</a></p> }.into_any()
                    } else {
                        view! {
                            <ul class="path-counts">
                                {paths.into_iter().map(|p| {
                                    let href = format!("/users?prefix={}", p.path);
                                    view! { <li><a href=href><code>{p.path.clone()}</code></a> <span class="count">{p.users}</span></li> }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    {paths_truncated.then(|| view! { <p class="muted">"Only the first paths are counted."</p> })}
                </section>
            </div>
            {match activity {
                Some(activity) => view! { <ActivityCard activity /> }.into_any(),
                None => view! {
                    <p class="muted" id="activity">
                        "The activity chart needs permission to read the audit log (cloudtrail:LookupEvents)."
                    </p>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn KeysCard(id: &'static str, title: String, meaning: String, keys: KeySample) -> impl IntoView {
    let heading = format!("{id}-heading");
    let labelled_by = heading.clone();
    let shown = keys.examples.len();
    view! {
        <section
            id=id
            class=if keys.count == 0 { "card recommendation ok" } else { "card recommendation attention" }
            aria-labelledby=labelled_by
        >
            <h3 id=heading>{title}</h3>
            <p class="figure">{keys.count}</p>
            <p>{meaning}</p>
            {(shown > 0).then(|| view! {
                <ul class="examples">
                    {keys.examples.into_iter().map(|key| match key.user_name {
                        Some(user) => view! {
                            <li><a href=user_href(&user)><code>{format!("{user}/{}", key.access_key_id)}</code></a></li>
                        }.into_any(),
                        None => view! { <li><code>{format!("root/{}", key.access_key_id)}</code></li> }.into_any(),
                    }).collect_view()}
                    {(keys.count > shown as u64).then(|| view! {
                        <li class="muted">{format!("and {} more", keys.count - shown as u64)}</li>
                    })}
                </ul>
            })}
        </section>
    }
}

/// The chart's drawing area, in SVG user units (it scales to the card's width).
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 36.0;

/// The three series: label, CSS class, and the day's figure.
type Series = (&'static str, &'static str, fn(&crate::model::dashboard::DayActivity) -> u64);
const SERIES: [Series; 3] = [
    ("Sign-ins", "series-sign-ins", |d| d.sign_ins),
    ("API calls", "series-api", |d| d.api_calls),
    ("Denials", "series-denials", |d| d.denials),
];

/// The chart as SVG text. Everything interpolated is a number or a `YYYY-MM-DD` day (no escaping needed).
fn chart_svg(activity: &Activity, description: &str) -> String {
    let days = &activity.days;
    let max = days.iter().flat_map(|d| SERIES.iter().map(move |(_, _, f)| f(d))).max().unwrap_or(0).max(1);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let step = plot_w / (ACTIVITY_DAYS.max(2) - 1) as f64;
    let x = |i: usize| LEFT + i as f64 * step;
    let y = |v: u64| TOP + plot_h - v as f64 / max as f64 * plot_h;
    let mut svg = format!(
        r#"<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="activity-chart-title" class="activity-chart" preserveAspectRatio="xMidYMid meet"><title id="activity-chart-title">{description}</title>"#
    );
    // Axes and gridlines: zero, half and the maximum.
    for v in [0, max / 2, max] {
        if v == max / 2 && (v == 0 || v == max) {
            continue;
        }
        let yy = y(v);
        svg.push_str(&format!(
            r#"<line class="grid" x1="{LEFT}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}"/><text class="axis" x="{:.1}" y="{:.1}" text-anchor="end">{v}</text>"#,
            WIDTH - RIGHT,
            LEFT - 6.0,
            yy + 4.0
        ));
    }
    let label_y = HEIGHT - BOTTOM + 18.0;
    for (i, anchor) in [(0, "start"), (days.len() / 2, "middle"), (days.len().saturating_sub(1), "end")] {
        if let Some(day) = days.get(i) {
            svg.push_str(&format!(
                r#"<text class="axis" x="{:.1}" y="{label_y:.1}" text-anchor="{anchor}">{}</text>"#,
                x(i),
                day.day
            ));
        }
    }
    svg.push_str(&format!(
        r#"<text class="axis" x="{:.1}" y="{:.1}" text-anchor="middle">Day (UTC)</text>"#,
        LEFT + plot_w / 2.0,
        HEIGHT - 4.0
    ));
    for (_, class, figure) in SERIES {
        let points: Vec<String> =
            days.iter().enumerate().map(|(i, d)| format!("{:.1},{:.1}", x(i), y(figure(d)))).collect();
        svg.push_str(&format!(r#"<polyline class="{class}" fill="none" points="{}"/>"#, points.join(" ")));
        for (i, d) in days.iter().enumerate().filter(|(_, d)| figure(d) > 0) {
            svg.push_str(&format!(r#"<circle class="{class}" cx="{:.1}" cy="{:.1}" r="2.5"/>"#, x(i), y(figure(d))));
        }
    }
    svg.push_str("</svg>");
    svg
}

#[component]
fn ActivityCard(activity: Activity) -> impl IntoView {
    let total = |f: fn(&crate::model::dashboard::DayActivity) -> u64| activity.days.iter().map(f).sum::<u64>();
    let (sign_ins, api_calls, denials) = (total(SERIES[0].2), total(SERIES[1].2), total(SERIES[2].2));
    let first = activity.days.first().map(|d| d.day.clone()).unwrap_or_default();
    let last = activity.days.last().map(|d| d.day.clone()).unwrap_or_default();
    let description = format!(
        "Daily sign-ins, API calls and denials from {first} to {last}: {sign_ins} sign-ins, {api_calls} API calls \
         and {denials} denials in all."
    );
    let svg = chart_svg(&activity, &description);
    view! {
        <section id="activity" class="card" aria-labelledby="activity-heading">
            <h3 id="activity-heading">{format!("Activity, last {ACTIVITY_DAYS} days")}</h3>
            <ul class="totals">
                <li><span class="swatch series-sign-ins" aria-hidden="true"></span>
                    "Sign-ins: " <strong id="total-sign-ins">{sign_ins}</strong></li>
                <li><span class="swatch series-api" aria-hidden="true"></span>
                    "API calls: " <strong id="total-api-calls">{api_calls}</strong> " "
                    <a href="/audit">"see the audit log"</a></li>
                <li><span class="swatch series-denials" aria-hidden="true"></span>
                    "Denials: " <strong id="total-denials">{denials}</strong> " "
                    <a href="/audit?outcome=denied">"see who was refused"</a></li>
            </ul>
            <div class="chart" inner_html=svg></div>
            {activity.truncated.then(|| view! { <p class="muted">"The busiest period was cut short: the oldest days are undercounted."</p> })}
            <table class="visually-hidden">
                <caption>{description}</caption>
                <thead><tr><th scope="col">"Day"</th><th scope="col">"Sign-ins"</th><th scope="col">"API calls"</th><th scope="col">"Denials"</th></tr></thead>
                <tbody>
                    {activity.days.into_iter().map(|d| view! {
                        <tr><th scope="row">{d.day}</th><td>{d.sign_ins}</td><td>{d.api_calls}</td><td>{d.denials}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
