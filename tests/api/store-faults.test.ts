import Database from "better-sqlite3";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeSystemError } from "../../api/cli/cli-errors.ts";
import {
  mapStoreFaults,
  sqliteFault,
  StoreUnavailableError,
} from "../../api/store/store-faults.ts";
import { createSqliteStore } from "../../api/store/sqlite-store.ts";
import { makeTempDir } from "../support/temp-dir.ts";
import { makeNewRequest } from "../support/factories.ts";

const sqliteError = (code: string) =>
  Object.assign(new Error("database problem"), { name: "SqliteError", code });

describe("storage faults", () => {
  it.each([
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_FULL",
    "SQLITE_READONLY",
    "SQLITE_IOERR_WRITE",
    "SQLITE_CANTOPEN",
  ])("reads %s as the store being unavailable, keeping the cause", (code) => {
    const original = sqliteError(code);
    const fault = sqliteFault(original);
    expect(fault).toBeInstanceOf(StoreUnavailableError);
    expect(fault).toMatchObject({ code, cause: original });
  });

  it.each(["SQLITE_CONSTRAINT", "SQLITE_ERROR", undefined])(
    "leaves %s alone (a bug or bad input, not a passing fault)",
    (code) => {
      expect(sqliteFault(Object.assign(new Error("x"), { code }))).toBe(
        undefined,
      );
    },
  );

  it("reads as a French line in the CLIs, not as a bug with its stack trace", () => {
    expect(describeSystemError(sqliteFault(sqliteError("SQLITE_BUSY")))).toBe(
      "Base de données inutilisable : base verrouillée par un autre processus, réessayez.",
    );
    expect(
      describeSystemError(sqliteFault(sqliteError("SQLITE_READONLY_DBMOVED"))),
    ).toBe("Base de données inutilisable : base en lecture seule.");
  });

  it("refuses a store that is not a plain object (its prototype's methods would be lost)", () => {
    class ClassStore {
      async read() {
        return 1;
      }
    }
    expect(() => mapStoreFaults(new ClassStore(), sqliteFault)).toThrow(
      TypeError,
    );
  });

  it("maps a transient SQLite code to StoreUnavailableError, whatever the method's shape", async () => {
    const store = mapStoreFaults(
      {
        rejects: async () => {
          throw sqliteError("SQLITE_BUSY");
        },
        throws: () => {
          throw sqliteError("SQLITE_IOERR_WRITE");
        },
        async *batches() {
          yield 1;
          throw sqliteError("SQLITE_FULL");
        },
      },
      sqliteFault,
    );
    await expect(store.rejects()).rejects.toMatchObject({
      name: "StoreUnavailableError",
      code: "SQLITE_BUSY",
    });
    expect(() => store.throws()).toThrow(StoreUnavailableError);
    const read: number[] = [];
    await expect(
      (async () => {
        for await (const item of store.batches()) read.push(item);
      })(),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(read).toEqual([1]);
  });

  it("lets any other error through unchanged", async () => {
    const original = sqliteError("SQLITE_CONSTRAINT");
    const store = mapStoreFaults(
      {
        fails: async () => {
          throw original;
        },
      },
      sqliteFault,
    );
    await expect(store.fails()).rejects.toBe(original);
  });

  it("comes out of the real SQLite store when another connection holds the write lock", async () => {
    const file = path.join(makeTempDir(), "snu-aide.sqlite");
    const store = createSqliteStore({ file, busyTimeoutMs: 20 });
    const other = new Database(file);
    other.prepare("BEGIN IMMEDIATE").run();
    try {
      await expect(
        store.createRequest(makeNewRequest(), new Date()),
      ).rejects.toMatchObject({
        name: "StoreUnavailableError",
        code: "SQLITE_BUSY",
      });
    } finally {
      other.prepare("ROLLBACK").run();
      other.close();
      await store.close();
    }
  });
});
