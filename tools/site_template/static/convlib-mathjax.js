// MathJax 3 settings for the pages of the site (tools/build_site.py), read by
// static/mathjax/tex-chtml-full.js, which is loaded after this file.  The same
// delimiters as JupyterLab: $...$ and \(...\) inline, $$...$$ and \[...\]
// displayed.  Widgets are left alone (their HTML is not TeX).
window.MathJax = {
  tex: {
    inlineMath: [['$', '$'], ['\\(', '\\)']],
    displayMath: [['$$', '$$'], ['\\[', '\\]']],
    processEscapes: true,
    processEnvironments: true,
    tags: 'ams'
  },
  options: {ignoreHtmlClass: 'tex2jax_ignore|jupyter-widgets', processHtmlClass: 'tex2jax_process'},
  // the "Safe" filter nbconvert's pages ask MathJax 2 for: no unsafe URLs or styles in formulas
  loader: {load: ['ui/safe']}
};
