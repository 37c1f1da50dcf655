// The panel chunk's public surface: the loader imports it on intent and calls `mount`.
export { mount } from "./mount.tsx";
