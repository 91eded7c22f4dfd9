// The static website of the convlib lessons (tools/build_site.py): what
// Python would do in JupyterLab, done in the page.
//
// * The Play button of a step-through (a ToggleButton linked in the page to
//   the hidden ipywidgets Play) reads "Pause" while it is pressed: in
//   JupyterLab, Python relabels it; here there is no Python.
// * The controls of a widget that needs a live kernel (class
//   convlib-needs-kernel) are disabled: they would do nothing here, and a
//   note next to the widget says so.
(() => {
  const NEEDS_KERNEL = '.convlib-needs-kernel';

  const relabel = (button) => {
    const playing = button.classList.contains('mod-active');
    const icon = button.querySelector('i.fa');
    if (icon) {
      icon.classList.toggle('fa-play', !playing);
      icon.classList.toggle('fa-pause', playing);
    }
    const text = [...button.childNodes].reverse().find((n) => n.nodeType === Node.TEXT_NODE);
    const label = playing ? 'Pause' : 'Play';
    if (text && text.textContent !== label) text.textContent = label;
    button.title = playing ? 'Pause' : 'Play the steps one after another';
  };

  const disable = (root) => {
    root.querySelectorAll('input, select, textarea, button').forEach((el) => {
      if (!el.disabled) el.disabled = true;
    });
    root.querySelectorAll('[role=slider]').forEach((el) => {
      el.setAttribute('tabindex', '-1');
      el.setAttribute('aria-disabled', 'true');
    });
  };

  let queued = false;
  const scan = () => {
    queued = false;
    document.querySelectorAll('button.convlib-play').forEach(relabel);
    document.querySelectorAll(NEEDS_KERNEL).forEach(disable);
  };

  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target.matches && r.target.matches('button.convlib-play')) {
        relabel(r.target);
      } else if (r.type === 'childList' && r.addedNodes.length && !queued) {
        queued = true;
        requestAnimationFrame(scan);
      }
    }
  }).observe(document.body, {childList: true, subtree: true, attributes: true, attributeFilter: ['class']});
  scan();
})();
