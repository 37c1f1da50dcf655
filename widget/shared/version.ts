/** Sent with each request so support knows which widget build the user had. */
export const WIDGET_VERSION = "0.2.0";
