//! Whether the caller may create a user or group at the path its create form would use: the tree's path when the
//! page loads, then, hydrated, whatever whole path is typed into the form's Path field.

use leptos::prelude::*;

use super::path_field::default_path;
use super::permitted::provide_permissions;
use crate::api::permissions::create_permissions;
use crate::model::IamPath;

/// Provides the create form's permissions (read by its `Permitted`) and returns the signal its `PathField` writes
/// what is typed to. A partly typed path (`/ap`) is not asked about: the answer for the last whole path stands.
/// Choosing another path in the tree replaces the typed one, as it replaces the field's text.
pub fn provide_create_permissions(tree_prefix: Memo<String>) -> RwSignal<String> {
    let typed = RwSignal::new(default_path(&tree_prefix.get_untracked()));
    Effect::watch(move || tree_prefix.get(), move |prefix, _, _| typed.set(default_path(prefix)), false);
    let asked = Memo::new(move |previous: Option<&String>| {
        let path = typed.get();
        match previous {
            Some(previous) if IamPath::parse(&path).is_err() => previous.clone(),
            _ => path,
        }
    });
    provide_permissions(Resource::new(move || asked.get(), create_permissions));
    typed
}
