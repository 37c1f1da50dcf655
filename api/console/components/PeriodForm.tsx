import { isoDay } from "../format.ts";
import {
  PERIOD_PRESETS,
  presetPeriod,
  type PagesPeriod,
} from "../requests/period.ts";
import { useDraftForm } from "../hooks/use-draft-form.ts";
import { PlatformSelect } from "./PlatformSelect.tsx";

export interface PeriodFormProps {
  period: PagesPeriod;
  today: Date;
  onApply: (period: PagesPeriod) => void;
}

/** Period (7 / 30 / 90 days or chosen dates) and platform of the « Par page » report. */
export function PeriodForm({ period, today, onApply }: PeriodFormProps) {
  const { draft, setDraft, submit } = useDraftForm(period, onApply);
  const custom = draft.preset === "custom";
  const choosePreset = (preset: PagesPeriod["preset"]) =>
    setDraft((previous) =>
      preset === "custom"
        ? { ...previous, preset }
        : {
            ...presetPeriod(preset, today),
            ...(previous.platform ? { platform: previous.platform } : {}),
          },
    );

  return (
    <form
      class="filters period"
      aria-label="Période et plateforme"
      onSubmit={submit}
    >
      <fieldset>
        <legend>Période</legend>
        {PERIOD_PRESETS.map((days) => (
          <label key={days} class="radio">
            <input
              type="radio"
              name="period"
              value={String(days)}
              checked={draft.preset === String(days)}
              onChange={() => choosePreset(String(days) as "7" | "30" | "90")}
            />
            {days} derniers jours
          </label>
        ))}
        <label class="radio">
          <input
            type="radio"
            name="period"
            value="custom"
            checked={custom}
            onChange={() => choosePreset("custom")}
          />
          Dates choisies
        </label>
      </fieldset>
      <div class="filter-grid">
        <div class="field">
          <label for="period-from">Du</label>
          <input
            id="period-from"
            type="date"
            disabled={!custom}
            max={draft.to}
            value={draft.from}
            onInput={(event) =>
              setDraft({ ...draft, from: event.currentTarget.value })
            }
          />
        </div>
        <div class="field">
          <label for="period-to">Au</label>
          <input
            id="period-to"
            type="date"
            disabled={!custom}
            min={draft.from}
            max={isoDay(today)}
            value={draft.to}
            onInput={(event) =>
              setDraft({ ...draft, to: event.currentTarget.value })
            }
          />
        </div>
        <PlatformSelect
          id="period-platform"
          value={draft.platform}
          onChange={(platform) => {
            const { platform: _, ...rest } = draft;
            setDraft(platform ? { ...rest, platform } : rest);
          }}
        />
      </div>
      <div class="actions">
        <button type="submit" class="button">
          Afficher
        </button>
      </div>
    </form>
  );
}
