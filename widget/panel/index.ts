// The panel chunk's public surface: the loader imports it on intent and calls `mount`; it also imports it
// at boot, without mounting, when a submission waits in the outbox, and calls `startSender`.
export { mount, startSender } from "./panel-chunk.ts";
