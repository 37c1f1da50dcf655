import http from "node:http";
import type { AddressInfo } from "node:net";

export interface HostPage {
  origin: string;
  close(): Promise<void>;
}

/**
 * A host site on its own origin (another port), serving the same HTML for every path like an SPA would.
 * `html` may be a function, read at each request (the widget server's port is known only later).
 */
export async function startHostPage(
  html: string | (() => string),
  headers: Record<string, string> | (() => Record<string, string>) = {},
  /** Extra files of the host site, e.g. its own scripts (`/host.js`). */
  files: Record<string, { type: string; body: string }> = {},
): Promise<HostPage> {
  const server = http.createServer((request, response) => {
    const file = files[request.url ?? ""];
    if (file)
      return void response
        .writeHead(200, { "Content-Type": file.type })
        .end(file.body);
    if (request.url === "/favicon.ico")
      return void response.writeHead(404).end();
    const extra = typeof headers === "function" ? headers() : headers;
    response.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      ...extra,
    });
    response.end(typeof html === "function" ? html() : html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
