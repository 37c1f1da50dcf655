import {
  TIP_ANCHOR_TEXT_MAX,
  TIP_SELECTOR_MAX,
  TIP_TITLE_MAX,
} from "../../contract/tip-limits.ts";
import { PLACEMENT_LABELS } from "../tip-editor/tip-labels.ts";
import type { TipFormValues } from "../tip-editor/tip-form.ts";
import { FormField, tipFieldId } from "./FormField.tsx";
import type { TipFieldsProps } from "./TipTargetFields.tsx";

const text = (event: Event) => (event.currentTarget as HTMLInputElement).value;

/** The Markdown subset the server accepts (api/tips/markdown.ts), said to the author. */
function MarkdownHelp() {
  return (
    <>
      <p class="hint-line">
        Markdown simplifié : paragraphes séparés par une ligne vide,{" "}
        <code>*italique*</code>, <code>**gras**</code>, listes (lignes
        commençant par <code>- </code> ou <code>1. </code>) et liens{" "}
        <code>[texte](https://…)</code> en https uniquement.
      </p>
      <p class="hint-line">
        Pas de titres, de tableaux, d'images ni de HTML. 5 000 caractères au
        plus.
      </p>
    </>
  );
}

/** What the tip says and when: title, text, link, anchor, priority and activity dates. */
export function TipContentFields({ values, errors, set }: TipFieldsProps) {
  return (
    <>
      <fieldset class="tip-fieldset">
        <legend class="fieldset-title">Contenu</legend>
        <FormField
          id={tipFieldId("title")}
          label="Titre"
          required
          hint="De 3 à 120 caractères, sous forme de question de l'usager si possible."
          error={errors.title}
        >
          {(aria) => (
            <input
              {...aria}
              type="text"
              maxLength={TIP_TITLE_MAX}
              value={values.title}
              onInput={(e) => set({ title: text(e) })}
            />
          )}
        </FormField>
        <FormField
          id={tipFieldId("markdown")}
          label="Texte"
          required
          hint={<MarkdownHelp />}
          error={errors.markdown}
        >
          {(aria) => (
            <textarea
              {...aria}
              rows={10}
              value={values.markdown}
              onInput={(e) => set({ markdown: text(e) })}
            />
          )}
        </FormField>
        <FormField
          id={tipFieldId("link")}
          label="Lien vers l'article"
          optional
          hint="Adresse en https://, ouverte dans un nouvel onglet."
          error={errors.link}
        >
          {(aria) => (
            <input
              {...aria}
              type="url"
              inputMode="url"
              spellcheck={false}
              value={values.link}
              onInput={(e) => set({ link: text(e) })}
            />
          )}
        </FormField>
      </fieldset>
      <AnchorFields {...{ values, errors, set }} />
      <fieldset class="tip-fieldset">
        <legend class="fieldset-title">Ordre et période</legend>
        <FormField
          id={tipFieldId("priority")}
          label="Priorité"
          optional
          hint="Nombre entier : les astuces de plus grande priorité passent devant ; vide, elle vaut 0."
          error={errors.priority}
        >
          {(aria) => (
            <input
              {...aria}
              type="text"
              inputMode="numeric"
              class="short"
              value={values.priority}
              onInput={(e) => set({ priority: text(e) })}
            />
          )}
        </FormField>
        <div class="field-pair">
          <FormField
            id={tipFieldId("activeFrom")}
            label="Active du"
            optional
            hint="Jour inclus (heure de Paris)."
            error={errors.activeFrom}
          >
            {(aria) => (
              <input
                {...aria}
                type="date"
                value={values.activeFrom}
                onInput={(e) => set({ activeFrom: text(e) })}
              />
            )}
          </FormField>
          <FormField
            id={tipFieldId("activeTo")}
            label="Active au"
            optional
            hint="Jour inclus."
            error={errors.activeTo}
          >
            {(aria) => (
              <input
                {...aria}
                type="date"
                value={values.activeTo}
                onInput={(e) => set({ activeTo: text(e) })}
              />
            )}
          </FormField>
        </div>
      </fieldset>
    </>
  );
}

function AnchorFields({
  values,
  errors,
  set,
}: Omit<TipFieldsProps, "creating">) {
  return (
    <fieldset class="tip-fieldset">
      <legend class="fieldset-title">Ancre (facultatif)</legend>
      <p class="hint">
        Pour accrocher l'astuce à un élément de la page. Sans sélecteur,
        l'astuce reste dans le panneau d'aide.
      </p>
      <FormField
        id={tipFieldId("selector")}
        label="Sélecteur CSS"
        hint="Ex. #piece-identite-recto ; 300 caractères au plus."
        error={errors.selector}
      >
        {(aria) => (
          <input
            {...aria}
            type="text"
            spellcheck={false}
            autocomplete="off"
            maxLength={TIP_SELECTOR_MAX}
            value={values.selector}
            onInput={(e) => set({ selector: text(e) })}
          />
        )}
      </FormField>
      <FormField
        id={tipFieldId("anchorText")}
        label="Texte à trouver"
        optional
        hint="L'élément doit contenir ce texte (quand le sélecteur en trouve plusieurs)."
        error={errors.anchorText}
      >
        {(aria) => (
          <input
            {...aria}
            type="text"
            maxLength={TIP_ANCHOR_TEXT_MAX}
            value={values.anchorText}
            onInput={(e) => set({ anchorText: text(e) })}
          />
        )}
      </FormField>
      <FormField
        id={tipFieldId("placement")}
        label="Position"
        error={errors.placement}
      >
        {(aria) => (
          <select
            {...aria}
            value={values.placement}
            onChange={(e) =>
              set({ placement: text(e) as TipFormValues["placement"] })
            }
          >
            <option value="">Automatique</option>
            {Object.entries(PLACEMENT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </FormField>
    </fieldset>
  );
}
