import { once } from "node:events";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { makeRequestBody } from "../support/factories.ts";
import {
  startServerProcess,
  stopAllServerProcesses,
  storedReferences,
  unthrottledEnv,
} from "../support/server-process.ts";
import { makeTempDir } from "../support/temp-dir.ts";

// Issue 6: on SIGTERM the server stops accepting, finishes the requests in flight, then closes the
// database. Here requests are provably in flight at the signal: the server has parsed their headers
// (it answered "100 Continue") and holds half of their body, and their body is only completed once the
// server has logged the start of its shutdown.
const IN_FLIGHT = 5;
/** Well below the forced exit (SHUTDOWN_GRACE_MS, 10 s) and Node's 5 s keep-alive idle timeout. */
const PROMPT_EXIT_MS = 3_000;

const sockets: net.Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
  stopAllServerProcesses();
});

/** A raw HTTP/1.1 connection (keep-alive, as a browser's) that sends its request in stages. */
async function openConnection(url: URL) {
  const socket = net.connect(Number(url.port), url.hostname);
  sockets.push(socket);
  await once(socket, "connect");
  let received = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => (received += chunk));
  const closed = once(socket, "close");
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(received)) {
          socket.off("data", check);
          socket.off("close", onClose);
          resolve();
        }
      };
      const onClose = () =>
        reject(new Error(`connection closed, received: ${received}`));
      socket.on("data", check);
      socket.once("close", onClose);
      check();
    });
  return { socket, closed, waitFor, received: () => received };
}

/** Splits a raw HTTP response into status and (Content-Length framed) JSON body. */
function parseResponse(raw: string) {
  const finalResponse = raw.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, "");
  const [head, body] = finalResponse.split("\r\n\r\n", 2) as [string, string];
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]),
    head,
    json: JSON.parse(body) as { reference?: string },
  };
}

describe("the server process on SIGTERM", () => {
  it("finishes the requests in flight at the signal, refuses new connections, then exits 0 with all of them stored", async () => {
    const dataDir = makeTempDir();
    const server = await startServerProcess(unthrottledEnv(dataDir));

    // Headers sent and parsed (the server answers 100 Continue), then half of each body.
    const bodies = Array.from({ length: IN_FLIGHT }, () =>
      Buffer.from(JSON.stringify(makeRequestBody()), "utf8"),
    );
    const connections = await Promise.all(
      bodies.map(async (body) => {
        const connection = await openConnection(server.url);
        connection.socket.write(
          [
            "POST /v1/requests HTTP/1.1",
            `Host: ${server.url.host}`,
            "Content-Type: application/json",
            `Idempotency-Key: ${crypto.randomUUID()}`,
            `Content-Length: ${body.length}`,
            "Expect: 100-continue",
            "",
            "",
          ].join("\r\n"),
        );
        await connection.waitFor(/^HTTP\/1\.1 100 Continue\r\n\r\n/);
        const half = Math.floor(body.length / 2);
        await new Promise<void>((resolve, reject) =>
          connection.socket.write(body.subarray(0, half), (error) =>
            error ? reject(error) : resolve(),
          ),
        );
        return { ...connection, rest: body.subarray(half) };
      }),
    );
    // Let the half bodies reach the server's parser; no response may have come yet.
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const connection of connections)
      expect(connection.received()).toBe("HTTP/1.1 100 Continue\r\n\r\n");

    const signalledAt = performance.now();
    // "close" rather than "exit": the child's output has been read to its end.
    const exited = once(server.child, "close") as Promise<
      [number | null, NodeJS.Signals | null]
    >;
    server.child.kill("SIGTERM");
    // `shutdown_started` is logged in the same synchronous handler as server.close(): the server can
    // accept no connection from now on (one caught in the kernel's backlog meanwhile is reset).
    await server.stdoutMatches(/"event":"shutdown_started"/);
    expect(server.child.exitCode).toBeNull();

    // A new connection after the signal is refused (ECONNREFUSED, or ECONNRESET from the backlog): never served.
    const late = await new Promise<string>((resolve) => {
      const socket = net.connect(
        Number(server.url.port),
        server.url.hostname,
        () => {
          socket.write(
            `GET /healthz HTTP/1.1\r\nHost: ${server.url.host}\r\n\r\n`,
          );
        },
      );
      sockets.push(socket);
      let data = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => (data += chunk));
      socket.on("error", (error: NodeJS.ErrnoException) =>
        resolve(error.code ?? String(error)),
      );
      socket.on("close", () => resolve(data ? `served: ${data}` : "closed"));
    });
    expect(late).toMatch(/^(ECONNREFUSED|ECONNRESET|closed)$/);

    // Now finish the bodies: every request in flight at the signal gets its 201 and a reference.
    for (const connection of connections)
      connection.socket.write(connection.rest);
    const responses = await Promise.all(
      connections.map(async (connection) => {
        // The server ends each keep-alive connection once its response is sent, or close() would hang.
        await connection.closed;
        return parseResponse(connection.received());
      }),
    );
    for (const response of responses) {
      expect(response.status, response.head).toBe(201);
      // The keep-alive connection is released at once rather than after its idle timeout.
      expect(response.head).toMatch(/^connection: close$/im);
      expect(response.json.reference).toMatch(/\S/);
    }
    const acknowledged = responses.map((response) => response.json.reference!);

    const [code, signal] = await exited;
    const exitAfterMs = performance.now() - signalledAt;
    expect({ code, signal }, server.output().stderr).toEqual({
      code: 0,
      signal: null,
    });
    expect(exitAfterMs).toBeLessThan(PROMPT_EXIT_MS);
    expect(server.output().stdout).toContain('"event":"shutdown_done"');

    const stored = storedReferences(dataDir);
    expect(
      acknowledged.filter((reference) => !stored.includes(reference)),
    ).toEqual([]);
    expect(new Set(acknowledged).size).toBe(IN_FLIGHT);
    expect(stored.length).toBe(IN_FLIGHT);
    console.log(
      `SIGTERM with requests in flight: ${connections.length} in flight at signal, ${acknowledged.length} acknowledged (201), ${stored.length} stored, new connection after signal: ${late}, exit ${code} after ${Math.round(exitAfterMs)} ms`,
    );
  }, 30_000);
});
