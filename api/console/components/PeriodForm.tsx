import { isoDay } from "../format.ts";
import { presetPeriod, type PagesPeriod } from "../requests/period.ts";
import { useDraftForm } from "../hooks/use-draft-form.ts";
import { PeriodFields } from "./PeriodFields.tsx";
import { PlatformSelect } from "./PlatformSelect.tsx";

export interface PeriodFormProps {
  period: PagesPeriod;
  today: Date;
  onApply: (period: PagesPeriod) => void;
}

/** Period (7 / 30 / 90 days or chosen dates) and platform of the « Par page » report. */
export function PeriodForm({ period, today, onApply }: PeriodFormProps) {
  const { draft, setDraft, submit } = useDraftForm(period, onApply);
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
      <PeriodFields
        idPrefix="period"
        preset={draft.preset}
        from={draft.from}
        to={draft.to}
        max={isoDay(today)}
        onPreset={choosePreset}
        onFrom={(from) => setDraft({ ...draft, from })}
        onTo={(to) => setDraft({ ...draft, to })}
      >
        <PlatformSelect
          id="period-platform"
          value={draft.platform}
          onChange={(platform) => {
            const { platform: _, ...rest } = draft;
            setDraft(platform ? { ...rest, platform } : rest);
          }}
        />
      </PeriodFields>
      <div class="actions">
        <button type="submit" class="button">
          Afficher
        </button>
      </div>
    </form>
  );
}
