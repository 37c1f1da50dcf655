import { useEffect, useRef, useState } from "preact/hooks";
import type { ConsoleFailure, ConsoleUser } from "../client/api-client.ts";
import { ErrorNotice } from "../components/ErrorNotice.tsx";
import { formatWait } from "../format.ts";
import { useServices } from "../services.ts";
import { useTitle } from "../hooks/use-title.ts";

/**
 * The error to show for a failed login: the server's words, plus how long to wait when throttled and the
 * server's message does not already say it (it names no duration).
 */
export function loginError(failure: ConsoleFailure): string {
  if (
    failure.code === "rate_limited" &&
    failure.retryAfter &&
    !/\d/.test(failure.message)
  ) {
    return `${failure.message} Patientez ${formatWait(failure.retryAfter)} avant de réessayer.`;
  }
  return failure.message;
}

/** « Connexion »: e-mail and password; on success the app goes back where the user was sent from. */
export function Login({
  onLoggedIn,
}: {
  onLoggedIn: (user: ConsoleUser) => void;
}) {
  const { api } = useServices();
  useTitle("Connexion");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => emailRef.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (sending) return;
    if (!email.trim() || !password) {
      setError("Saisissez votre adresse e-mail et votre mot de passe.");
      (email.trim() ? passwordRef : emailRef).current?.focus();
      return;
    }
    setSending(true);
    const result = await api.login(email.trim(), password);
    setSending(false);
    if (result.ok) return onLoggedIn(result.value);
    setError(loginError(result));
    // The password is asked again; the e-mail is kept (most failures are a mistyped password).
    setPassword("");
    passwordRef.current?.focus();
  };

  return (
    <div class="login">
      <h1 tabIndex={-1}>Connexion à la console support</h1>
      <p class="hint">Tous les champs sont obligatoires.</p>
      {error && <ErrorNotice id="login-error">{error}</ErrorNotice>}
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="login-email">Adresse e-mail</label>
          <input
            id="login-email"
            ref={emailRef}
            type="email"
            name="email"
            autocomplete="username"
            required
            aria-describedby={error ? "login-error" : undefined}
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="login-password">Mot de passe</label>
          <input
            id="login-password"
            ref={passwordRef}
            type="password"
            name="password"
            autocomplete="current-password"
            required
            aria-describedby={error ? "login-error" : undefined}
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </div>
        <button
          type="submit"
          class="button"
          aria-disabled={sending ? "true" : undefined}
        >
          Se connecter
        </button>
      </form>
    </div>
  );
}
