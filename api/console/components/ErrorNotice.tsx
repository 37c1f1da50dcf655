import type { ComponentChildren } from "preact";

/** An error told to everyone: shown in red and announced at once (role="alert"). */
export function ErrorNotice({
  children,
  id,
}: {
  children: ComponentChildren;
  id?: string;
}) {
  return (
    <div class="notice notice-error" role="alert" id={id}>
      {children}
    </div>
  );
}
