import { createHash } from "node:crypto";

// The follow-up page's only stylesheet, served from the same origin (`style-src 'self'`: no inline style).
// DSFR look (SNU-DOMAIN.md); rem units because this page owns its root font size, so the reader's own
// browser setting scales everything. Readable at 320 px: no fixed widths, long words wrap.
export const STYLESHEET = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:"Marianne",arial,sans-serif;font-size:1rem;line-height:1.5;color:#3a3a3a;background:#fff}
:focus-visible{outline:2px solid #0a76f6;outline-offset:2px}
a{color:#000091}
a:hover{color:#1212ff}
input,button,textarea{font:inherit;font-size:1rem}
h1,h2,h3{color:#161616;line-height:1.25;margin:0 0 .75rem}
h1{font-size:1.75rem}
h2{font-size:1.375rem;margin-top:2rem}
h3{font-size:1rem;margin:0}
p{margin:0 0 1rem}
.skip{position:absolute;left:.5rem;top:-3rem;background:#fff;padding:.5rem 1rem}
.skip:focus{top:.5rem}
.wrap{max-width:48rem;margin:0 auto;padding:0 1rem}
.site{border-bottom:1px solid #ddd;padding:1rem 0;margin-bottom:2rem}
.brand{margin:0;font-weight:700;color:#161616;font-size:1.125rem}
.brand span{display:block;font-weight:400;color:#666;font-size:.875rem}
.foot{border-top:1px solid #ddd;margin-top:3rem;padding:1.5rem 0 2rem;font-size:.875rem;color:#666}
.meta{color:#666;font-size:.875rem}
.status-sentence{font-size:1.125rem;color:#161616}
.messages{list-style:none;margin:0;padding:0}
.message{margin:0 0 1rem;padding:.75rem 1rem;border-left:4px solid #ddd}
.message.agent{border-left-color:#000091;background:#f6f6f6}
.message .meta{margin:0 0 .5rem}
.text,.signature{white-space:pre-wrap;overflow-wrap:anywhere;margin:0}
.signature{margin-top:.75rem;color:#161616}
.notice{padding:.75rem 1rem;border-left:4px solid #0063cb;background:#f6f6f6;color:#161616}
.notice.success{border-left-color:#18753c}
.notice.failure{border-left-color:#ce0500}
.field{margin:0 0 1.5rem}
label,legend{display:block;color:#161616;margin:0 0 .25rem}
.hint{color:#666;font-size:.875rem;margin:0 0 .5rem}
.error{color:#ce0500;font-weight:700;margin:0 0 .5rem}
textarea{display:block;width:100%;min-height:8rem;color:#161616;background:#eee;border:0;border-bottom:2px solid #3a3a3a;border-radius:.25rem .25rem 0 0;padding:.5rem 1rem;resize:vertical}
.invalid textarea{border-bottom-color:#ce0500}
.invalid{border-left:2px solid #ce0500;padding-left:.75rem}
fieldset{border:0;margin:0 0 1.5rem;padding:0;min-width:0}
legend{font-weight:700;padding:0;margin-bottom:.5rem}
.choice{display:flex;align-items:flex-start;gap:.5rem;margin:0 0 .5rem}
.choice input{flex:none;width:1.25rem;height:1.25rem;margin:.125rem 0 0;accent-color:#000091}
.choice label{margin:0}
button{font-weight:500;line-height:1.5;color:#f5f5fe;background:#000091;border:0;padding:.5rem 1.5rem;min-height:2.5rem;cursor:pointer}
button:hover{background:#1212ff}
.rating{color:#161616}
.about{margin-top:2.5rem;padding:1rem;background:#f6f6f6}
.about h2{margin-top:0;font-size:1.125rem}
.about p:last-child{margin:0}
`;

/** Changes with the content, so the page always asks for the current stylesheet while browsers may cache it. */
export const STYLESHEET_VERSION = createHash("sha256")
  .update(STYLESHEET)
  .digest("hex")
  .slice(0, 12);

/** Where the stylesheet is served (it has no token: it is the same for every page). */
export const STYLESHEET_PATH = "/suivi/_/suivi.css";
