/**
 * An e-mail that can never be sent as it is (invalid recipient, malformed Message-ID): the worker stops
 * retrying it at once. The message is a short French reason for the console, never the address.
 */
export class PermanentMailError extends Error {
  override readonly name = "PermanentMailError";
}
