// preact/debug reports what production Preact silently gets wrong, such as two children with one key.
import "preact/debug";
import { fireEvent, screen, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WRITER } from "../../support/console/fixtures.ts";
import { openConsole } from "../../support/console/mount.ts";
import { useConsoleServer } from "../../support/console/server.ts";

const { api } = useConsoleServer();

beforeEach(() => api.signIn(WRITER));

afterEach(() => {
  vi.restoreAllMocks();
});

describe("route check", () => {
  it("lists a route typed twice twice, each line its own item", async () => {
    openConsole("/support/tips/new");
    await screen.findByRole("heading", { level: 1, name: "Nouvelle astuce" });
    const error = vi.spyOn(console, "error");

    fireEvent.input(screen.getByLabelText(/^Routes/), {
      target: { value: "/phase1\n/inscription/:step\n/phase1" },
    });

    await waitFor(() =>
      expect(
        [
          ...document.querySelectorAll(".route-lines > li .route-verdict code"),
        ].map((code) => code.textContent),
      ).toEqual(["/phase1", "/inscription/:step", "/phase1"]),
    );
    expect(
      error.mock.calls.map(String).filter((call) => /same key/.test(call)),
    ).toEqual([]);
  });
});
