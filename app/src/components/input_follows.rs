//! An input whose value follows a signal (e.g. the path prefix chosen in the tree) without the reactive
//! `prop:value` binding, which also fires at hydration and would wipe whatever a person typed before the WASM
//! arrived. The server renders the initial value as the `value` attribute; afterwards only changes are applied.

use leptos::html::Input;
use leptos::prelude::*;

/// Sets `input`'s value to `value()` each time it changes after hydration (never at hydration itself).
pub fn input_follows<T>(input: NodeRef<Input>, value: impl Fn() -> T + Send + Sync + 'static, text: fn(&T) -> String)
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Effect::watch(
        value,
        move |current, _, _| {
            if let Some(element) = input.get() {
                element.set_value(&text(current));
            }
        },
        false,
    );
}
