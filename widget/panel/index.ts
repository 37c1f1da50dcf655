// The panel chunk's public surface: the loader imports it on intent and calls `mount`.
export { mount } from "./mount.tsx";
// The loader also imports it at boot, without mounting, when a submission waits in the outbox.
export { startSender } from "./sender.ts";
