import type {
  ConversationStore,
  ReplyTemplateInput,
} from "../store/conversation-types.ts";

// A few « Réponses types » for the demo, so that a newcomer sees the composer propose them (issue 10).
const DEMO_TEMPLATES: ReplyTemplateInput[] = [
  {
    title: "Pièce d'identité refusée",
    text: "Bonjour,\n\nNous avons bien reçu votre demande {reference}. Pour que votre pièce d'identité soit acceptée, déposez le recto et le verso, lisibles, en JPG, PNG ou PDF de moins de 5 Mo, depuis la page {page}.\n\nSi le problème continue, répondez-nous par le lien de suivi en précisant votre navigateur.",
    category: "TECHNICAL",
    subject: "UPLOAD",
  },
  {
    title: "Convocation au séjour",
    text: "Bonjour,\n\nVotre convocation est disponible dans votre espace une fois votre participation confirmée et votre point de rassemblement choisi. Pouvez-vous nous dire si ces deux étapes sont faites ?",
    category: "QUESTION",
    subject: "PHASE_1_AFFECTATION",
  },
  {
    title: "Demande de précisions",
    text: "Bonjour,\n\nMerci pour votre message (demande {reference}). Pour vous répondre précisément, pouvez-vous nous indiquer votre département et votre date de séjour ?",
  },
];

/** With DEMO=true and no template yet, adds the demo templates; returns how many. */
export async function createDemoReplyTemplates(
  store: ConversationStore,
  now: Date,
): Promise<number> {
  if ((await store.listReplyTemplates()).length > 0) return 0;
  for (const template of DEMO_TEMPLATES)
    await store.createReplyTemplate(template, now);
  return DEMO_TEMPLATES.length;
}
