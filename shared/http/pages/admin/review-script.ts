/**
 * The submission view's keyboard shortcuts, served as a file: the CSP allows scripts from this site
 * only, never inline. Keys are ignored while the reviewer types in a text field or a list.
 */
export const REVIEW_JS = `(() => {
  const form = document.getElementById('decision');
  if (!form) return;
  const typing = (el) =>
    el && (el.isContentEditable || ((el.tagName === 'INPUT' && el.type !== 'checkbox') || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT'));
  const follow = (rel) => {
    const link = document.querySelector('a[rel="' + rel + '"]');
    if (link) window.location.assign(link.href);
  };
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const key = event.key;
    if (key === 'n') follow('next');
    else if (key === 'p') follow('prev');
    else if (/^[1-9]$/.test(key)) {
      const box = document.getElementById('tag-R' + key);
      if (!box) return;
      box.checked = !box.checked;
      box.focus();
    } else if (key === 'a') form.querySelectorAll('input[data-model]').forEach((box) => { box.checked = true; });
    else if (key === 'x') document.getElementById('exclusion')?.focus();
    else if (key === 's') form.requestSubmit(document.getElementById('save'));
    else return;
    event.preventDefault();
  });
})();
`;
