import { screen, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { ACCESSIBILITY_STATUS } from "../../../api/console/accessibility-status.ts";
import { openConsole } from "../../support/console/mount.ts";
import { useConsoleServer } from "../../support/console/server.ts";

useConsoleServer();

// Every screen of the console links to the accessibility statement with its declared state (RGAA, issue 16);
// tests/api/accessibility-page.test.ts keeps that state equal to the grid's.

describe("the console's footer", () => {
  it("links to the accessibility statement, outside the console, on the login screen too", async () => {
    openConsole("/support/login");
    await screen.findByRole("heading", {
      name: "Connexion à la console support",
    });
    const link = within(screen.getByRole("contentinfo")).getByRole("link", {
      name: `Accessibilité : ${ACCESSIBILITY_STATUS}`,
    });
    // A plain address of the server, not one of the console's own routes.
    expect(link.getAttribute("href")).toBe("/accessibilite");
  });
});
