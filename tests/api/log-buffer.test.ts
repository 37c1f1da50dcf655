import { describe, expect, it } from "vitest";
import { createBufferedWrite } from "../../api/logger.ts";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** A buffered writer whose writes are recorded in order, stdout and stderr in one list. */
function recorded(maxChars?: number) {
  const writes: string[] = [];
  const output = createBufferedWrite({
    out: (chunk) => writes.push(`out:${chunk}`),
    err: (chunk) => writes.push(`err:${chunk}`),
    ...(maxChars === undefined ? {} : { maxChars }),
  });
  return { writes, ...output };
}

describe("the buffered log writer", () => {
  it("writes the info lines of one turn of the event loop in one write, in order, once the turn is over", async () => {
    const { writes, write } = recorded();
    write('{"n":1}', false);
    write('{"n":2}', false);
    write('{"n":3}', false);
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(['out:{"n":1}\n{"n":2}\n{"n":3}\n']);
    write('{"n":4}', false);
    await nextTurn();
    expect(writes).toHaveLength(2);
    expect(writes[1]).toBe('out:{"n":4}\n');
  });

  it("writes an error line at once, after the info lines logged before it", () => {
    const { writes, write } = recorded();
    write('{"n":1}', false);
    write('{"level":"error"}', true);
    expect(writes).toEqual(['out:{"n":1}\n', 'err:{"level":"error"}\n']);
  });

  it("writes a batch at once when it reaches its size limit", () => {
    const { writes, write } = recorded(20);
    write("1234567890", false);
    expect(writes).toEqual([]);
    write("abcdefghij", false);
    expect(writes).toEqual(["out:1234567890\nabcdefghij\n"]);
  });

  it("writes what is pending on flush, and nothing twice", async () => {
    const { writes, write, flush } = recorded();
    write("a", false);
    write("b", false);
    flush();
    expect(writes).toEqual(["out:a\nb\n"]);
    await nextTurn();
    flush();
    expect(writes).toEqual(["out:a\nb\n"]);
  });
});
