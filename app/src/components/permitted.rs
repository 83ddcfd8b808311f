//! Buttons that reflect the caller's permissions: a page asks once which of its actions the caller would be refused
//! (`api::permissions`) and provides the answer; each guarded form is disabled when refused and says which permission
//! is missing. A courtesy only: the server authorizes every call regardless.

use leptos::prelude::*;

use crate::model::permissions::Permissions;
use crate::model::IamError;

/// The page's answer, provided by the page and read by every [`Permitted`] below it.
#[derive(Clone, Copy)]
pub struct PagePermissions(pub Resource<Result<Permissions, IamError>>);

/// Makes `permissions` the answer [`Permitted`] reads below the calling component.
pub fn provide_permissions(permissions: Resource<Result<Permissions, IamError>>) {
    provide_context(PagePermissions(permissions));
}

/// `children` (one or more forms) disabled when the page's answer refuses `action`, with the reason beside them —
/// or, `compact` (a button in a table row), as the wrapper's tooltip and for screen readers only. Without an answer
/// on the page, or while it is unknown (failed), the forms stay usable and the server decides.
///
/// The children are made once; only the `disabled` attribute and the reason follow the answer. Read inside the
/// `Transition`, the answer is awaited before the server renders, so the page comes disabled even without JavaScript;
/// when the answer is asked again (another path chosen in the tree), the forms stay as they are until it comes.
#[component]
pub fn Permitted(action: &'static str, #[prop(optional)] compact: bool, children: Children) -> impl IntoView {
    let Some(PagePermissions(permissions)) = use_context::<PagePermissions>() else {
        return children().into_any();
    };
    let missing = move || permissions.get().and_then(Result::ok).and_then(|p| p.missing(action));
    let forms = view! { <fieldset class="permitted" disabled=move || missing().is_some()>{children()}</fieldset> };
    if compact {
        view! {
            <Transition>
                <span class="permitted-compact" title=missing>
                    {forms}
                    <span class="visually-hidden">{missing}</span>
                </span>
            </Transition>
        }
        .into_any()
    } else {
        view! {
            <Transition>
                {forms}
                {move || missing().map(|reason| view! { <p class="missing-permission">{reason}</p> })}
            </Transition>
        }
        .into_any()
    }
}
