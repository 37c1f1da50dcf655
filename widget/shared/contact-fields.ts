/** What the user typed or chose in the contact form; a host may prefill the same fields. */
export interface ContactDraft {
  category: string;
  subject: string;
  message: string;
  email: string;
}
export type ContactField = keyof ContactDraft;

/** The fields in the order of the form (the first invalid one takes the focus). */
export const FIELDS: readonly ContactField[] = [
  "category",
  "subject",
  "message",
  "email",
];
