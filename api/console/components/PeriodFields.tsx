import type { ComponentChildren } from "preact";
import { PERIOD_PRESETS, type PagesPeriod } from "../requests/period.ts";

type Preset = PagesPeriod["preset"];

/**
 * The period choice shared by the report forms: « 7 / 30 / 90 derniers jours » or « Dates choisies »,
 * then « Du » / « Au » (editable only for chosen dates). `children` are the form's other fields, put
 * in the same grid as the dates so the layout stays one grid.
 */
export function PeriodFields(props: {
  /** Prefix of the date fields' ids: `${idPrefix}-from`, `${idPrefix}-to`. */
  idPrefix: string;
  preset: Preset;
  /** `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** Latest day « Au » accepts (today), `YYYY-MM-DD`. */
  max: string;
  onPreset: (preset: Preset) => void;
  onFrom: (from: string) => void;
  onTo: (to: string) => void;
  /** Shown under « Du », which is then marked invalid (the form focuses it). */
  fromError?: string;
  children?: ComponentChildren;
}) {
  const custom = props.preset === "custom";
  const fromId = `${props.idPrefix}-from`;
  const toId = `${props.idPrefix}-to`;
  const errorId = `${fromId}-error`;

  return (
    <>
      <fieldset>
        <legend>Période</legend>
        {PERIOD_PRESETS.map((days) => (
          <label key={days} class="radio">
            <input
              type="radio"
              name="period"
              value={String(days)}
              checked={props.preset === String(days)}
              onChange={() => props.onPreset(String(days) as Preset)}
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
            onChange={() => props.onPreset("custom")}
          />
          Dates choisies
        </label>
      </fieldset>
      <div class="filter-grid">
        <div class={`field${props.fromError ? " has-error" : ""}`}>
          <label for={fromId}>Du</label>
          <input
            id={fromId}
            type="date"
            disabled={!custom}
            max={props.to}
            value={props.from}
            {...(props.fromError
              ? { "aria-invalid": "true", "aria-describedby": errorId }
              : {})}
            onInput={(event) => props.onFrom(event.currentTarget.value)}
          />
          {props.fromError && (
            <p class="field-error" id={errorId}>
              {props.fromError}
            </p>
          )}
        </div>
        <div class="field">
          <label for={toId}>Au</label>
          <input
            id={toId}
            type="date"
            disabled={!custom}
            min={props.from}
            max={props.max}
            value={props.to}
            onInput={(event) => props.onTo(event.currentTarget.value)}
          />
        </div>
        {props.children}
      </div>
    </>
  );
}
