//! The tree of paths: every path of the listing with the users directly in it and in all of it. Branches are
//! `<details>` elements, so they open and close without JavaScript and with the keyboard; the branch holding the
//! current filter starts open.

use leptos::prelude::*;

use crate::model::paths::PathCount;

struct Node {
    segment: String,
    path: String,
    own: u64,
    total: u64,
    children: Vec<Node>,
}

impl Node {
    fn new(segment: &str, path: &str) -> Self {
        Self { segment: segment.to_owned(), path: path.to_owned(), own: 0, total: 0, children: Vec::new() }
    }
}

/// Builds the tree under `/` from the paths (in any order).
fn build(paths: &[PathCount]) -> Node {
    let mut root = Node::new("/", "/");
    for entry in paths {
        root.total += entry.users;
        let mut node = &mut root;
        let mut path = String::from("/");
        for segment in entry.path.split('/').filter(|s| !s.is_empty()) {
            path.push_str(segment);
            path.push('/');
            let at = match node.children.iter().position(|c| c.segment == segment) {
                Some(at) => at,
                None => {
                    node.children.push(Node::new(segment, &path));
                    node.children.len() - 1
                }
            };
            node = &mut node.children[at];
            node.total += entry.users;
        }
        node.own += entry.users;
    }
    root
}

fn count_title(node: &Node, noun: &str) -> String {
    let plural = |n: u64| if n == 1 { noun.to_owned() } else { format!("{noun}s") };
    if node.own == node.total {
        format!("{} {} in {}", node.total, plural(node.total), node.path)
    } else {
        format!("{} {} directly in {}, {} in all", node.own, plural(node.own), node.path, node.total)
    }
}

fn node_view(node: Node, current: &str, href: &dyn Fn(&str) -> String, noun: &str, depth: usize) -> AnyView {
    let link = href(&node.path);
    let is_current = node.path == current;
    let label = if depth == 0 { "/ (all)".to_owned() } else { format!("{}/", node.segment) };
    let title = count_title(&node, noun);
    let head = view! {
        <a href=link class="tree-link" aria-current=is_current.then_some("page")>{label}</a>
        <span class="count" title=title>{node.total}</span>
    };
    if node.children.is_empty() {
        return view! { <li class="leaf">{head}</li> }.into_any();
    }
    let open = depth == 0 || current.starts_with(&node.path);
    let children =
        node.children.into_iter().map(|child| node_view(child, current, href, noun, depth + 1)).collect::<Vec<_>>();
    view! {
        <li>
            <details open=open>
                <summary>{head}</summary>
                <ul>{children}</ul>
            </details>
        </li>
    }
    .into_any()
}

/// `href` makes the address of a path's listing; `current` is the path (prefix) being shown; `noun` is what is
/// counted ("user" or "group").
#[component]
pub fn PathTree(
    paths: Vec<PathCount>,
    current: String,
    href: fn(&str) -> String,
    #[prop(optional)] truncated: bool,
    #[prop(default = "user")] noun: &'static str,
) -> impl IntoView {
    let root = build(&paths);
    let empty = root.total == 0;
    view! {
        <nav class="path-tree" aria-label="Paths">
            <ul class="tree">{node_view(root, &current, &href, noun, 0)}</ul>
            {empty.then(|| view! { <p class="muted">{format!("No {noun}s here yet.")}</p> })}
            {truncated.then(|| view! { <p class="muted">"Only the first paths are shown; filter by a prefix to see more."</p> })}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_along_the_branches() {
        let paths = vec![
            PathCount { path: "/".into(), users: 1 },
            PathCount { path: "/app/".into(), users: 2 },
            PathCount { path: "/app/db/".into(), users: 3 },
            PathCount { path: "/family/".into(), users: 1 },
        ];
        let root = build(&paths);
        assert_eq!((root.own, root.total), (1, 7));
        assert_eq!(root.children.len(), 2);
        let app = &root.children[0];
        assert_eq!((app.path.as_str(), app.own, app.total), ("/app/", 2, 5));
        assert_eq!(app.children[0].path, "/app/db/");
    }
}
