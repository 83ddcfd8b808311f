// Waits until every server under test answers /health, so tests never race the server's start-up.
async function waitFor(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server at ${url} did not become healthy`);
}

export default async function globalSetup(): Promise<void> {
  const urls = [process.env.E2E_URL_HYDRATED, process.env.E2E_URL_NOJS].filter((u): u is string => !!u);
  const deadline = Date.now() + 60_000;
  await Promise.all((urls.length ? urls : ['http://127.0.0.1:3000']).map((u) => waitFor(u, deadline)));
}
