/** The public pages' stylesheet, served from /assets/site.css so the CSP needs no inline styles. */
export const SITE_CSS = `
:root { --ink: #1b2733; --muted: #4a5966; --un: #005a9c; --un-dark: #003f6e; --bg: #ffffff; --panel: #f3f6f9;
  --line: #c9d3dc; --error: #b00020; --ok: #1d6b35; font-family: "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: var(--bg); line-height: 1.55; font-size: 1.0625rem; }
a { color: var(--un); } a:hover { color: var(--un-dark); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible,
summary:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #ffbf47; color: #000; padding: .5rem 1rem; }
.skip:focus { left: 1rem; z-index: 10; }
header.site { background: var(--un); color: #fff; }
header.site .bar { max-width: 62rem; margin: 0 auto; padding: .75rem 1.25rem; display: flex; flex-wrap: wrap;
  gap: .75rem 1.5rem; align-items: center; justify-content: space-between; }
header.site a { color: #fff; text-decoration: none; font-weight: 600; }
header.site nav ul { list-style: none; margin: 0; padding: 0; display: flex; gap: .25rem; }
header.site nav a { padding: .25rem .6rem; border-radius: 4px; font-weight: 400; }
header.site nav a[aria-current="true"] { background: #fff; color: var(--un); font-weight: 600; }
/* The form page's language switch is buttons (they carry what was typed): dressed as the links elsewhere. */
header.site nav button { background: none; color: #fff; padding: .25rem .6rem; font: inherit; font-weight: 400; }
header.site nav button[aria-current="true"] { background: #fff; color: var(--un); font-weight: 600; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: .5rem 0 1rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 .75rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
.eyebrow { color: var(--muted); text-transform: uppercase; letter-spacing: .05em; font-size: .85rem; margin: 0; }
.lead { font-size: 1.15rem; }
.panel { background: var(--panel); border-left: 4px solid var(--un); padding: 1rem 1.25rem; margin: 1rem 0; }
.panel.ok { border-color: var(--ok); } .panel.error { border-color: var(--error); }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1.25rem 0; }
.button, button { display: inline-block; background: var(--un); color: #fff; border: 0; border-radius: 4px;
  padding: .65rem 1.2rem; font-size: 1rem; font-weight: 600; text-decoration: none; cursor: pointer; }
.button:hover, button:hover { background: var(--un-dark); color: #fff; }
.button.secondary { background: #fff; color: var(--un); border: 2px solid var(--un); }
button.danger { background: var(--error); }
ol.recs > li, ol.questions > li { margin-bottom: .9rem; }
.year { color: var(--muted); white-space: nowrap; }
form .field { margin: 1.1rem 0; }
label, legend { font-weight: 600; display: block; margin-bottom: .3rem; }
.hint { color: var(--muted); font-size: .95rem; margin: .1rem 0 .4rem; font-weight: 400; }
input[type=text], input[type=email], select, textarea { width: 100%; max-width: 40rem; font: inherit; padding: .5rem .6rem;
  border: 2px solid #6b7b88; border-radius: 4px; background: #fff; color: var(--ink); }
textarea { min-height: 9rem; max-width: 100%; }
fieldset { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1.25rem 1rem; margin: 1.5rem 0; }
.check { display: flex; gap: .6rem; align-items: flex-start; margin: .5rem 0; font-weight: 400; }
.check input { width: 1.25rem; height: 1.25rem; margin-top: .2rem; flex: none; }
.check label { font-weight: 400; margin: 0; }
.error-text { color: var(--error); font-weight: 600; margin: .2rem 0; }
[aria-invalid="true"] { border-color: var(--error) !important; }
.tag { font-size: .85rem; font-weight: 400; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
.answer { white-space: pre-wrap; background: var(--panel); padding: .75rem 1rem; border-radius: 4px; }
code, .token { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { text-align: left; border-bottom: 1px solid var(--line); padding: .45rem .5rem; vertical-align: top; }
th { background: var(--panel); }
footer.site { border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
footer.site div { max-width: 62rem; margin: 0 auto; padding: 1rem 1.25rem 2rem; }
@media print { header.site nav, .actions, .skip { display: none; } header.site { background: none; color: #000; } }
`;
