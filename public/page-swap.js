// Page changes without a full reload, where JavaScript runs. The console is server-rendered (Leptos islands) and every
// link and form works as plain HTML; this script only changes how the browser gets the next page: it fetches it (a
// form is sent exactly as the browser would send it, asking for HTML, so the server answers with the same redirect),
// puts the new <body> and <title> in place of the old, and hydrates the islands in it. The WASM, JS and CSS stay
// loaded. Anything it does not handle (another site, a download, a new tab, rel="external") is left to the browser.

const handled = (url) => url.origin === location.origin && !url.pathname.startsWith('/pkg/');

async function show(request, { push }) {
  let response;
  try {
    response = await fetch(request);
  } catch {
    // Offline or refused: let the browser try and show its own error.
    if (request.method === 'GET') location.assign(request.url);
    return;
  }
  if (!(response.headers.get('content-type') ?? '').includes('text/html')) {
    location.assign(response.url);
    return;
  }
  const next = new DOMParser().parseFromString(await response.text(), 'text/html');
  const samePage = new URL(response.url).pathname === location.pathname;
  document.title = next.title;
  document.body.replaceWith(document.adoptNode(next.body));
  if (push) history.pushState(null, '', response.url);
  // A form sent back to its own page keeps the reader where they were (next to the form and its answer).
  if (!samePage) window.scrollTo(0, 0);
  // Leptos defines __hydrateIsland as soon as the JS glue is imported, before the WASM is instantiated; calling it then
  // throws. Until the WASM has run (frontend's hydrate() marks <html>), leave the islands to Leptos' first pass: it
  // hydrates whatever document.body is when the WASM is ready, which is this new one.
  if (document.documentElement.hasAttribute('data-hydrated')) {
    for (const island of document.body.querySelectorAll('leptos-island')) {
      window.__hydrateIsland?.(island, island.dataset.component);
    }
  }
  const alert = document.querySelector('[role="alert"]');
  alert?.scrollIntoView({ block: 'nearest' });
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!link || link.target || link.hasAttribute('download') || link.relList.contains('external')) return;
  const url = new URL(link.href);
  if (!handled(url)) return;
  // A link to a place on the same page scrolls; the browser does that best.
  if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
  event.preventDefault();
  show(new Request(url), { push: true });
});

document.addEventListener('submit', (event) => {
  if (event.defaultPrevented) return;
  const form = event.target;
  const submitter = event.submitter;
  // Attributes, not properties: a field named "action" or "method" (the audit filter has one) shadows form.action.
  const attribute = (name) => submitter?.getAttribute(`form${name}`) ?? form.getAttribute(name);
  const method = (attribute('method') ?? 'GET').toUpperCase();
  const url = new URL(attribute('action') ?? location.href, location.href);
  if (!handled(url) || attribute('target') || (method !== 'GET' && method !== 'POST')) return;
  if (attribute('enctype') === 'multipart/form-data') return;
  event.preventDefault();
  const fields = new URLSearchParams(new FormData(form, submitter));
  const headers = { Accept: 'text/html' };
  if (method === 'GET') {
    url.search = fields.toString();
    show(new Request(url, { headers }), { push: true });
  } else {
    show(new Request(url, { method, headers, body: fields }), { push: true });
  }
});

window.addEventListener('popstate', () => show(new Request(location.href), { push: false }));
