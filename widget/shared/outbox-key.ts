/**
 * Where a submission waits until the API acknowledges it (one per platform). The loader reads this one
 * key at boot and loads the sender only when it is set (ARCHITECTURE §4).
 */
export const outboxKey = (platform: string) => `snu-aide:envoi:${platform}`;
