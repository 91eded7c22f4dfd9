"""How a step-through moves in the page itself, with no round trip to Python.

A :class:`~convlib.widgets.StepThrough` draws every step once, in advance, and
puts them all in the page, hidden.  Two mechanisms then show the step the
"Step" slider reads, both working in JupyterLab and in a page exported with
its widget state (the static site), with no kernel:

* style rules (:func:`switch_css`, :func:`ends_css`) that read the slider's
  ``aria-valuetext``: they need no script at all, and are the fallback;
* a page script (:data:`STEP_IN_PLACE_JS`) that keeps one visible copy of the
  steps and changes in it only what differs from one step to the next (the
  window's cells, the new output cell, the line of arithmetic).  When it runs,
  it turns the style rules off.

Why both: showing a whole new step (about 100 table cells) costs the browser
style, layout and paint of every one of its elements, in a long notebook
whose style sheets are large; patching the twenty-odd cells that differ costs
those alone.  Measured in lesson 06 with Chromium's trace, a key press
restyles 16-21 elements instead of 76-121, and the frame after it fell from
about 14-16 ms to 9-11 ms of main-thread work.  Key press to the second frame
(``benchmarks/browser_latency.py --notebooks --fallback``, both ways
interleaved in the same page) took 0.82-0.94 of the time of the style rules in
lessons 02, 03, 06, 07 and 10; in lessons 00 and 01, whose steps are small,
the two are level (1.02-1.04).

An arrow key on the slider is drawn before the slider hears of it.  The
ipywidgets slider, on a key press, updates itself and sends the new value to
the kernel; the Jupyter server and the kernel then work at the same moment
as the browser draws the step, and on a machine with two cores they slow it
down (with both paused, a key press in lessons 06 and 10 took 3.5-5 ms
less).  So the page script takes the arrow key first: it patches the copy in
the key's own task, and hands the key to the slider in the first task after
that frame.  Key press to the second frame fell from 17.0 to 13.1 ms in
lesson 06 and from 18.6 to 14.5 ms in lesson 10 (medians of 32 presses each
way, interleaved in the same page).

:data:`STEP_BUTTONS_JS` makes Previous and Next move the slider in the page.
"""

from __future__ import annotations

__all__ = ["STEP_BUTTONS_JS", "STEP_IN_PLACE_JS", "ends_css", "switch_css"]

#: Makes Previous and Next move the "Step" slider in the page, as the arrow
#: keys do (a key press on the slider's handle), so they work in a page
#: exported with its widget state, with no kernel, and in JupyterLab without
#: a round trip to Python.  The click is stopped before the button sends it
#: to Python, whose ``on_click`` (the same move) stays for front ends that
#: do not run the script.  Idempotent: one listener per page.
STEP_BUTTONS_JS = """
(() => {
  if (window.__convlibStepButtons) return;
  window.__convlibStepButtons = true;
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element && event.target.closest(
      '.convlib-stepper button.convlib-previous, .convlib-stepper button.convlib-next');
    if (!button) return;
    const handle = button.closest('.convlib-stepper').querySelector('.convlib-step-slider [role=slider]');
    if (!handle) return;
    event.stopPropagation();
    const key = button.classList.contains('convlib-next') ? 'ArrowRight' : 'ArrowLeft';
    handle.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true, cancelable: true}));
  }, true);
})();
"""

#: Shows each step-through's current step in place.  In every
#: ``.convlib-stepper`` whose steps are all in the page (``.convlib-step``
#: elements with ``data-k``, hidden), it adds one visible copy (class
#: ``convlib-shown``, ``data-shows`` = the step) and, whenever the slider's
#: ``aria-valuetext`` changes, patches it into the step the slider reads:
#: only attributes, texts and children that differ are changed, so the
#: browser restyles and repaints the few cells that differ.  It turns off
#: the widget's switching style rules (``<style data-convlib-switch>``) and
#: marks the row of buttons ``convlib-at-first`` / ``convlib-at-last`` for
#: the dimmed Previous and Next.  New and redrawn step-throughs are found by
#: the same observer (a redraw replaces the steps, and the copy with them),
#: which also watches the classes that name a step-through's parts:
#: ipywidgets adds them after the parts are in the page.  An arrow key on
#: the slider shows the next step at once and reaches the slider after the
#: frame (the copy runs ahead of the slider until then; quick presses add up).
#: Idempotent: one observer per page.
STEP_IN_PLACE_JS = """
(() => {
  if (window.__convlibInPlace) { window.__convlibInPlace.syncAll(); return; }
  const HANDLE = '.convlib-step-slider .noUi-handle';  // its role and aria-valuetext may come later
  const valueOf = (handle) => Math.round(Number(handle.getAttribute('aria-valuetext')));
  const patchChildren = (live, target) => {
    const a = live.childNodes, b = target.childNodes;
    if (a.length !== b.length) { live.replaceChildren(...[...b].map((n) => n.cloneNode(true))); return; }
    for (let i = 0; i < b.length; i++) if (!a[i].isEqualNode(b[i])) patch(a[i], b[i]);
  };
  const patch = (live, target) => {
    if (live.nodeType !== target.nodeType || live.nodeName !== target.nodeName) {
      live.replaceWith(target.cloneNode(true));
    } else if (live.nodeType === Node.ELEMENT_NODE) {
      for (const name of target.getAttributeNames()) {
        const value = target.getAttribute(name);
        if (live.getAttribute(name) !== value) live.setAttribute(name, value);
      }
      for (const name of live.getAttributeNames()) {
        if (!target.hasAttribute(name)) live.removeAttribute(name);
      }
      patchChildren(live, target);
    } else if (live.nodeValue !== target.nodeValue) {
      live.nodeValue = target.nodeValue;
    }
  };
  // The slider's handle, the row of buttons and the steps' box of a step-through, found once:
  // they come after the hidden steps, which a search from the top would walk through each time.
  const parts = (stepper) => {
    const p = stepper.__convlibParts;
    if (p && p.handle.isConnected && p.steps.isConnected && stepper.contains(p.handle)) return p;
    const found = {
      handle: stepper.querySelector(HANDLE),
      buttons: stepper.querySelector('.convlib-buttons'),
      steps: stepper.querySelector('.convlib-steps'),
    };
    stepper.__convlibParts = found.handle && found.buttons && found.steps ? found : null;
    return found;
  };
  // Marks a step-through shown in place (or not), and the ends of its walk on its row of buttons.
  // toggle(name, force) leaves the attribute alone when nothing changes: the observer below
  // watches the classes of these elements.
  const mark = (stepper, buttons, on, k = 0, n = 0) => {
    stepper.classList.toggle('convlib-in-place', on);
    if (!buttons) return;
    buttons.classList.toggle('convlib-at-first', on && k <= 1);
    buttons.classList.toggle('convlib-at-last', on && k >= n);
  };
  const sync = (stepper) => {
    const {handle, buttons, steps: html} = parts(stepper);
    const first = html && html.querySelector('.convlib-step[data-k]');
    if (!handle || !first) {  // steps drawn one at a time by Python (or not there yet): the style rules work
      mark(stepper, buttons, false);
      return;
    }
    const box = first.parentElement;
    if (box.__convlibFirst !== first) {  // new or redrawn steps
      box.__convlibFirst = first;
      box.__convlibSteps = [...box.children].filter((e) => e.matches('.convlib-step[data-k]'));
      for (const s of box.querySelectorAll(':scope > style[data-convlib-switch]')) s.media = 'not all';
    }
    const steps = box.__convlibSteps;
    const n = steps.length;
    const k = Math.min(Math.max(stepper.__convlibAhead || valueOf(handle) || 1, 1), n);
    let live = box.lastElementChild;  // the copy goes after the steps: searches for them stop early
    if (!live.classList.contains('convlib-shown')) {
      live = document.createElement('div');
      live.className = 'convlib-step convlib-shown';
      box.append(live);
    }
    if (live.dataset.shows !== String(k)) {
      patchChildren(live, steps[k - 1]);  // a new, empty copy gets the whole step
      live.dataset.shows = String(k);
    }
    mark(stepper, buttons, true, k, n);
  };
  // An arrow key on the slider of a step-through shown in place: the next step is drawn in
  // this frame, and the key is handed to the slider in the first task after the frame.  The
  // slider's own work (ipywidgets updates its model and sends the value to the kernel, and the
  // server and kernel then compete with the browser for the CPU) comes after the step is on
  // screen.  Until the slider has caught up, the copy shows the step ahead (__convlibAhead).
  const STEP_KEYS = {ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1};
  const handedOn = new WeakSet();
  let takeKeys = true;  // keys(false): the slider first, as before (benchmarks/browser_latency.py)
  // One listener for the page, in the capture phase: it runs before the slider's own.
  const onKey = (event) => {
    const d = STEP_KEYS[event.key];
    if (!d || !takeKeys || handedOn.has(event) || event.altKey || event.ctrlKey || event.metaKey
        || event.shiftKey || !(event.target instanceof Element)) return;
    const stepper = event.target.closest('.convlib-stepper.convlib-in-place');  // it has a copy
    if (!stepper || event.target !== parts(stepper).handle) return;
    const handle = event.target;
    const n = Number(handle.getAttribute('aria-valuemax'));  // the slider runs over the steps, 1 to n
    const k = stepper.__convlibAhead || valueOf(handle);
    if (!k || !n) return;
    const next = Math.min(Math.max(k + d, 1), n);
    if (next === k && !stepper.__convlibAhead) return;  // at an end: the slider does nothing either
    event.stopPropagation();
    event.preventDefault();
    stepper.__convlibAhead = next;
    sync(stepper);
    if (!stepper.__convlibCatchUp) {
      stepper.__convlibCatchUp = true;
      requestAnimationFrame(() => setTimeout(() => catchUp(stepper), 0));
    }
  };
  // Moves the slider to the step shown, one key press at a time, as the keys would have.
  const catchUp = (stepper) => {
    stepper.__convlibCatchUp = false;
    const target = stepper.__convlibAhead;
    const {handle} = parts(stepper);
    for (let i = 0; handle && handle.isConnected && i < 10000; i++) {
      const k = valueOf(handle);
      if (k === target) break;
      const key = new KeyboardEvent('keydown', {key: k < target ? 'ArrowRight' : 'ArrowLeft',
                                                bubbles: true, cancelable: true});
      handedOn.add(key);
      handle.dispatchEvent(key);
      if (valueOf(handle) === k) break;  // the slider did not move (disabled): it stays the truth
    }
    stepper.__convlibAhead = 0;
    sync(stepper);
  };
  const syncAll = () => document.querySelectorAll('.convlib-stepper').forEach(sync);
  // What to look at again: a step-through whose slider moved, whose parts arrived, or whose
  // parts were named (ipywidgets adds a widget's classes after the widget is in the page).
  const PARTS = '.convlib-stepper, .convlib-steps, .convlib-buttons, .convlib-step-slider';
  const obs = new MutationObserver((records) => {
    const todo = new Set();
    for (const r of records) {
      const t = r.target;
      if (t.nodeType !== Node.ELEMENT_NODE) continue;
      if (r.type === 'attributes') {
        if (r.attributeName === 'class' && !t.matches(PARTS)) continue;
      } else if (!r.addedNodes.length || t.closest('.convlib-shown')) {  // nothing new, or our own patching
        continue;
      }
      const s = t.closest('.convlib-stepper');
      if (s) {
        todo.add(s);
      } else if (r.type === 'childList') {
        for (const n of r.addedNodes) {
          if (n.nodeType !== Node.ELEMENT_NODE) continue;
          if (n.matches('.convlib-stepper')) todo.add(n);
          n.querySelectorAll('.convlib-stepper').forEach((e) => todo.add(e));
        }
      }
    }
    todo.forEach(sync);
  });
  // on() is what every page does; off() leaves the steps to the style rules, as in a front end
  // that runs no script (benchmarks/browser_latency.py --fallback compares the two).
  const on = () => {
    obs.observe(document.body, {subtree: true, childList: true, attributes: true,
                                attributeFilter: ['aria-valuetext', 'class']});
    syncAll();
  };
  const off = () => {
    obs.disconnect();
    for (const stepper of document.querySelectorAll('.convlib-stepper')) {
      const {buttons, steps: html} = parts(stepper);
      if (html) {
        html.querySelectorAll('.convlib-shown').forEach((e) => e.remove());
        html.querySelectorAll('style[data-convlib-switch]').forEach((e) => { e.media = ''; });
        const first = html.querySelector('.convlib-step[data-k]');
        if (first) first.parentElement.__convlibFirst = null;  // the next sync turns the rules off again
      }
      mark(stepper, buttons, false);
    }
  };
  const keys = (take) => { takeKeys = take; };
  window.__convlibInPlace = {sync, syncAll, on, off, keys};
  document.addEventListener('keydown', onKey, true);
  on();
})();
"""


def switch_css(n: int) -> str:
    """Style rules showing step ``k`` of ``n`` while the "Step" slider reads ``k``: the fallback of the page script.

    All steps are in the page, hidden (``display: none``: no style, layout or
    paint, and out of the accessibility tree) but the one whose number the
    slider's handle announces (its ``aria-valuetext``, written by the
    ipywidgets 8 slider).  So a key press on the slider shows the next step
    with no script at all, also in a page exported with its widget state.

    The rules are written so that the browser does little when the slider
    moves: each ends in a class of its own step (``convlib-k12``), so each
    step is matched against one rule, not all ``n``; and each looks for the
    slider among the *following siblings* of the steps (``:has(~ ...)``, the
    row of buttons), not in the whole widget.  They sit in a style element of
    their own (``data-convlib-switch``), which :data:`STEP_IN_PLACE_JS` turns
    off; the rule hiding the steps stays.
    """
    shown = ",".join(f'.convlib-steps:has(~ .convlib-buttons .convlib-step-slider [aria-valuetext="{k}"]) '
                     f'.convlib-k{k}' for k in range(1, n + 1))
    return (f"<style>.convlib-step[data-k]{{display:none}}</style>"
            f"<style data-convlib-switch>{shown}{{display:block}}</style>")


def ends_css(n: int) -> str:
    """Style rules dimming Previous at step 1 and Next at step ``n``, read from the slider as above.

    Not the buttons' ``disabled`` trait: Python would set it, so a page
    exported with its widget state would keep the buttons as they were when
    it was saved (Previous disabled for good).  A style sheet applies to the
    whole page: the rule for Next names the widgets with ``n`` steps (a class
    ``convlib-total-n`` on their row of buttons).  The page script turns
    these rules off too and marks the ends with classes instead
    (``convlib-at-first``, ``convlib-at-last``, styled in
    :data:`convlib.html.CSS`).
    """
    at = '.convlib-buttons{}:has(.convlib-step-slider [aria-valuetext="{}"])'
    last = f"{at.format(f'.convlib-total-{n}', n)} .convlib-next"
    return (f"<style data-convlib-switch>{at.format('', 1)} .convlib-previous,{last}"
            "{opacity:.45;cursor:default;pointer-events:none}</style>")
