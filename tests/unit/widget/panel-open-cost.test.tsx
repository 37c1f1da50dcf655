import { fireEvent, screen, within } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tipsAudience } from "../../../widget/shared/page-route.ts";
import {
  createHostState,
  applyHostCall,
} from "../../../widget/shared/host-input.ts";
import {
  mountPanel,
  navigate,
  unmountPanels,
} from "../../support/widget/panel.ts";
import { useWidgetServer } from "../../support/widget/server.ts";

// Issue 14: what the click that opens the tips does not pay for — the contact form and its request
// context (whose redaction runs a costly regular expression the first time) while the form is hidden.
const { log } = useWidgetServer();

const initialUrl = window.location.href;
beforeEach(() => navigate("/inscription/documents"));
afterEach(() => {
  unmountPanels();
  window.history.replaceState({}, "", initialUrl);
});

const TIP = "Formats de documents acceptés";
const MESSAGE = "Le bouton de téléversement reste grisé.";

describe("the contact form behind the tips view", () => {
  it("is built only while its view shows, and keeps what was typed", async () => {
    const { handle } = mountPanel();
    handle.open("contact");
    fireEvent.input(screen.getByLabelText("Votre message"), {
      target: { value: MESSAGE },
    });

    // Back to the tips: once they are shown, the form's fields are not in the document at all.
    handle.open();
    await within(screen.getByRole("dialog")).findByText(TIP);
    expect(screen.queryByLabelText("Votre message")).toBeNull();
    expect(screen.queryByLabelText("Catégorie")).toBeNull();

    handle.open("contact");
    expect(
      (screen.getByLabelText("Votre message") as HTMLTextAreaElement).value,
    ).toBe(MESSAGE);
  });

  it("is not built when the panel opens on the tips", async () => {
    const { handle } = mountPanel();
    handle.open();
    await within(screen.getByRole("dialog")).findByText(TIP);

    // By text: a query by role would skip a hidden form anyway.
    expect(screen.queryByText("Envoyer ma demande")).toBeNull();
    expect(log.tips).toHaveLength(1);
  });
});

describe("tipsAudience", () => {
  const identityAfter = (identity: Record<string, unknown>) => {
    const state = createHostState();
    applyHostCall(state, ["identify", identity], "/");
    return state.identity;
  };

  it("keeps the role and status the tips depend on, and no free-text field", () => {
    expect(
      tipsAudience(
        identityAfter({
          role: "young",
          status: "VALIDATED",
          department: "75",
          region: "camille@example.fr",
          cohort: "2026",
        }),
      ),
    ).toEqual({ role: "young", status: "VALIDATED" });
  });

  it("drops a status the contract does not know, and everything without a known role", () => {
    expect(
      tipsAudience(identityAfter({ role: "admin", status: "EN_COURS" })),
    ).toEqual({ role: "admin" });
    expect(
      tipsAudience(identityAfter({ role: "directeur", status: "VALIDATED" })),
    ).toBeUndefined();
    expect(tipsAudience(undefined)).toBeUndefined();
  });
});
