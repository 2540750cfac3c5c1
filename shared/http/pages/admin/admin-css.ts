/** The secretariat pages' additions to the site stylesheet, served as a file so the CSP needs no inline style. */
export const ADMIN_CSS = `
main { max-width: 80rem; }
.admin-bar { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; border-bottom: 2px solid var(--line);
  padding-bottom: .5rem; margin-bottom: 1rem; }
.admin-bar ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
.admin-bar .who { margin: 0 0 0 auto; color: var(--muted); font-size: .95rem; }
form.inline { display: inline; margin: 0; }
form.narrow { max-width: 28rem; }
button.small { padding: .3rem .7rem; font-size: .9rem; }
button.secondary { background: #fff; color: var(--un); border: 2px solid var(--un); }
button.secondary:hover { color: #fff; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .25rem 1rem; }
.filters .field { margin: .4rem 0; }
.filters input, .filters select { max-width: 100%; }
input[type=number], input[type=search], input[type=password] { font: inherit; padding: .5rem .6rem; border: 2px solid #6b7b88;
  border-radius: 4px; width: 100%; max-width: 40rem; }
.pill { display: inline-block; border: 1px solid var(--line); border-radius: 999px; padding: 0 .5rem; margin: 0 .2rem .2rem 0;
  font-size: .85rem; white-space: nowrap; }
.pill.reviewer { border-color: var(--ok); color: var(--ok); font-weight: 600; }
.pill.group { border-color: #7a4d00; color: #7a4d00; }
.pill.uncertain { border-style: dashed; border-color: #7a4d00; }
.codebook { margin: .1rem 0 .5rem 1.8rem; font-size: .9rem; } .codebook dt { font-weight: 600; } .codebook dd { margin: 0 0 .3rem 0; }
.pill.flagged { border-color: #8a1c1c; color: #8a1c1c; }
.notice { border-left: 4px solid var(--line); padding: .5rem 1rem; }
mark { background: #fff3b0; color: inherit; padding: 0 .1em; border-bottom: 2px solid #b38600; }
mark .rec { font-size: .75rem; font-weight: 700; color: #5c4500; }
.pager { display: flex; gap: 1rem; align-items: center; margin: 1rem 0; }
fieldset.tags .check { margin: .3rem 0; }
.meta { color: var(--muted); font-size: .9rem; }
kbd { font-family: ui-monospace, monospace; border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 3px;
  padding: 0 .35rem; background: #fff; }
dl.shortcuts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; }
dl.shortcuts dd { margin: 0; }
.layout-two { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16rem, 2fr); gap: 2rem; }
@media (max-width: 56rem) { .layout-two { grid-template-columns: 1fr; } }
.diff { font-family: ui-monospace, monospace; font-size: .8rem; white-space: pre-wrap; word-break: break-word; margin: 0; }
.orphan { color: var(--error); font-weight: 600; }
td.num, th.num { text-align: right; }
`;
