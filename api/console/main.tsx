// Entry of the console bundle (index.html links the stylesheet itself, so it loads without waiting for JS).
import { mountConsole } from "./mount.tsx";

mountConsole(document.getElementById("app")!, { win: window });
