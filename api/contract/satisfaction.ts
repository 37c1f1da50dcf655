// Issue 10: the requester's satisfaction, asked on the follow-up page and shown in the console.

/** A satisfaction score, from 1 (not at all satisfied) to 5 (very satisfied). */
export type SatisfactionScore = 1 | 2 | 3 | 4 | 5;

/** The five labelled choices of « Êtes-vous satisfait(e) de la réponse ? », by score. */
export const SATISFACTION_LABELS: Readonly<Record<SatisfactionScore, string>> =
  {
    1: "Pas du tout satisfait(e)",
    2: "Peu satisfait(e)",
    3: "Moyennement satisfait(e)",
    4: "Satisfait(e)",
    5: "Très satisfait(e)",
  };

/** The scores in the order the choices are offered, from the lowest. */
export const SATISFACTION_SCORES: readonly SatisfactionScore[] = [
  1, 2, 3, 4, 5,
];
