import type { AnchorHTMLAttributes } from "preact";
import { useServices } from "../services.ts";

/** A link to a console path: a real `<a href>` (new tab, copy link work), followed without reloading. */
export function Link({
  to,
  ...rest
}: { to: string } & Omit<
  AnchorHTMLAttributes<HTMLAnchorElement>,
  "href" | "role"
>) {
  const { router } = useServices();
  return (
    <a
      {...rest}
      href={router.href(to)}
      onClick={(event) => {
        // Let the browser handle new-tab and download gestures.
        if (
          event.defaultPrevented ||
          event.button !== 0 ||
          event.metaKey ||
          event.ctrlKey ||
          event.shiftKey ||
          event.altKey
        )
          return;
        event.preventDefault();
        router.navigate(to);
      }}
    />
  );
}
