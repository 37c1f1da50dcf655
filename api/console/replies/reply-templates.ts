import { CATEGORIES } from "../../contract/categories.ts";
import { isIdParam } from "../../contract/routes.ts";
import type { ReplyTemplate } from "../../contract/support-conversation.ts";

// Issue 10: « Réponses types ». Which templates suit a request, and how a template's target and a
// request's page read in French.

/** The composer's choice of templates, the most fitting first. */
export interface TemplateChoice {
  /** Same category and subject, then same category (any subject): they suit this request. */
  suited: ReplyTemplate[];
  /** Written for any request. */
  general: ReplyTemplate[];
  /** Written for other categories or subjects: offered last, still usable. */
  others: ReplyTemplate[];
}

const byTitle = (a: ReplyTemplate, b: ReplyTemplate) =>
  a.title.localeCompare(b.title, "fr");

/** Sorts the templates for a request of `category` › `subject`. */
export function chooseTemplates(
  templates: readonly ReplyTemplate[],
  request: { category: string; subject: string },
): TemplateChoice {
  const exact: ReplyTemplate[] = [];
  const category: ReplyTemplate[] = [];
  const general: ReplyTemplate[] = [];
  const others: ReplyTemplate[] = [];
  for (const template of templates) {
    if (!template.category) general.push(template);
    else if (template.category !== request.category) others.push(template);
    else if (!template.subject) category.push(template);
    else if (template.subject === request.subject) exact.push(template);
    else others.push(template);
  }
  return {
    suited: [...exact.sort(byTitle), ...category.sort(byTitle)],
    general: general.sort(byTitle),
    others: others.sort(byTitle),
  };
}

/**
 * The French labels of a category id and subject id, whatever the platform (templates have none): the
 * first platform that has the id names it.
 */
export function topicLabels(
  categoryId: string,
  subjectId?: string,
): { category: string; subject?: string } {
  const categories = CATEGORIES.filter((c) => c.id === categoryId);
  const subject = subjectId
    ? (categories.flatMap((c) => c.subjects).find((s) => s.id === subjectId)
        ?.label ?? subjectId)
    : undefined;
  return {
    category: categories[0]?.label ?? categoryId,
    ...(subject ? { subject } : {}),
  };
}

/** « Toutes les demandes », « J'ai une question » or « J'ai une question › Mon affectation au séjour ». */
export function templateTargetLabel(
  template: Pick<ReplyTemplate, "category" | "subject">,
): string {
  if (!template.category) return "Toutes les demandes";
  const labels = topicLabels(template.category, template.subject);
  return labels.subject
    ? `${labels.category} › ${labels.subject}`
    : labels.category;
}

/**
 * The page a request was sent from, as the console shows it: its route tag with the values of its
 * non-id parameters put back (`/inscription/:step` + step=documents → `/inscription/documents`); ids stay
 * `:id`, since they never leave the requester's browser.
 */
export function pageLabel(
  route: string,
  routeParams?: Readonly<Record<string, string>>,
): string {
  return route.replace(/:([A-Za-z0-9_]+)/g, (whole, name: string) => {
    const value = routeParams?.[name];
    return value && !isIdParam(name) ? value : whole;
  });
}
