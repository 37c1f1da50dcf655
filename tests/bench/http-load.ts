// A GET load generator on raw keep-alive sockets: one prepared request per connection, sent again as soon as
// its answer is complete (no pipelining). node:http's client costs more CPU per request than the servers
// measured here: with it the generator, not the server, would set the pace (wrk is not installed here).
import net from "node:net";
import { percentile } from "./bench-servers.ts";

export interface LoadJob {
  port: number;
  /** The request line's target, e.g. `/v1/tips?platform=moncompte`. */
  path: string;
  /** Extra request headers (Origin, Accept-Encoding…). */
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

export interface LoadResult {
  completed: number;
  /** From the end of the warm-up to the last answer counted. */
  elapsedMs: number;
  /** Every measured latency, in ms, sorted. */
  latencies: Float64Array;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers other than 2xx/304 and socket failures, by status or error code. */
  errors: Record<string, number>;
  /** Mean bytes per answer (head + body): a changed answer shows here. */
  bytesPerAnswer: number;
  /** The generator's own CPU, as a share of one core. */
  generatorCpu: number;
}

/** Several measures of one server as one: their answers and durations added, their latencies merged. */
export function combineLoads(results: readonly LoadResult[]): LoadResult {
  const sum = (pick: (r: LoadResult) => number) =>
    results.reduce((total, r) => total + pick(r), 0);
  const completed = sum((r) => r.completed);
  const elapsedMs = sum((r) => r.elapsedMs);
  const latencies = new Float64Array(sum((r) => r.latencies.length));
  let at = 0;
  for (const r of results) {
    latencies.set(r.latencies, at);
    at += r.latencies.length;
  }
  latencies.sort();
  const errors: Record<string, number> = {};
  for (const r of results)
    for (const [what, n] of Object.entries(r.errors))
      errors[what] = (errors[what] ?? 0) + n;
  return {
    completed,
    elapsedMs,
    latencies,
    rps: (completed / elapsedMs) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    errors,
    bytesPerAnswer: completed
      ? sum((r) => r.bytesPerAnswer * r.completed) / completed
      : 0,
    generatorCpu: sum((r) => r.generatorCpu * r.elapsedMs) / elapsedMs,
  };
}

/** The request bytes of a job: HTTP/1.1, keep-alive by default. */
export function requestBytes(job: Pick<LoadJob, "port" | "path" | "headers">) {
  const lines = [`GET ${job.path} HTTP/1.1`, `Host: 127.0.0.1:${job.port}`];
  for (const [name, value] of Object.entries(job.headers))
    lines.push(`${name}: ${value}`);
  return Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");
}

const HEAD_END = Buffer.from("\r\n\r\n");
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i;
const CHUNKED = /\r\ntransfer-encoding:[ \t]*chunked/i;

/** The length of the first complete answer in `buffer` and its status, or undefined while it is incomplete. */
export function completeAnswer(
  buffer: Buffer,
): { length: number; status: number } | undefined {
  const headEnd = buffer.indexOf(HEAD_END);
  if (headEnd < 0) return undefined;
  const head = buffer.toString("latin1", 0, headEnd);
  const status = Number(head.slice(9, 12));
  let end = headEnd + 4;
  if (status === 204 || status === 304 || status < 200)
    return { length: end, status };
  const length = CONTENT_LENGTH.exec(head);
  if (length) {
    end += Number(length[1]);
    return end <= buffer.length ? { length: end, status } : undefined;
  }
  if (!CHUNKED.test(head)) throw new Error(`unframed answer: ${head}`);
  // Chunked body (a streamed answer): size line, data, CRLF… until the empty chunk (no trailers here).
  for (;;) {
    const lineEnd = buffer.indexOf("\r\n", end);
    if (lineEnd < 0) return undefined;
    const size = parseInt(buffer.toString("latin1", end, lineEnd), 16);
    end = lineEnd + 2 + size + 2;
    if (end > buffer.length) return undefined;
    if (size === 0) return { length: end, status };
  }
}

/**
 * Keeps `connections` sockets busy for warm-up + `seconds`: answers to requests sent during the warm-up are
 * not counted; those sent during the measured window all are.
 */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  const request = requestBytes(job);
  const latencies = new Float64Array(Math.max(1, job.seconds) * 200_000);
  const errors: Record<string, number> = {};
  let completed = 0;
  let bytes = 0;
  const startedAt = performance.now();
  const measureFrom = startedAt + job.warmupSeconds * 1000;
  const measureTo = measureFrom + job.seconds * 1000;
  let lastEnd = measureFrom;
  let cpuFrom = process.cpuUsage();
  const cpuMark = setTimeout(
    () => (cpuFrom = process.cpuUsage()),
    job.warmupSeconds * 1000,
  );

  const count = (outcome: string | undefined, sent: number, size: number) => {
    const now = performance.now();
    if (sent < measureFrom) return;
    if (completed < latencies.length) latencies[completed] = now - sent;
    completed++;
    bytes += size;
    lastEnd = Math.max(lastEnd, now);
    if (outcome) errors[outcome] = (errors[outcome] ?? 0) + 1;
  };

  const connection = () =>
    new Promise<void>((resolve) => {
      let sent = 0;
      let buffer: Buffer | undefined;
      const socket = net.connect(job.port, "127.0.0.1");
      socket.setNoDelay(true);
      const send = () => {
        if (performance.now() >= measureTo) return void socket.end();
        sent = performance.now();
        socket.write(request);
      };
      socket.on("connect", send);
      socket.on("data", (chunk: Buffer) => {
        buffer = buffer ? Buffer.concat([buffer, chunk]) : chunk;
        const answer = completeAnswer(buffer);
        if (!answer) return;
        buffer =
          answer.length === buffer.length
            ? undefined
            : buffer.subarray(answer.length);
        const ok =
          (answer.status >= 200 && answer.status < 300) ||
          answer.status === 304;
        count(ok ? undefined : String(answer.status), sent, answer.length);
        send();
      });
      socket.on("error", (error: NodeJS.ErrnoException) => {
        count(error.code ?? "socket error", sent, 0);
      });
      // A server that closes a keep-alive connection under load is an error; the loop reconnects.
      socket.on("close", () => {
        if (performance.now() < measureTo) {
          count("closed", sent, 0);
          void connection().then(resolve);
        } else resolve();
      });
    });

  return Promise.all(Array.from({ length: job.connections }, connection)).then(
    () => {
      clearTimeout(cpuMark);
      const elapsedMs = lastEnd - measureFrom;
      const cpu = process.cpuUsage(cpuFrom);
      const sorted = latencies
        .slice(0, Math.min(completed, latencies.length))
        .sort();
      return {
        completed,
        elapsedMs,
        latencies: sorted,
        rps: (completed / elapsedMs) * 1000,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted.at(-1) ?? NaN,
        errors,
        bytesPerAnswer: completed ? bytes / completed : 0,
        generatorCpu: (cpu.user + cpu.system) / 1000 / elapsedMs,
      };
    },
  );
}
